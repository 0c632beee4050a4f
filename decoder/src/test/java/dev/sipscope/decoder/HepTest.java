package dev.sipscope.decoder;

import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class HepTest {
    private static final byte[] SIP = text("REGISTER sip:example.com SIP/2.0\r\nCSeq: 1 REGISTER\r\n\r\n");
    private static final long SECONDS = 1_600_000_000L;
    private static final long MICROS = 123_456L;
    private static final long HEP_NANOS = SECONDS * 1_000_000_000L + MICROS * 1000L;

    private RecordingSink sink = new RecordingSink();
    private PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);

    // ------------------------------------------------------------ HEPv3 builder

    static byte[] chunk(int vendor, int type, byte[] value) {
        return Bytes.of().u16(vendor).u16(type).u16(6 + value.length).bytes(value).array();
    }

    static byte[] chunk(int type, byte[] value) {
        return chunk(0, type, value);
    }

    static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    static byte[] u16(int v) {
        return Bytes.of().u16(v).array();
    }

    static byte[] u32(long v) {
        return Bytes.of().u32(v).array();
    }

    static byte[] hep3(byte[]... chunks) {
        byte[] body = Bytes.concat(chunks);
        return Bytes.of().ascii("HEP3").u16(6 + body.length).bytes(body).array();
    }

    static byte[][] ipv4Chunks(int protocol) {
        return new byte[][] {
                chunk(1, u8(2)), chunk(2, u8(protocol)),
                chunk(3, Bytes.ip("192.0.2.1")), chunk(4, Bytes.ip("192.0.2.2")),
                chunk(7, u16(5060)), chunk(8, u16(5080)),
                chunk(9, u32(SECONDS)), chunk(10, u32(MICROS)),
                chunk(11, u8(1)), chunk(12, u32(2001)), chunk(14, text("myHep")),
        };
    }

    static byte[] hep3Sip(byte[] payloadChunk) {
        byte[][] base = ipv4Chunks(17);
        byte[][] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = payloadChunk;
        return hep3(all);
    }

    /** Ethernet + VLAN 12 / IPv4 / UDP from an agent to the collector's port. */
    static Frame carried(byte[] hep, int dstPort) {
        byte[] ip = ipv4("10.9.9.9", "10.8.8.8", UDP, udp(40000, dstPort, hep));
        return frame(LinkType.ETHERNET, ethernetWithTags(ETH_IPV4, ip, 0x8100, 12));
    }

    private RecordingSink.Datagram decodeOne(Frame f) {
        decoder.decode(f);
        assertThat(sink.malformed).isEmpty();
        return sink.only();
    }

    // ------------------------------------------------------------ HEPv3

    @Test
    void hep3Ipv4PayloadReplacesTheOuterPacket() {
        RecordingSink.Datagram d = decodeOne(carried(hep3Sip(chunk(15, SIP)), 9060));
        assertThat(d.flags()).isEqualTo(Packet.FLAG_HEP);
        assertThat(d.vlanId()).isEqualTo(-1);
        assertThat(d.ipVersion()).isEqualTo(4);
        assertThat(d.protocol()).isEqualTo(17);
        assertThat(d.src()).isEqualTo("192.0.2.1");
        assertThat(d.dst()).isEqualTo("192.0.2.2");
        assertThat(d.srcPort()).isEqualTo(5060);
        assertThat(d.dstPort()).isEqualTo(5080);
        assertThat(d.timestampNanos()).isEqualTo(HEP_NANOS);
        assertThat(d.hepPayloadType()).isEqualTo(HepDecoder.TYPE_SIP);
        assertThat(d.hepCaptureId()).isEqualTo(2001);
        assertThat(d.ipOffset()).isEqualTo(-1);
        assertThat(d.payload()).isEqualTo(SIP);
        assertThat(decoder.stats().hepPackets()).isEqualTo(1);
        assertThat(decoder.stats().udpDatagrams()).isEqualTo(1);
    }

    @Test
    void hep3Ipv6WithVlanChunkAndTcpProtocol() {
        byte[] hep = hep3(chunk(1, u8(10)), chunk(2, u8(6)),
                chunk(5, Bytes.ip("2001:db8::5")), chunk(6, Bytes.ip("2001:db8::6")),
                chunk(7, u16(5061)), chunk(8, u16(5062)), chunk(18, u16(300)), chunk(15, SIP));
        RecordingSink.Datagram d = decodeOne(carried(hep, 9060));
        assertThat(d.ipVersion()).isEqualTo(6);
        assertThat(d.protocol()).isEqualTo(6);
        assertThat(d.src()).isEqualTo("2001:db8::5");
        assertThat(d.vlanId()).isEqualTo(300);
        assertThat(d.flags()).isEqualTo(Packet.FLAG_HEP | Packet.FLAG_VLAN);
        assertThat(d.hepPayloadType()).isZero();
        assertThat(d.hepCaptureId()).isEqualTo(-1);
        assertThat(d.timestampNanos()).as("no time chunks: the frame's time").isEqualTo(T0);
    }

    @Test
    void vendorChunksAndUnknownGenericChunksAreSkipped() {
        byte[] hep = hep3Sip(Bytes.concat(chunk(0x1234, 3, new byte[9]), chunk(0, 99, new byte[3]),
                chunk(17, text("correlation")), chunk(15, SIP)));
        assertThat(decodeOne(carried(hep, 9060)).payload()).isEqualTo(SIP);
    }

    @Test
    void eep1MagicIsAcceptedToo() {
        byte[] hep = hep3Sip(chunk(15, SIP));
        hep[0] = 'E';
        hep[1] = 'E';
        hep[2] = 'P';
        hep[3] = '1';
        assertThat(decodeOne(carried(hep, 9060)).payload()).isEqualTo(SIP);
    }

    @Test
    void trailingBytesAfterTheHepTotalLengthAreIgnored() {
        byte[] hep = Bytes.concat(hep3Sip(chunk(15, SIP)), new byte[5]);
        assertThat(decodeOne(carried(hep, 9060)).payload()).isEqualTo(SIP);
    }

    @Test
    void zlibCompressedPayloadIsInflated() {
        Deflater deflater = new Deflater();
        deflater.setInput(SIP);
        deflater.finish();
        byte[] out = new byte[1024];
        int n = deflater.deflate(out);
        deflater.end();
        byte[] compressed = java.util.Arrays.copyOf(out, n);
        RecordingSink.Datagram d = decodeOne(carried(hep3Sip(chunk(16, compressed)), 9060));
        assertThat(d.payload()).isEqualTo(SIP);
        assertThat(d.payloadInFrame()).isFalse();
    }

    @Test
    void gzipCompressedPayloadIsInflated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(SIP);
        }
        assertThat(decodeOne(carried(hep3Sip(chunk(16, bytes.toByteArray())), 9060)).payload()).isEqualTo(SIP);
    }

    @Test
    void inflatingPastTheBoundIsMalformedAndTheDatagramIsDeliveredAsPlainUdp() {
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withMaxHepInflatedBytes(4096), sink);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1 << 20]);
        deflater.finish();
        byte[] out = new byte[1 << 16];
        int n = deflater.deflate(out);
        deflater.end();
        byte[] hep = hep3Sip(chunk(16, java.util.Arrays.copyOf(out, n)));
        decoder.decode(carried(hep, 9060));
        assertThat(sink.malformed).containsExactly(Malformed.HEP);
        RecordingSink.Datagram d = sink.only();
        assertThat(d.has(Packet.FLAG_HEP)).isFalse();
        assertThat(d.hepCaptureId()).isEqualTo(-1);
        assertThat(d.hepPayloadType()).isZero();
        assertThat(d.dstPort()).isEqualTo(9060);
        assertThat(d.payload()).isEqualTo(hep);
    }

    @Test
    void garbageInACompressedChunkIsMalformed() {
        decoder.decode(carried(hep3Sip(chunk(16, new byte[] {0x78, (byte) 0x9c, 1, 2, 3, 4, 5})), 9060));
        decoder.decode(carried(hep3Sip(chunk(16, text("not compressed at all"))), 9060));
        assertThat(sink.malformed).containsExactly(Malformed.HEP, Malformed.HEP);
    }

    @Test
    void hepWithoutPayloadIsCountedNotDelivered() {
        decoder.decode(carried(hep3(ipv4Chunks(17)), 9060));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).isEmpty();
        assertThat(decoder.stats().hepWithoutPayload()).isEqualTo(1);
    }

    @Test
    void badHepChunksAreMalformedAndLeaveThePlainDatagram() {
        byte[] overrun = hep3Sip(chunk(15, SIP));
        overrun[overrun.length - SIP.length - 1] = (byte) 0xff; // payload chunk length runs past the packet
        byte[] shortChunk = hep3Sip(chunk(3, new byte[2]));
        byte[] familyMismatch = hep3(chunk(1, u8(2)), chunk(5, Bytes.ip("2001:db8::5")),
                chunk(6, Bytes.ip("2001:db8::6")), chunk(15, SIP));
        byte[] noAddresses = hep3(chunk(7, u16(1)), chunk(15, SIP));
        byte[] totalTooLong = hep3Sip(chunk(15, SIP));
        totalTooLong[4] = (byte) 0x7f;
        for (byte[] bad : List.of(overrun, shortChunk, familyMismatch, noAddresses, totalTooLong)) {
            decoder.decode(carried(bad, 9060));
        }
        assertThat(sink.malformed).hasSize(5).containsOnly(Malformed.HEP);
        assertThat(sink.datagrams).hasSize(5).noneMatch(d -> d.has(Packet.FLAG_HEP));
        assertThat(decoder.stats().hepPackets()).isZero();
    }

    @Test
    void hepIsOnlyTriedOnConfiguredPortsInEitherDirection() {
        byte[] hep = hep3Sip(chunk(15, SIP));
        decoder.decode(carried(hep, 9063));
        assertThat(sink.only().has(Packet.FLAG_HEP)).isFalse();

        sink = new RecordingSink();
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withHepUdpPorts(9060, 9063), sink);
        decoder.decode(carried(hep, 9063));
        byte[] reverse = ipv4("10.9.9.9", "10.8.8.8", UDP, udp(9060, 41000, hep));
        decoder.decode(frame(LinkType.RAW, reverse));
        assertThat(sink.datagrams).hasSize(2).allMatch(d -> d.has(Packet.FLAG_HEP));
    }

    // ------------------------------------------------------------ HEPv1 / HEPv2

    static byte[] hep2Ipv4(boolean littleEndianTime) {
        Bytes b = Bytes.of().u8(2).u8(28).u8(2).u8(17).u16(5060).u16(5070)
                .bytes(Bytes.ip("198.51.100.1")).bytes(Bytes.ip("198.51.100.2"));
        if (littleEndianTime) {
            b.le32(SECONDS).le32(MICROS).u8(0xd1).u8(0x07).u16(0);
        } else {
            b.u32(SECONDS).u32(MICROS).u16(2001).u16(0);
        }
        return b.bytes(SIP).array();
    }

    @Test
    void hep2Ipv4WithLittleEndianTime() {
        RecordingSink.Datagram d = decodeOne(carried(hep2Ipv4(true), 9060));
        assertThat(d.flags()).isEqualTo(Packet.FLAG_HEP);
        assertThat(d.src()).isEqualTo("198.51.100.1");
        assertThat(d.dst()).isEqualTo("198.51.100.2");
        assertThat(d.srcPort()).isEqualTo(5060);
        assertThat(d.dstPort()).isEqualTo(5070);
        assertThat(d.protocol()).isEqualTo(17);
        assertThat(d.timestampNanos()).isEqualTo(HEP_NANOS);
        assertThat(d.hepPayloadType()).isEqualTo(HepDecoder.TYPE_SIP);
        assertThat(d.hepCaptureId()).isEqualTo(2001);
        assertThat(d.payload()).isEqualTo(SIP);
    }

    @Test
    void hep2WithBigEndianTimeIsRecognisedByItsMicroseconds() {
        RecordingSink.Datagram d = decodeOne(carried(hep2Ipv4(false), 9060));
        assertThat(d.timestampNanos()).isEqualTo(HEP_NANOS);
        assertThat(d.hepCaptureId()).isEqualTo(2001);
    }

    @Test
    void hep3CaptureIdOfSixteenBitsIsAcceptedOtherSizesAreMalformed() {
        byte[][] base = ipv4Chunks(17);
        base[9] = chunk(12, u16(77));
        byte[][] withPayload = java.util.Arrays.copyOf(base, base.length + 1);
        withPayload[base.length] = chunk(15, SIP);
        assertThat(decodeOne(carried(hep3(withPayload), 9060)).hepCaptureId()).isEqualTo(77);
        withPayload[9] = chunk(12, new byte[3]);
        decoder.decode(carried(hep3(withPayload), 9060));
        assertThat(sink.malformed).containsExactly(Malformed.HEP);
    }

    @Test
    void hep2Ipv6() {
        byte[] hep = Bytes.of().u8(2).u8(52).u8(10).u8(6).u16(5060).u16(5070)
                .bytes(Bytes.ip("2001:db8::a")).bytes(Bytes.ip("2001:db8::b"))
                .le32(SECONDS).le32(MICROS).u16(0).u16(0).bytes(SIP).array();
        RecordingSink.Datagram d = decodeOne(carried(hep, 9060));
        assertThat(d.ipVersion()).isEqualTo(6);
        assertThat(d.dst()).isEqualTo("2001:db8::b");
        assertThat(d.protocol()).isEqualTo(6);
        assertThat(d.payload()).isEqualTo(SIP);
    }

    @Test
    void hep1HasNoTimeSoTheFrameTimeIsUsed() {
        byte[] hep = Bytes.of().u8(1).u8(16).u8(2).u8(17).u16(5060).u16(5070)
                .bytes(Bytes.ip("198.51.100.1")).bytes(Bytes.ip("198.51.100.2")).bytes(SIP).array();
        RecordingSink.Datagram d = decodeOne(carried(hep, 9060));
        assertThat(d.timestampNanos()).isEqualTo(T0);
        assertThat(d.hepCaptureId()).isEqualTo(-1);
        assertThat(d.payload()).isEqualTo(SIP);
    }

    @Test
    void hep1And2WithUnknownFamilyOrProtocolOrTooShortAreMalformed() {
        byte[] badFamily = hep2Ipv4(true);
        badFamily[2] = 7;
        byte[] badProtocol = hep2Ipv4(true);
        badProtocol[3] = 1;
        byte[] tooShort = java.util.Arrays.copyOf(hep2Ipv4(true), 20);
        for (byte[] bad : List.of(badFamily, badProtocol, tooShort)) {
            decoder.decode(carried(bad, 9060));
        }
        assertThat(sink.malformed).containsExactly(Malformed.HEP, Malformed.HEP, Malformed.HEP);
        assertThat(sink.datagrams).noneMatch(d -> d.has(Packet.FLAG_HEP));
    }

    // ------------------------------------------------------------ real captures

    @Test
    void hepWiresharkSampleDeliversEveryHepPacketWithItsType() throws IOException {
        List<Frame> frames = TestCaptureFiles.read("hep-wireshark/hep.pcap");
        frames.forEach(decoder::decode);
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(8).allMatch(d -> d.has(Packet.FLAG_HEP));
        assertThat(sink.datagrams).extracting(RecordingSink.Datagram::hepPayloadType)
                .containsExactly(1, 1, 1, 1, 100, 1, 1, 5);
        RecordingSink.Datagram invite = sink.datagrams.get(0);
        assertThat(invite.text()).startsWith("INVITE sip:nodejs@127.0.0.1");
        assertThat(invite.src()).isEqualTo("192.168.1.1");
        assertThat(invite.dst()).isEqualTo("192.168.1.2");
        assertThat(invite.srcPort()).isEqualTo(5060);
        assertThat(invite.protocol()).isEqualTo(17);
        assertThat(invite.hepCaptureId()).isEqualTo(2001);
        assertThat(invite.timestampNanos()).isEqualTo(0x584d365cL * 1_000_000_000L + 100_000L);
        assertThat(sink.datagrams.get(3).text()).startsWith("OPTIONS sip:127.0.0.1");
        assertThat(decoder.stats().hepPackets()).isEqualTo(8);
    }

    @Test
    void hepWiresharkCompressedSampleInflatesEverySipPayload() throws IOException {
        List<Frame> frames = TestCaptureFiles.read("hep-wireshark/hep3_compressed.pcap.pcapng");
        frames.forEach(decoder::decode);
        assertThat(sink.malformed).isEmpty();
        assertThat(sink.datagrams).hasSize(21).allMatch(d -> d.has(Packet.FLAG_HEP));
        assertThat(sink.datagrams).allMatch(d -> d.text().matches("(?s)^([A-Z]+ sip:|SIP/2\\.0 ).*\r\n\r\n.*"));
        RecordingSink.Datagram first = sink.datagrams.get(0);
        assertThat(first.text()).startsWith("REGISTER sip:rcs.st SIP/2.0\r\n");
        assertThat(first.protocol()).isEqualTo(6);
        assertThat(first.hepCaptureId()).isEqualTo(0xe4);
        assertThat(first.src()).isEqualTo("192.168.137.1");
        assertThat(first.srcPort()).isEqualTo(0xd449);
        assertThat(first.dstPort()).isEqualTo(5060);
        assertThat(first.timestampNanos()).isEqualTo(0x59950fa2L * 1_000_000_000L + 0x0004afe1L * 1000L);
    }
}
