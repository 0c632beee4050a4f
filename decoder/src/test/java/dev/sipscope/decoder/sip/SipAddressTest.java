package dev.sipscope.decoder.sip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SipAddressTest {

    @Test
    void quotedDisplayNameWithEscapesAndParams() {
        SipAddress a = SipAddress.parse("\"Mr. \\\"Watson\\\", <the> assistant\" <sip:watson@worcester.example.com;lr>;tag=abc;expires=60;q=0.5");
        assertThat(a.displayName()).isEqualTo("Mr. \"Watson\", <the> assistant");
        assertThat(a.uri().user()).isEqualTo("watson");
        assertThat(a.uri().params().has("lr")).isTrue();
        assertThat(a.tag()).isEqualTo("abc");
        assertThat(a.expiresSeconds()).isEqualTo(60);
        assertThat(a.q()).isEqualTo("0.5");
        assertThat(a.hasAngleBrackets()).isTrue();
    }

    @Test
    void tokenDisplayName() {
        SipAddress a = SipAddress.parse("Bob  Smith <sip:bob@biloxi.example.com>");
        assertThat(a.displayName()).isEqualTo("Bob Smith");
        assertThat(a.uri().host()).isEqualTo("biloxi.example.com");
        assertThat(a.tag()).isNull();
    }

    @Test
    void angleBracketsWithoutDisplayName() {
        SipAddress a = SipAddress.parse("<sip:carol@chicago.example.com>;tag=x");
        assertThat(a.displayName()).isNull();
        assertThat(a.uri().user()).isEqualTo("carol");
        assertThat(a.tag()).isEqualTo("x");
    }

    @Test
    void addrSpecParametersBelongToTheHeader() {
        SipAddress a = SipAddress.parse("sip:+12125551212@server.phone2net.com;tag=887s");
        assertThat(a.hasAngleBrackets()).isFalse();
        assertThat(a.uri().user()).isEqualTo("+12125551212");
        assertThat(a.uri().params().isEmpty()).isTrue();
        assertThat(a.tag()).isEqualTo("887s");
    }

    @Test
    void addrSpecWithSemicolonInUserPart() {
        SipAddress a = SipAddress.parse("sip:+123;npdi@example.com;tag=t9");
        assertThat(a.uri().user()).isEqualTo("+123;npdi");
        assertThat(a.uri().host()).isEqualTo("example.com");
        assertThat(a.tag()).isEqualTo("t9");
    }

    @Test
    void telAddressAndIpv6Address() {
        SipAddress tel = SipAddress.parse("<tel:+1-201-555-0123>;tag=1");
        assertThat(tel.uri().scheme()).isEqualTo(SipUri.Scheme.TEL);
        assertThat(tel.tag()).isEqualTo("1");
        SipAddress v6 = SipAddress.parse("\"v6\" <sip:u@[2001:db8::1]:5060>");
        assertThat(v6.uri().host()).isEqualTo("2001:db8::1");
        assertThat(v6.uri().port()).isEqualTo(5060);
    }

    @Test
    void contactWildcard() {
        SipAddress a = SipAddress.parse(" * ");
        assertThat(a.isWildcard()).isTrue();
        assertThat(a.uri()).isNull();
        SipAddress notWildcard = SipAddress.parse("<sip:*@example.com>");
        assertThat(notWildcard.isWildcard()).isFalse();
    }

    @Test
    void quotedParameterValuesAreUnquoted() {
        SipAddress a = SipAddress.parse("<sip:a@b>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1");
        assertThat(a.params().get("+sip.instance")).isEqualTo("<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>");
        assertThat(a.params().get("reg-id")).isEqualTo("1");
    }

    @Test
    void brokenAddressesDoNotThrow() {
        for (String s : new String[] {"", "<", ">", "\"unclosed", "\"name\"", "<sip:a@b", "name <>;", ";;;", "<sip:a@b>;=x;tag"}) {
            SipAddress a = SipAddress.parse(s);
            assertThat(a.text()).isEqualTo(s.strip());
        }
        assertThat(SipAddress.parse("<sip:a@b").uri().host()).isEqualTo("b");
        assertThat(SipAddress.parse("<sip:a@b>;=x;tag").params().has("tag")).isTrue();
    }
}
