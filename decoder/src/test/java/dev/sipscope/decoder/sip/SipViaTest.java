package dev.sipscope.decoder.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SipViaTest {

    @Test
    void fullVia() {
        SipVia v = SipVia.parse("SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067;maddr=224.2.0.1;ttl=16");
        assertThat(v.protocolName()).isEqualTo("SIP");
        assertThat(v.protocolVersion()).isEqualTo("2.0");
        assertThat(v.transport()).isEqualTo("UDP");
        assertThat(v.host()).isEqualTo("pc33.atlanta.example.com");
        assertThat(v.port()).isEqualTo(5066);
        assertThat(v.sentBy()).isEqualTo("pc33.atlanta.example.com:5066");
        assertThat(v.branch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(v.hasRfc3261Branch()).isTrue();
        assertThat(v.received()).isEqualTo("192.0.2.1");
        assertThat(v.hasRport()).isTrue();
        assertThat(v.rport()).isEqualTo(5067);
        assertThat(v.maddr()).isEqualTo("224.2.0.1");
        assertThat(v.ttl()).isEqualTo(16);
        assertThat(v.isValid()).isTrue();
    }

    @Test
    void sentByInLowerCaseIsTheNormalisedSentByLowered() {
        // Read straight from the bytes when they already are the text; normalised otherwise.
        String[][] cases = {
            {"SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1", "192.0.2.1:5060"},
            {"SIP/2.0/UDP PC33.Atlanta.COM:5066;branch=z9hG4bK1", "pc33.atlanta.com:5066"},
            {"SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1", "pc33.atlanta.com"},
            {"SIP/2.0/UDP Host:0", "host:0"},
            {"SIP/2.0/UDP host:05060;branch=z9hG4bK1", "host:5060"},
            {"SIP/2.0/UDP host : 5060;branch=z9hG4bK1", "host:5060"},
            {"SIP/2.0/UDP host:;branch=z9hG4bK1", "host"},
            {"SIP/2.0/UDP host:70000;branch=z9hG4bK1", "host"},
            {"SIP/2.0/UDP [2001:DB8::1]:5060;branch=z9hG4bK1", "[2001:db8::1]:5060"},
            {"SIP/2.0/UDP H\u00c9ST:5060", "h\u00e9st:5060"},
            {"SIP/2.0/UDP ;branch=z9hG4bK1", ""},
            {"SIP/2.0", null},
        };
        for (String[] c : cases) {
            assertThat(SipVia.parse(c[0]).sentByLowerCase()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void rportWithoutValueAndLowerCaseTransport() {
        SipVia v = SipVia.parse("SIP/2.0/tcp client.example.com;rport;branch=z9hG4bKx");
        assertThat(v.transport()).isEqualTo("TCP");
        assertThat(v.port()).isEqualTo(-1);
        assertThat(v.hasRport()).isTrue();
        assertThat(v.rport()).isEqualTo(-1);
        assertThat(v.ttl()).isEqualTo(-1);
    }

    @Test
    void whiteSpaceAroundSlashesAndColonIsAllowed() {
        SipVia v = SipVia.parse("SIP / 2.0 / WSS  df7jal23ls0d.invalid : 443 ; branch = z9hG4bK56sdasks");
        assertThat(v.transport()).isEqualTo("WSS");
        assertThat(v.host()).isEqualTo("df7jal23ls0d.invalid");
        assertThat(v.port()).isEqualTo(443);
        assertThat(v.branch()).isEqualTo("z9hG4bK56sdasks");
        assertThat(v.isValid()).isTrue();
    }

    @Test
    void ipv6SentBy() {
        SipVia v = SipVia.parse("SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3-111;received=[2001:db8::9:255]");
        assertThat(v.host()).isEqualTo("2001:db8::9:1");
        assertThat(v.isIpv6()).isTrue();
        assertThat(v.port()).isEqualTo(5060);
        assertThat(v.sentBy()).isEqualTo("[2001:db8::9:1]:5060");
        assertThat(v.received()).isEqualTo("[2001:db8::9:255]");
    }

    @Test
    void oldStyleBranchIsNotRfc3261() {
        assertThat(SipVia.parse("SIP/2.0/UDP h;branch=1234").hasRfc3261Branch()).isFalse();
        assertThat(SipVia.parse("SIP/2.0/UDP h").branch()).isNull();
    }

    @Test
    void malformedViasAreMarkedInvalid() {
        for (String s : new String[] {"", "SIP", "SIP/2.0", "SIP/2.0/UDP", "SIP/2.0/UDP h:99999", "SIP/2.0/UDP [::1",
            "garbage here", "SIP/2.0/UDP h junk"}) {
            assertThat(SipVia.parse(s).isValid()).as(s).isFalse();
        }
    }
}
