package dev.sipscope.correlator.privacy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SipMasker} remembers the masks of recent values (the same users recur in every message of a call); a
 * masker that has seen them masks every message exactly as a fresh masker with the same key, which draws each
 * mask anew: over more distinct values than it remembers (so that the table is emptied on the way), values that
 * recur near and far, one-character values whose mask is drawn again, and values longer than one digest.
 */
class SipMaskerRecentValuesTest {

    @Test
    void aMaskerThatRemembersMasksAsOneThatDrawsEveryMaskAnew() {
        byte[] key = "recent".getBytes(StandardCharsets.UTF_8);
        SipMasker warm = new SipMasker(key);
        Random random = new Random(7);
        int messages = 12_000;
        for (int i = 0; i < messages; i++) {
            // callers from a pool of 9,000 (more than the masker remembers), callees near the caller or far back
            String caller = user(random.nextInt(9_000), random);
            String callee = random.nextBoolean() ? caller : user(random.nextInt(i + 1), random);
            // now and then a message whose only masked value has no letter or digit: nothing changes
            String sip = i % 100 == 0 ? "OPTIONS sip:10.0.0.2 SIP/2.0\r\nFrom: \"-.-\" <sip:10.0.0.1>;tag=" + i
                    + "\r\nCall-ID: o" + i + "@host\r\n\r\n"
                    : "INVITE sip:" + callee + "@10.0.0.2 SIP/2.0\r\n"
                    + "From: \"" + caller.toUpperCase() + "\" <sip:" + caller + "@10.0.0.1>;tag=" + i + "\r\n"
                    + "To: <sip:" + callee + "@10.0.0.2>\r\n"
                    + "Contact: <sip:" + caller + "@10.0.0.1:5060>, <tel:+1-555-" + (i % 10) + ">\r\n"
                    + "Call-ID: c" + i + "@host\r\n\r\n";
            byte[] a = sip.getBytes(StandardCharsets.US_ASCII);
            byte[] b = a.clone();
            boolean changedWarm = warm.mask(a, 0, a.length);
            boolean changedCold = new SipMasker(key).mask(b, 0, b.length);
            assertThat(new String(a, StandardCharsets.US_ASCII)).as("message " + i)
                    .isEqualTo(new String(b, StandardCharsets.US_ASCII));
            assertThat(changedWarm).as("message " + i + " changed").isEqualTo(changedCold).isEqualTo(i % 100 != 0);
        }
        assertThat(warm.valuesMasked()).as("every value counted, remembered or drawn").isGreaterThan(4L * messages);
    }

    /** u{n}, or for some a single digit (whose first mask may equal it) or a name longer than one digest. */
    private static String user(int n, Random random) {
        return switch (n % 50) {
            case 0 -> Integer.toString(n % 10);
            case 1 -> "long" + "x".repeat(40) + n;
            default -> "u" + n;
        };
    }
}
