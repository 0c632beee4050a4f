package dev.sipscope.decoder;

import dev.sipscope.capture.LinkType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.sipscope.decoder.TestFrames.ethernet;
import static dev.sipscope.decoder.TestFrames.frame;
import static dev.sipscope.decoder.TestFrames.ipv4;
import static dev.sipscope.decoder.TestFrames.text;
import static dev.sipscope.decoder.TestFrames.udp;
import static org.assertj.core.api.Assertions.assertThat;

/** What the encoder writes, the decoder reads back: addresses, ports, protocol, time, type, agent, payload. */
class HepEncoderTest {
    private static final byte[] SIP = text("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n");

    private static Packet packet(String src, int srcPort, String dst, int dstPort, int protocol, long tsNanos) {
        Packet p = new Packet();
        p.clear();
        long[] s = parse(src);
        long[] d = parse(dst);
        p.srcHi = s[0];
        p.srcLo = s[1];
        p.dstHi = d[0];
        p.dstLo = d[1];
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.protocol = protocol;
        p.timestampNanos = tsNanos;
        return p;
    }

    private static long[] parse(String address) {
        try {
            byte[] a = java.net.InetAddress.getByName(address).getAddress();
            if (a.length == 4) {
                return new long[] {0, IpAddress.v4Lo(IpAddress.readInt(a, 0))};
            }
            return new long[] {IpAddress.readLong(a, 0), IpAddress.readLong(a, 8)};
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void ipv4PacketRoundTripsThroughTheDecoder() {
        HepEncoder enc = new HepEncoder(2001, "secret");
        Packet p = packet("10.1.2.3", 5060, "10.9.8.7", 5080, Packet.PROTO_UDP, 1_700_000_000_123_456_789L);
        int n = enc.encode(p, HepDecoder.TYPE_SIP, SIP, 0, SIP.length);
        HepDecoder dec = new HepDecoder(1 << 16);
        assertThat(dec.decode(enc.buffer(), 0, n, 0)).isEqualTo(HepDecoder.RESULT_PAYLOAD);
        Packet back = new Packet();
        dec.fill(back);
        assertThat(back.toString()).isEqualTo("10.1.2.3:5060 -> 10.9.8.7:5080 proto=17 len=" + SIP.length);
        assertThat(back.timestampNanos).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(back.hepPayloadType).isEqualTo(HepDecoder.TYPE_SIP);
        assertThat(back.hepCaptureId).isEqualTo(2001);
        assertThat(Arrays.copyOfRange(back.data, back.payloadOffset, back.payloadOffset + back.payloadLength))
                .isEqualTo(SIP);
    }

    @Test
    void ipv6TcpPacketRoundTripsThroughThePacketDecoderOnTheHepPort() {
        HepEncoder enc = new HepEncoder(7, null);
        Packet p = packet("2001:db8::1", 5061, "2001:db8::2", 40000, Packet.PROTO_TCP, 1_600_000_000_000_001_000L);
        int n = enc.encode(p, HepDecoder.TYPE_SIP, SIP, 0, SIP.length);
        byte[] hep = Arrays.copyOf(enc.buffer(), n);
        RecordingSink sink = new RecordingSink();
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);
        decoder.decode(frame(LinkType.ETHERNET, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 17, udp(34567, 9060, hep)))));
        assertThat(decoder.stats().hepPackets()).isEqualTo(1);
        assertThat(sink.datagrams).hasSize(1);
        RecordingSink.Datagram d = sink.datagrams.get(0);
        assertThat(d.src()).isEqualTo("2001:db8::1");
        assertThat(d.dst()).isEqualTo("2001:db8::2");
        assertThat(d.srcPort()).isEqualTo(5061);
        assertThat(d.dstPort()).isEqualTo(40000);
        assertThat(d.protocol()).isEqualTo(Packet.PROTO_TCP);
        assertThat(d.payload()).isEqualTo(SIP);
    }

    @Test
    void aPayloadTooLargeForOnePacketIsRefused() {
        HepEncoder enc = new HepEncoder(1, null);
        Packet p = packet("10.0.0.1", 1, "10.0.0.2", 2, Packet.PROTO_UDP, 0);
        byte[] big = new byte[HepEncoder.MAX_PACKET_BYTES];
        assertThat(enc.encode(p, HepDecoder.TYPE_SIP, big, 0, big.length)).isEqualTo(-1);
        assertThat(enc.encode(p, HepDecoder.TYPE_SIP, big, 0, 60_000)).isPositive();
    }
}
