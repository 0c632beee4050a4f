package dev.sipscope.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.decoder.tcp.TcpConfig;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecoderConfigTest {

    @Test
    void defaultsAreTheDocumentedBounds() {
        DecoderConfig c = DecoderConfig.DEFAULTS;
        assertThat(c.hepUdpPorts()).isEqualTo(PortSet.of(9060));
        assertThat(c.vxlanUdpPorts()).isEqualTo(PortSet.of(4789));
        assertThat(c.maxTunnelDepth()).isEqualTo(8);
        assertThat(c.maxFragmentedDatagrams()).isEqualTo(4096);
        assertThat(c.maxFragmentBufferBytes()).isEqualTo(32L << 20);
        assertThat(c.fragmentTimeoutNanos()).isEqualTo(30_000_000_000L);
        assertThat(c.tcp()).isEqualTo(TcpConfig.DEFAULTS);
    }

    @Test
    void withersChangeOneThingEach() {
        DecoderConfig c = DecoderConfig.DEFAULTS.withHepUdpPorts(9060, 9063).withVxlanUdpPorts(8472)
                .withMaxTunnelDepth(3).withFragmentLimits(10, 1000, 5).withMaxHepInflatedBytes(99)
                .withSctpLimits(2, 300, 600).withTcp(TcpConfig.DEFAULTS.withMaxConnections(7));
        assertThat(c.hepUdpPorts().toArray()).containsExactly(9060, 9063);
        assertThat(c.vxlanUdpPorts().contains(8472)).isTrue();
        assertThat(c.vxlanUdpPorts().contains(4789)).isFalse();
        assertThat(c.maxTunnelDepth()).isEqualTo(3);
        assertThat(c.maxFragmentedDatagrams()).isEqualTo(10);
        assertThat(c.maxFragmentBufferBytes()).isEqualTo(1000);
        assertThat(c.fragmentTimeoutNanos()).isEqualTo(5);
        assertThat(c.maxHepInflatedBytes()).isEqualTo(99);
        assertThat(c.maxSctpPendingMessages()).isEqualTo(2);
        assertThat(c.maxSctpMessageBytes()).isEqualTo(300);
        assertThat(c.maxSctpBufferBytes()).isEqualTo(600);
        assertThat(c.tcp().maxConnections()).isEqualTo(7);
        assertThat(new PacketDecoder(c, new PacketSink() { }).tcpReassembler().config().maxConnections()).isEqualTo(7);
    }

    @Test
    void nonPositiveBoundsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> DecoderConfig.DEFAULTS.withMaxTunnelDepth(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTunnelDepth");
        assertThatThrownBy(() -> DecoderConfig.DEFAULTS.withFragmentLimits(1, 0, 1))
                .hasMessageContaining("maxFragmentBufferBytes");
        assertThatThrownBy(() -> DecoderConfig.DEFAULTS.withHepUdpPorts(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }

    @Test
    void portSetsSmallAndLarge() {
        PortSet none = PortSet.none();
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.contains(0)).isFalse();
        PortSet small = PortSet.of(5060, 5060, 0, 65535);
        assertThat(small.toArray()).containsExactly(0, 5060, 65535);
        assertThat(small.contains(65535)).isTrue();
        assertThat(small.contains(5061)).isFalse();
        PortSet large = PortSet.of(IntStream.range(0, 50).map(i -> 1000 + 7 * i).toArray());
        assertThat(large.contains(1000 + 7 * 49)).isTrue();
        assertThat(large.contains(1001)).isFalse();
        assertThat(PortSet.of(2, 1)).isEqualTo(PortSet.of(1, 2)).hasSameHashCodeAs(PortSet.of(1, 2));
        assertThat(PortSet.of(1, 2)).hasToString("[1, 2]");
    }
}
