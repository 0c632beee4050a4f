package dev.sipscope.quality;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The hand-written equals and hashCode keep a record's value semantics: every component counts. */
class PayloadFormatTest {
    private static final PayloadFormat BASE = new PayloadFormat(111, "opus", 48000, 2);

    @Test
    void equalComponentsAreEqualWithTheSameHash() {
        PayloadFormat same = new PayloadFormat(111, new String("opus".toCharArray()), 48000, 2);
        assertEquals(BASE, same);
        assertEquals(BASE.hashCode(), same.hashCode());
        assertEquals(new PayloadFormat(0, "PCMU", 8000), new PayloadFormat(0, "PCMU", 8000, 1));
    }

    @Test
    void eachComponentTellsFormatsApart() {
        for (PayloadFormat other : List.of(
                new PayloadFormat(110, "opus", 48000, 2),
                new PayloadFormat(111, "OPUS", 48000, 2),
                new PayloadFormat(111, "opus", 16000, 2),
                new PayloadFormat(111, "opus", 48000, 1))) {
            assertNotEquals(BASE, other, other.toString());
            assertNotEquals(other, BASE, other.toString());
        }
        assertNotEquals(BASE, null);
    }
}
