package dev.sipscope.correlator.export;

import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CallLadderTest {

    @Test
    void mermaidTextCannotEndALineOrInjectMarkup() {
        assertThat(CallLadder.mermaid("a;b#c<script>\n%%x")).isEqualTo("a#59;b#35;c#60;script#62;\\x0a#37;#37;x");
        assertThat(CallLadder.mermaid("200 OK (SDP)")).isEqualTo("200 OK (SDP)");
    }

    @Test
    void timeDeltasReadNaturally() {
        assertThat(CallLadder.delta(400_000L)).isEqualTo("+0.4ms");
        assertThat(CallLadder.delta(59_102_164L)).isEqualTo("+59ms");
        assertThat(CallLadder.delta(3_000_000_000L)).isEqualTo("+3.000s");
    }

    @Test
    void hostileReasonPhrasesStayOnOneLineInEveryRendering() throws IOException {
        Wire w = new Wire();
        Msg inv = Msg.request("INVITE", "sip:x@y", "10.0.0.1:5060", "z9hG4bK1", "alice@a", "t", "bob@b", null, "c", 1);
        w.at(0).send("10.0.0.1:5060", "10.0.0.2:5060", inv);
        w.at(10).send("10.0.0.2:5060", "10.0.0.1:5060", Msg.response(inv, 486, "Busy\u001b[31m; ##\u202e>>h1: x").toTag("b"));
        CallLadder ladder = CallLadder.of(w.call("c"), Map.of());
        StringBuilder text = new StringBuilder();
        ladder.writeText(text);
        assertThat(text.toString()).contains("486 Busy\\x1b[31m").doesNotContain("\u001b", "\u202e");
        StringBuilder mermaid = new StringBuilder();
        ladder.writeMermaid(mermaid);
        assertThat(mermaid.toString().lines()).hasSize(1 + 2 + 2);
        assertThat(mermaid.toString()).contains("h2->>h1: 486 Busy\\x1b#91;31m#59; #35;#35;\\u202e#62;#62;h1: x +10ms");
    }
}
