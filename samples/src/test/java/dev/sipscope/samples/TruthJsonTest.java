package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed truth sidecars parse as JSON and every id they cross-reference exists. */
class TruthJsonTest {

    static List<String> names() {
        return SampleCaptures.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void sidecarCrossReferencesResolve(String name) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(
                Scenario.truthPath(SampleCaptures.directory().resolve(name))));
        int transactions = root.get("transactions").size();
        int dialogs = root.get("dialogs").size();
        Set<String> callIds = new HashSet<>();
        Set<Long> messageIds = new HashSet<>();
        for (String section : new String[] {"calls", "registrations", "exchanges"}) {
            for (JsonNode item : root.get(section)) {
                if (item.has("callId")) {
                    callIds.add(item.get("callId").asText());
                }
                for (JsonNode m : item.get("messages")) {
                    assertThat(messageIds.add(m.get("id").asLong())).as("message ids are unique").isTrue();
                    assertThat(m.get("transaction").asInt()).isBetween(0, transactions - 1);
                    if (!m.get("dialog").isNull()) {
                        assertThat(m.get("dialog").asInt()).isBetween(0, dialogs - 1);
                    }
                    assertThat(m.get("callId").asText()).isEqualTo(item.get("callId").asText());
                }
            }
        }
        assertThat(messageIds).hasSize(root.get("sipMessages").asInt());
        for (long i = 0; i < messageIds.size(); i++) {
            assertThat(messageIds).contains(i);
        }
        for (int i = 0; i < transactions; i++) {
            JsonNode t = root.get("transactions").get(i);
            assertThat(t.get("id").asInt()).isEqualTo(i);
            assertThat(t.get("branch").asText()).startsWith("z9hG4bK");
            for (JsonNode m : t.get("messages")) {
                assertThat(messageIds).contains(m.asLong());
            }
            for (String ref : new String[] {"cancels", "forwardOf"}) {
                if (!t.get(ref).isNull()) {
                    assertThat(t.get(ref).asInt()).isBetween(0, transactions - 1);
                }
            }
        }
        for (int i = 0; i < dialogs; i++) {
            JsonNode d = root.get("dialogs").get(i);
            assertThat(d.get("id").asInt()).isEqualTo(i);
            assertThat(d.get("state").asText()).isIn("EARLY", "CONFIRMED", "TERMINATED");
        }
        for (JsonNode l : root.get("links")) {
            assertThat(callIds).contains(l.get("from").asText(), l.get("to").asText());
        }
        for (JsonNode c : root.get("calls")) {
            assertThat(c.get("state").asText()).isNotEmpty();
        }
    }
}
