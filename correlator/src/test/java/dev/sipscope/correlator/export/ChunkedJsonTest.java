package dev.sipscope.correlator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ChunkedJson#writeElements}: the bytes of the plain loop, for any count around the chunk size. */
class ChunkedJsonTest {

    private static final ChunkedJson.Element ELEMENT = (w, i) -> {
        w.beginObject();
        w.field("i", i);
        w.field("text", i % 3 == 0 ? "é ☎ \u0001 \"" + i : "plain " + i);
        w.name("list").beginArray();
        for (int k = 0; k < i % 4; k++) {
            w.value(k);
        }
        w.endArray();
        w.endObject();
    };

    private static String render(int count, boolean chunked, boolean pretty, boolean stream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter text = new StringWriter();
        JsonWriter json = stream ? new JsonWriter(bytes, pretty) : new JsonWriter(text, pretty);
        json.beginObject();
        json.field("before", 1);
        json.name("items").beginArray();
        if (chunked) {
            ChunkedJson.writeElements(json, count, 7, ELEMENT);
        } else {
            for (int i = 0; i < count; i++) {
                ELEMENT.write(json, i);
            }
        }
        json.endArray();
        json.field("after", 2);
        json.endObject();
        json.finish();
        return stream ? bytes.toString(StandardCharsets.UTF_8) : text.toString();
    }

    @Test
    void anyCountGivesThePlainLoopsBytes() {
        for (int n : new int[] {0, 1, 6, 7, 8, 13, 14, 15, 21, 22, 100, 1001}) {
            for (boolean pretty : new boolean[] {true, false}) {
                for (boolean stream : new boolean[] {true, false}) {
                    assertThat(render(n, true, pretty, stream)).as("%d items, pretty %s, stream %s", n, pretty, stream)
                            .isEqualTo(render(n, false, pretty, stream));
                }
            }
        }
    }
}
