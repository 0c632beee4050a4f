package dev.sipscope.decoder.sip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SipUriTest {

    @Test
    void sipUriWithUserHostPortParamsAndHeaders() {
        SipUri u = SipUri.parse("sip:alice@atlanta.example.com:5070;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
        assertThat(u.scheme()).isEqualTo(SipUri.Scheme.SIP);
        assertThat(u.isSip()).isTrue();
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.hasPassword()).isFalse();
        assertThat(u.host()).isEqualTo("atlanta.example.com");
        assertThat(u.port()).isEqualTo(5070);
        assertThat(u.hostPort()).isEqualTo("atlanta.example.com:5070");
        assertThat(u.param("transport")).isEqualTo("tcp");
        assertThat(u.params().has("lr")).isTrue();
        assertThat(u.param("lr")).isNull();
        assertThat(u.param("MADDR")).isEqualTo("239.255.255.1");
        assertThat(u.headers().get("subject")).isEqualTo("project%20x");
        assertThat(u.headers().get("priority")).isEqualTo("urgent");
        assertThat(u.isValid()).isTrue();
    }

    @Test
    void sipsUriWithoutUser() {
        SipUri u = SipUri.parse("SIPS:ss2.biloxi.example.com");
        assertThat(u.scheme()).isEqualTo(SipUri.Scheme.SIPS);
        assertThat(u.schemeName()).isEqualTo("sips");
        assertThat(u.user()).isNull();
        assertThat(u.host()).isEqualTo("ss2.biloxi.example.com");
        assertThat(u.port()).isEqualTo(-1);
        assertThat(u.hostPort()).isEqualTo("ss2.biloxi.example.com");
    }

    @Test
    void passwordIsNotKept() {
        SipUri u = SipUri.parse("sip:alice:secretword@atlanta.example.com;transport=tcp");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.hasPassword()).isTrue();
        assertThat(u.host()).isEqualTo("atlanta.example.com");
        assertThat(u.params().toString()).doesNotContain("secret");
    }

    @Test
    void ipv6ReferenceInBrackets() {
        SipUri u = SipUri.parse("sip:bob@[2001:db8::10]:5062;transport=udp");
        assertThat(u.host()).isEqualTo("2001:db8::10");
        assertThat(u.isIpv6()).isTrue();
        assertThat(u.port()).isEqualTo(5062);
        assertThat(u.hostPort()).isEqualTo("[2001:db8::10]:5062");
        assertThat(u.param("transport")).isEqualTo("udp");
        SipUri noPort = SipUri.parse("sip:[::1]");
        assertThat(noPort.host()).isEqualTo("::1");
        assertThat(noPort.port()).isEqualTo(-1);
        assertThat(noPort.isValid()).isTrue();
    }

    @Test
    void ipv4HostAndTelephoneUser() {
        SipUri u = SipUri.parse("sip:+1-212-555-1212:1234@gateway.com;user=phone");
        assertThat(u.user()).isEqualTo("+1-212-555-1212");
        assertThat(u.hasPassword()).isTrue();
        assertThat(u.param("user")).isEqualTo("phone");
        SipUri v4 = SipUri.parse("sip:alice@192.0.2.4");
        assertThat(v4.host()).isEqualTo("192.0.2.4");
        assertThat(v4.isIpv6()).isFalse();
    }

    @Test
    void escapedUserStaysEscaped() {
        SipUri u = SipUri.parse("sip:%61lice@atlanta.com;transport=TCP");
        assertThat(u.user()).isEqualTo("%61lice");
        assertThat(u.param("transport")).isEqualTo("TCP");
    }

    @Test
    void telUriGivesNumberAndParameters() {
        SipUri u = SipUri.parse("tel:+1-201-555-0123;phone-context=example.com;ext=42");
        assertThat(u.scheme()).isEqualTo(SipUri.Scheme.TEL);
        assertThat(u.user()).isEqualTo("+1-201-555-0123");
        assertThat(u.host()).isNull();
        assertThat(u.param("phone-context")).isEqualTo("example.com");
        assertThat(u.param("ext")).isEqualTo("42");
        assertThat(u.isValid()).isTrue();
    }

    @Test
    void otherSchemesAreKeptAsText() {
        SipUri u = SipUri.parse("urn:service:sos");
        assertThat(u.scheme()).isEqualTo(SipUri.Scheme.OTHER);
        assertThat(u.schemeName()).isEqualTo("urn");
        assertThat(u.text()).isEqualTo("urn:service:sos");
        assertThat(u.isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nocolon", "sip:", "sip:host:99999", "sip:host:12ab", "sip:[::1", "sip:@", ":x", "1sip:a"})
    void malformedUrisAreMarkedInvalidWithoutThrowing(String text) {
        SipUri u = SipUri.parse(text);
        assertThat(u.isValid()).isFalse();
        assertThat(u.text()).isEqualTo(text);
    }
}
