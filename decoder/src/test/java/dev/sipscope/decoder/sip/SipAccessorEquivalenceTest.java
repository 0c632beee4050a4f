package dev.sipscope.decoder.sip;

import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts the correlator's per-message accessors take give exactly what the full parsers
 * give: {@link SipMessage#fromTag()} and {@link SipMessage#toTag()} (read straight from the bytes)
 * equal {@code from().tag()} and {@code to().tag()}; {@link SipMessage#fromUri()} and
 * {@link SipMessage#toUri()} equal the parsed addresses' URI texts; {@link SipMessage#topVia()} (only the first
 * value parsed) equals {@code vias().get(0)}; the lazy {@link SipVia} answers as the eager reader it
 * replaced ({@link LegacySipVia}); {@code SipParams.find} equals {@code parseHeaderParams(...).get}.
 * Over generated header values full of awkward cases (quoted names holding {@code ;} and {@code <},
 * missing brackets, empty and valueless parameters, non-ASCII bytes, the wildcard) and random byte
 * mutations. Fixed seeds; never throws.
 */
class SipAccessorEquivalenceTest {

    private static final String[] ADDRESS_PARTS = {
        "\"Alice\" ", "\"A;l<i>ce\\\"\" ", "Bob ", "", "  ", "*", "<sip:alice@atlanta.example.com>",
        "<sip:a;b@h;transport=tcp>", "sip:alice@host;tag=noangle", "sip:user;x=1@host", "<sip:x@y", ">",
        ";tag=1928301774", ";TAG=upper", ";tag", ";tag=", ";tag = spaced ", ";tag=\"quo;ted\"", ";foo=bar",
        ";q=0.7;expires=60", ";tag=a;tag=b", ";;", "; tag=x", ";ta\u0131g=t", ";\u00e9=1", ",", "\t", "@", "\"open",
    };
    private static final String[] VIA_PARTS = {
        "SIP/2.0/UDP ", "SIP / 2.0 / tcp ", "SIP/2.0/", "SIP/2.0", "SIP", "/", "host.example.com", "192.0.2.1",
        "[2001:db8::1]", "[2001:db8::1", ":5060", ":99999", ":x", " ", ";branch=z9hG4bK776asdhds", ";BRANCH=Up",
        ";branch", ";branch=", ";rport", ";received=192.0.2.9", ";branch=\"q;b\"", ";ttl=16", ";maddr=m", ";;",
        "\u00e9", ",", "SIP/2.0/UDP h;branch=z9hG4bK-2", "PC33.Atlanta.Example.COM", ":05060", ": 5060", ":0", ":",
        "\t", ":65535", ":65536", "\u00c9",
    };

    @Test
    void tagsAndUrisReadFromTheBytesEqualTheParsedAddresses() {
        Random r = new Random(11);
        int withUri = 0;
        for (int n = 0; n < 20_000; n++) {
            String from = pick(r, ADDRESS_PARTS, 1 + r.nextInt(5));
            String to = pick(r, ADDRESS_PARTS, 1 + r.nextInt(5));
            SipMessage m = message("From: " + from + "\nTo: " + to + "\n");
            SipMessage again = message("From: " + from + "\nTo: " + to + "\n");
            if (m == null) {
                continue;
            }
            String expectedFrom = again.from() == null ? null : again.from().tag();
            String expectedTo = again.to() == null ? null : again.to().tag();
            assertThat(m.fromTag()).as("From: %s", from).isEqualTo(expectedFrom);
            assertThat(m.toTag()).as("To: %s", to).isEqualTo(expectedTo);
            assertThat(again.fromTag()).isEqualTo(expectedFrom);
            String fromUri = uriText(again.from());
            assertThat(m.fromUri()).as("From: %s", from).isEqualTo(fromUri);
            assertThat(m.toUri()).as("To: %s", to).isEqualTo(uriText(again.to()));
            // Once the address is parsed, the URI comes from it.
            assertThat(again.fromUri()).isEqualTo(fromUri);
            byte[] b = from.getBytes(StandardCharsets.UTF_8);
            SipAddress parsed = SipAddress.parse(b, 0, b.length);
            assertThat(SipAddress.tagOf(b, 0, b.length)).as("From: %s", from).isEqualTo(parsed.tag());
            assertThat(SipAddress.uriTextOf(b, 0, b.length)).as("From: %s", from).isEqualTo(uriText(parsed));
            if (fromUri != null && !fromUri.isEmpty()) {
                withUri++;
            }
        }
        assertThat(withUri).as("values with a URI").isGreaterThan(5_000);
    }

    private static String uriText(SipAddress a) {
        return a == null || a.uri() == null ? null : a.uri().text();
    }

    @Test
    void theTopViaAloneEqualsTheFirstOfAllVias() {
        Random r = new Random(12);
        for (int n = 0; n < 20_000; n++) {
            String v1 = pick(r, VIA_PARTS, r.nextInt(6));
            String v2 = pick(r, VIA_PARTS, r.nextInt(6));
            String headers = (r.nextBoolean() ? "Via: " + v1 + (r.nextBoolean() ? ", " + v2 : "") + "\n" : "")
                    + (r.nextBoolean() ? "Via: " + v2 + "\n" : "");
            SipMessage top = message(headers);
            SipMessage all = message(headers);
            if (top == null) {
                continue;
            }
            SipVia first = top.topVia();
            SipVia expected = all.vias().isEmpty() ? null : all.vias().get(0);
            assertThat(describe(first)).as(headers).isEqualTo(describe(expected));
            assertThat(top.vias()).hasSameSizeAs(all.vias());
            if (first != null) {
                assertThat(top.vias().get(0)).isSameAs(first);
            }
        }
    }

    @Test
    void lazyViaAnswersAsTheEagerReader() {
        Random r = new Random(13);
        for (int n = 0; n < 30_000; n++) {
            byte[] b = pick(r, VIA_PARTS, r.nextInt(7)).getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(4) == 0 && b.length > 0) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            SipVia lazy = SipVia.parse(b, 0, b.length);
            // Branch first, then everything: the cached branch must agree with the parameters read later.
            String branch = lazy.branch();
            LegacySipVia legacy = LegacySipVia.parse(b, 0, b.length);
            assertThat(describe(lazy)).isEqualTo(describe(legacy));
            assertThat(branch).isEqualTo(lazy.params().get("branch"));
            // The transaction keys' sent-by, asked first (as the correlator does), and after sentBy().
            String lower = legacy.sentBy() == null ? null : legacy.sentBy().toLowerCase(Locale.ROOT);
            assertThat(SipVia.parse(b, 0, b.length).sentByLowerCase()).as("%s", lazy.text()).isEqualTo(lower);
            assertThat(lazy.sentByLowerCase()).isEqualTo(lower);
        }
    }

    @Test
    void findingOneParameterEqualsReadingThemAll() {
        Random r = new Random(14);
        String[] names = {"tag", "branch", "TAG", "x"};
        for (int n = 0; n < 30_000; n++) {
            byte[] b = pick(r, ADDRESS_PARTS, r.nextInt(6)).getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(4) == 0 && b.length > 0) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            for (String name : names) {
                assertThat(SipParams.find(b, from, b.length, name))
                        .isEqualTo(SipParams.parseHeaderParams(b, from, b.length).get(name));
            }
        }
    }

    private static SipMessage message(String headers) {
        byte[] b = crlf("OPTIONS sip:x@example.com SIP/2.0\n" + headers + "Call-ID: 1\nCSeq: 1 OPTIONS\n"
                + "Content-Length: 0\n\n").getBytes(StandardCharsets.UTF_8);
        return new SipDatagramParser().parse(b, 0, b.length);
    }

    private static String pick(Random r, String[] parts, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(parts[r.nextInt(parts.length)]);
        }
        return sb.toString();
    }

    private static String describe(SipVia v) {
        return v == null ? "null" : String.join("|", v.text(), v.protocolName(), v.protocolVersion(), v.transport(),
                String.valueOf(v.host()), String.valueOf(v.isIpv6()), String.valueOf(v.port()), String.valueOf(v.sentBy()),
                v.params().toString(), String.valueOf(v.branch()), String.valueOf(v.hasRfc3261Branch()),
                String.valueOf(v.received()), String.valueOf(v.hasRport()), String.valueOf(v.rport()),
                String.valueOf(v.maddr()), String.valueOf(v.ttl()), String.valueOf(v.isValid()), v.toString());
    }

    private static String describe(LegacySipVia v) {
        return v == null ? "null" : String.join("|", v.text(), v.protocolName(), v.protocolVersion(), v.transport(),
                String.valueOf(v.host()), String.valueOf(v.isIpv6()), String.valueOf(v.port()), String.valueOf(v.sentBy()),
                v.params().toString(), String.valueOf(v.branch()), String.valueOf(v.hasRfc3261Branch()),
                String.valueOf(v.received()), String.valueOf(v.hasRport()), String.valueOf(v.rport()),
                String.valueOf(v.maddr()), String.valueOf(v.ttl()), String.valueOf(v.isValid()), v.toString());
    }
}
