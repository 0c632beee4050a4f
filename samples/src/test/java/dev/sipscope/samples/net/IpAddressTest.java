package dev.sipscope.samples.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpAddressTest {

    @Test
    void ipv4LiteralRoundTrips() {
        IpAddress a = IpAddress.parse("10.0.255.1");
        assertThat(a.isV6()).isFalse();
        assertThat(a.toString()).isEqualTo("10.0.255.1");
        assertThat(a.uriHost()).isEqualTo("10.0.255.1");
        assertThat(a.sdpAddressType()).isEqualTo("IP4");
        assertThat(IpAddress.v4(0x0A00FF01)).isEqualTo(a);
    }

    @Test
    void ipv6IsPrintedInRfc5952Form() {
        assertThat(IpAddress.parse("2001:DB8:0:0:0:0:0:1").toString()).isEqualTo("2001:db8::1");
        assertThat(IpAddress.parse("2001:db8:0:1:0:0:0:1").toString()).isEqualTo("2001:db8:0:1::1");
        assertThat(IpAddress.parse("2001:db8:0:0:1:0:0:1").toString()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddress.parse("::").toString()).isEqualTo("::");
        assertThat(IpAddress.parse("::1").toString()).isEqualTo("::1");
        assertThat(IpAddress.parse("fe80::").toString()).isEqualTo("fe80::");
        assertThat(IpAddress.parse("2001:db8:1:1:1:1:0:1").toString()).isEqualTo("2001:db8:1:1:1:1:0:1");
        assertThat(IpAddress.parse("::ffff:192.0.2.1").toString()).isEqualTo("::ffff:c000:201");
        assertThat(IpAddress.parse("2001:db8::1").uriHost()).isEqualTo("[2001:db8::1]");
    }

    @Test
    void garbageIsRefusedWithAClearMessage() {
        for (String bad : new String[] {"", "1.2.3", "1.2.3.256", "1.2.3.4.5", "a.b.c.d", "host.example", "1::2::3",
                "12345::", "1:2:3:4:5:6:7:8:9", ":::"}) {
            assertThatThrownBy(() -> IpAddress.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("literal");
        }
    }
}
