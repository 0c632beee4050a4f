package dev.sipscope.decoder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressParseTest {

    static String roundTrip(String text) {
        long[] a = new long[2];
        assertThat(IpAddress.parse(text, a)).as(text).isTrue();
        return IpAddress.format(a[0], a[1]);
    }

    @Test
    void addressesReadBackAsTheDecoderFormatsThem() {
        assertThat(roundTrip("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(roundTrip("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(roundTrip("255.255.255.255")).isEqualTo("255.255.255.255");
        assertThat(roundTrip("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(roundTrip("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(roundTrip("::")).isEqualTo("::");
        assertThat(roundTrip("::1")).isEqualTo("::1");
        assertThat(roundTrip("fe80::")).isEqualTo("fe80::");
        assertThat(roundTrip("1:2:3:4:5:6:7::")).isEqualTo("1:2:3:4:5:6:7:0");
        assertThat(roundTrip("::ffff:192.0.2.7")).as("IPv4-mapped is IPv4").isEqualTo("192.0.2.7");
        assertThat(roundTrip("64:ff9b::192.0.2.33")).isEqualTo("64:ff9b::c000:221");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", "a.b.c.d", "1..2.3", "1.2.3.4/24",
        ":1", "1:", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "::1.2.3", "g::1", "host.example.com",
        "1:2:3:4:5:6:7:1.2.3.4", "[::1]"})
    void malformedTextIsRejected(String text) {
        assertThat(IpAddress.parse(text, new long[2])).as(text).isFalse();
    }
}
