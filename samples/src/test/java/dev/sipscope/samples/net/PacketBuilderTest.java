package dev.sipscope.samples.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.samples.WireCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketBuilderTest {
    private final PacketBuilder builder = new PacketBuilder(new SeededRandom(7));
    private final Endpoint a4 = Endpoint.of("192.0.2.1", 5060);
    private final Endpoint b4 = Endpoint.of("192.0.2.2", 5062);
    private final Endpoint a6 = Endpoint.of("2001:db8::1", 5060);
    private final Endpoint b6 = Endpoint.of("2001:db8::2", 5060);

    private static Frame frame(byte[] bytes) {
        return new Frame(0, LinkType.ETHERNET, 0, bytes, 0, bytes.length, bytes.length);
    }

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 31 + 7);
        }
        return p;
    }

    @Test
    void smallUdpDatagramIsOnePaddedFrameWithValidChecksums() {
        List<byte[]> frames = builder.udp(a4, b4, NetPath.DEFAULT, PacketBuilder.DSCP_CS3, payload(3), 0, 3);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0)).hasSize(60);
        WireCheck.Packet p = WireCheck.parse(1, frame(frames.get(0)));
        assertThat(p.srcPort()).isEqualTo(5060);
        assertThat(p.dstPort()).isEqualTo(5062);
        assertThat(p.payload()).isEqualTo(payload(3));
        assertThat(p.vlan()).isEqualTo(-1);
    }

    @Test
    void sealUdpWritesTheSameBytesAsTheAllocatingPath() {
        byte[] data = payload(172);
        PacketBuilder one = new PacketBuilder(new SeededRandom(1));
        PacketBuilder two = new PacketBuilder(new SeededRandom(1));
        byte[] viaList = one.udp(a4, b4, NetPath.DEFAULT, PacketBuilder.DSCP_EF, data, 0, data.length).get(0);
        byte[] buf = new byte[2048];
        System.arraycopy(data, 0, buf, PacketBuilder.udpPayloadOffset(a4.ip(), NetPath.DEFAULT), data.length);
        int n = two.sealUdp(buf, a4, b4, NetPath.DEFAULT, PacketBuilder.DSCP_EF, data.length);
        assertThat(java.util.Arrays.copyOf(buf, n)).isEqualTo(viaList);
    }

    @Test
    void vlanTagSitsBeforeTheEtherType() {
        byte[] f = builder.udp(a4, b4, NetPath.DEFAULT.withVlan(42), 0, payload(100), 0, 100).get(0);
        assertThat(f[12] & 0xFF).isEqualTo(0x81);
        assertThat(f[13] & 0xFF).isEqualTo(0x00);
        WireCheck.Packet p = WireCheck.parse(1, frame(f));
        assertThat(p.vlan()).isEqualTo(42);
        assertThat(p.payload()).isEqualTo(payload(100));
    }

    @Test
    void largeIpv4DatagramIsFragmentedAndReassemblesExactly() {
        byte[] data = payload(4000);
        List<byte[]> frames = builder.udp(a4, b4, NetPath.DEFAULT, 0, data, 0, data.length);
        assertThat(frames).hasSize(3);
        List<Frame> fs = new ArrayList<>();
        frames.forEach(f -> fs.add(frame(f)));
        List<WireCheck.Packet> parsed = WireCheck.parseAll(fs);
        assertThat(parsed).allMatch(WireCheck.Packet::fragment);
        assertThat(parsed).extracting(WireCheck.Packet::ipId).containsOnly(parsed.get(0).ipId());
        assertThat(parsed).extracting(WireCheck.Packet::fragmentOffset).containsExactly(0, 1480, 2960);
        assertThat(parsed).extracting(WireCheck.Packet::moreFragments).containsExactly(true, true, false);
        assertThat(frames.get(0)).hasSize(14 + 1500);
        List<WireCheck.Packet> whole = WireCheck.reassemble(parsed, fs);
        assertThat(whole).hasSize(1);
        assertThat(whole.get(0).payload()).isEqualTo(data);
    }

    @Test
    void reversedFragmentsStillReassemble() {
        byte[] data = payload(2000);
        List<byte[]> frames = builder.udp(a4, b4, NetPath.DEFAULT.withReverseFragments(true).withMtu(576), 0, data, 0,
                data.length);
        List<Frame> fs = new ArrayList<>();
        frames.forEach(f -> fs.add(frame(f)));
        List<WireCheck.Packet> parsed = WireCheck.parseAll(fs);
        assertThat(parsed.get(0).moreFragments()).isFalse();
        assertThat(WireCheck.reassemble(parsed, fs).get(0).payload()).isEqualTo(data);
    }

    @Test
    void largeIpv6DatagramUsesTheFragmentHeader() {
        byte[] data = payload(3000);
        List<byte[]> frames = builder.udp(a6, b6, NetPath.DEFAULT, 0, data, 0, data.length);
        assertThat(frames).hasSize(3);
        List<Frame> fs = new ArrayList<>();
        frames.forEach(f -> fs.add(frame(f)));
        List<WireCheck.Packet> parsed = WireCheck.parseAll(fs);
        assertThat(parsed).allMatch(p -> p.fragment() && p.protocol() == 17 && p.ipVersion() == 6);
        assertThat(frames.get(0).length).isLessThanOrEqualTo(14 + 1500);
        assertThat(WireCheck.reassemble(parsed, fs).get(0).payload()).isEqualTo(data);
    }

    @Test
    void ipv4IdentificationCountsUpPerSource() {
        int first = WireCheck.parse(1, frame(builder.udp(a4, b4, NetPath.DEFAULT, 0, payload(10), 0, 10).get(0))).ipId();
        int second = WireCheck.parse(2, frame(builder.udp(a4, b4, NetPath.DEFAULT, 0, payload(10), 0, 10).get(0))).ipId();
        assertThat(second).isEqualTo((first + 1) & 0xFFFF);
    }

    @Test
    void tcpSegmentChecksumAndFieldsAreRight() {
        byte[] data = payload(33);
        byte[] f = builder.tcp(a6, b6, NetPath.DEFAULT, 0, 0xFFFF_FFF0L, 12345, PacketBuilder.TCP_ACK | PacketBuilder.TCP_PSH,
                502, null, data, 0, data.length);
        WireCheck.Packet p = WireCheck.parse(1, frame(f));
        assertThat(p.tcpSeq()).isEqualTo(0xFFFF_FFF0L);
        assertThat(p.tcpAck()).isEqualTo(12345);
        assertThat(p.tcpFlags()).isEqualTo(0x18);
        assertThat(p.payload()).isEqualTo(data);
    }

    @Test
    void checksumOfOddLengthRegionsPadsWithZero() {
        byte[] b = {0x01, 0x02, 0x03};
        assertThat(Checksums.of(b, 0, 3)).isEqualTo(~(0x0102 + 0x0300) & 0xFFFF);
    }
}
