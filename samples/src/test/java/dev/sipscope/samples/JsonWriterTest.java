package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesStableIndentedJsonWithCompactArrays() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject()
                .field("a", 1)
                .field("s", "q\"uote\\ \n\u0001")
                .field("d", 0.5)
                .field("nan", Double.NaN)
                .name("rows").beginArray()
                .beginCompactArray().value(1).value(2).endArray()
                .beginCompactArray().endArray()
                .endArray()
                .name("empty").beginObject().endObject()
                .endObject();
        assertThat(sb.toString()).isEqualTo("{\n"
                + "  \"a\": 1,\n"
                + "  \"s\": \"q\\\"uote\\\\ \\n\\u0001\",\n"
                + "  \"d\": 0.500000,\n"
                + "  \"nan\": null,\n"
                + "  \"rows\": [\n"
                + "    [1, 2],\n"
                + "    []\n"
                + "  ],\n"
                + "  \"empty\": {}\n"
                + "}\n");
    }

    @Test
    void misuseIsCaught() {
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginObject().value(1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter(new StringBuilder()).beginArray().name("x"))
                .isInstanceOf(IllegalStateException.class);
    }
}
