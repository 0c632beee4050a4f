package dev.sipscope.correlator.export;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWriterTest {

    private static String compact(java.util.function.Consumer<JsonWriter> body) {
        StringWriter sw = new StringWriter();
        JsonWriter w = new JsonWriter(sw, false);
        body.accept(w);
        return sw.toString();
    }

    @Test
    void nestedObjectsAndArraysGetCommasInTheRightPlaces() {
        String s = compact(w -> w.beginObject().field("a", 1).name("b").beginArray().value("x").value(true)
                .beginObject().endObject().endArray().name("c").beginObject().field("d", "e").endObject().endObject());
        assertThat(s).isEqualTo("{\"a\":1,\"b\":[\"x\",true,{}],\"c\":{\"d\":\"e\"}}");
    }

    @Test
    void hostileStringsAreEscapedIntoValidJson() {
        String hostile = "q\"b\\s\u001b[31mred\u0000nul\u007f\u2028\u202e\ud800lone\uD83D\uDE00ok\r\n\t";
        String s = compact(w -> w.beginArray().value(hostile).endArray());
        assertThat(s).isEqualTo("[\"q\\\"b\\\\s\\u001b[31mred\\u0000nul\\u007f\\u2028\u202e\\ud800lone\uD83D\uDE00ok\\r\\n\\t\"]");
        assertThat(s.chars().filter(c -> c < 0x20).count()).isZero();
    }

    @Test
    void doublesAreRoundedAndNonFiniteBecomesNull() {
        String s = compact(w -> w.beginArray().value(1.23456, 3).value(2.0, 3).value(Double.NaN, 2)
                .value(Double.POSITIVE_INFINITY, 2).value(0.0005, 3).endArray());
        assertThat(s).isEqualTo("[1.235,2,null,null,0]");
    }

    @Test
    void prettyPrintingIndentsByTwoSpaces() {
        StringWriter sw = new StringWriter();
        JsonWriter w = new JsonWriter(sw, true);
        w.beginObject().field("a", 1).name("b").beginArray().value(2).endArray().name("e").beginObject().endObject().endObject();
        w.finish();
        assertThat(sw.toString()).isEqualTo("{\n  \"a\": 1,\n  \"b\": [\n    2\n  ],\n  \"e\": {}\n}\n");
    }
}
