package dev.sipscope.decoder.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The hand-written equals and hashCode keep a record's value semantics: every component counts. */
class SdpRtpMapTest {
    private static final SdpRtpMap BASE = new SdpRtpMap(8, "PCMA", 8000, 1, false);

    @Test
    void equalComponentsAreEqualWithTheSameHash() {
        SdpRtpMap same = new SdpRtpMap(8, new String("PCMA".toCharArray()), 8000, 1, false);
        assertEquals(BASE, same);
        assertEquals(BASE.hashCode(), same.hashCode());
        SdpRtpMap noName = new SdpRtpMap(8, null, 8000, 1, false);
        assertEquals(noName, new SdpRtpMap(8, null, 8000, 1, false));
        assertEquals(noName.hashCode(), new SdpRtpMap(8, null, 8000, 1, false).hashCode());
    }

    @Test
    void eachComponentTellsMapsApart() {
        for (SdpRtpMap other : List.of(
                new SdpRtpMap(9, "PCMA", 8000, 1, false),
                new SdpRtpMap(8, "pcma", 8000, 1, false),
                new SdpRtpMap(8, null, 8000, 1, false),
                new SdpRtpMap(8, "PCMA", 16000, 1, false),
                new SdpRtpMap(8, "PCMA", 8000, 2, false),
                new SdpRtpMap(8, "PCMA", 8000, 1, true))) {
            assertNotEquals(BASE, other, other.toString());
            assertNotEquals(other, BASE, other.toString());
        }
        assertNotEquals(BASE, null);
        assertNotEquals(BASE, "8 PCMA/8000");
    }
}
