package dev.sipscope.decoder.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SipHeaderId#lookup(byte[], int, int)} finds a header by its long or compact name in any
 * case, and nothing else: checked against a plain search over every id, on the known names, their
 * near misses (one byte changed, added or dropped) and random names.
 */
class SipHeaderIdTest {

    /** The oracle: compare the lower-cased name with every id's long name and compact letter. */
    private static SipHeaderId slowLookup(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (SipHeaderId id : SipHeaderId.values()) {
            if (id == SipHeaderId.OTHER) {
                continue;
            }
            if (id.canonicalName().toLowerCase(Locale.ROOT).equals(lower)
                    || (lower.length() == 1 && id.compactForm() == lower.charAt(0))) {
                return id;
            }
        }
        return SipHeaderId.OTHER;
    }

    private static SipHeaderId lookup(String name) {
        // Inside a larger buffer, as the scanner calls it.
        byte[] b = ("x:" + name + ":y").getBytes(StandardCharsets.ISO_8859_1);
        return SipHeaderId.lookup(b, 2, b.length - 4);
    }

    @Test
    void everyKnownNameIsFoundInAnyCase() {
        for (SipHeaderId id : SipHeaderId.values()) {
            if (id == SipHeaderId.OTHER) {
                continue;
            }
            String name = id.canonicalName();
            assertThat(lookup(name)).as(name).isEqualTo(id);
            assertThat(lookup(name.toUpperCase(Locale.ROOT))).as(name).isEqualTo(id);
            assertThat(lookup(name.toLowerCase(Locale.ROOT))).as(name).isEqualTo(id);
            if (id.compactForm() != 0) {
                assertThat(lookup(String.valueOf(id.compactForm()))).isEqualTo(id);
                assertThat(lookup(String.valueOf(Character.toUpperCase(id.compactForm())))).isEqualTo(id);
            }
        }
        assertThat(lookup("Call-ID")).isEqualTo(SipHeaderId.CALL_ID);
        assertThat(lookup("i")).isEqualTo(SipHeaderId.CALL_ID);
        assertThat(lookup("cseq")).isEqualTo(SipHeaderId.CSEQ);
    }

    @Test
    void nearMissesAndOtherNamesAreOther() {
        assertThat(SipHeaderId.lookup(new byte[0], 0, 0)).isEqualTo(SipHeaderId.OTHER);
        assertThat(lookup("Vias")).isEqualTo(SipHeaderId.OTHER);
        assertThat(lookup("Vi")).isEqualTo(SipHeaderId.OTHER);
        assertThat(lookup("Call-IDx")).isEqualTo(SipHeaderId.OTHER);
        assertThat(lookup("Contant")).isEqualTo(SipHeaderId.OTHER);
        assertThat(lookup("X-Call-ID")).isEqualTo(SipHeaderId.OTHER);
        assertThat(lookup("1")).isEqualTo(SipHeaderId.OTHER);
        // Only the given length counts, not the bytes after it.
        for (SipHeaderId id : SipHeaderId.values()) {
            byte[] whole = id.canonicalName().getBytes(StandardCharsets.US_ASCII);
            for (int len = 2; len < whole.length; len++) {
                String prefix = id.canonicalName().substring(0, len);
                assertThat(SipHeaderId.lookup(whole, 0, len)).as(prefix).isEqualTo(slowLookup(prefix));
            }
        }
    }

    @Test
    void lookupEqualsAPlainSearch() {
        Random r = new Random(23);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.!%*+`'~0123456789";
        SipHeaderId[] ids = SipHeaderId.values();
        int known = 0;
        for (int n = 0; n < 60_000; n++) {
            String name;
            int kind = r.nextInt(4);
            String base = ids[r.nextInt(ids.length)].canonicalName();
            if (base.isEmpty()) {
                base = "Via";
            }
            StringBuilder sb = new StringBuilder(base);
            switch (kind) {
                case 0 -> { } // the name itself, case scrambled below
                case 1 -> sb.setCharAt(r.nextInt(sb.length()), alphabet.charAt(r.nextInt(alphabet.length())));
                case 2 -> sb.insert(r.nextInt(sb.length() + 1), alphabet.charAt(r.nextInt(alphabet.length())));
                default -> {
                    sb.setLength(0);
                    for (int i = 1 + r.nextInt(20); i > 0; i--) {
                        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                    }
                }
            }
            if (kind == 1 && r.nextBoolean() && sb.length() > 1) {
                sb.deleteCharAt(r.nextInt(sb.length()));
            }
            for (int i = 0; i < sb.length(); i++) {
                if (r.nextBoolean()) {
                    sb.setCharAt(i, Character.toUpperCase(sb.charAt(i)));
                }
            }
            name = sb.toString();
            SipHeaderId expected = slowLookup(name);
            assertThat(lookup(name)).as(name).isEqualTo(expected);
            if (expected != SipHeaderId.OTHER) {
                known++;
            }
        }
        assertThat(known).as("names that are known headers").isGreaterThan(10_000);
    }
}
