package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.tcp.TcpStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.sipscope.decoder.sip.SipTexts.bytes;
import static dev.sipscope.decoder.sip.SipTexts.crlf;
import static org.assertj.core.api.Assertions.assertThat;

class SipDecoderTest {
    private static final long CLIENT = IpAddress.v4Lo(0xc0000201);
    private static final long SERVER = IpAddress.v4Lo(0xc0000202);

    /** What the sink saw, with the packet context copied out during the callback. */
    private static final class Sink implements SipSink {
        final List<String> events = new ArrayList<>();
        final List<SipMessage> messages = new ArrayList<>();

        @Override
        public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
            messages.add(message);
            events.add(transport + " " + message.startLine() + " @" + packet.srcPort + "->" + packet.dstPort + " t="
                    + packet.timestampNanos);
        }

        @Override
        public void onSipMalformed(SipMalformed reason, SipTransport transport, Packet packet) {
            events.add(transport + " malformed " + reason + (packet == null ? " (no packet)" : " @" + packet.srcPort));
        }
    }

    private static Packet packet(int protocol, long src, int srcPort, long dst, int dstPort, byte[] payload, long t) {
        Packet p = new Packet();
        p.clear();
        p.ipVersion = 4;
        p.protocol = protocol;
        p.srcLo = src;
        p.srcPort = srcPort;
        p.dstLo = dst;
        p.dstPort = dstPort;
        p.data = payload;
        p.payloadOffset = 0;
        p.payloadLength = payload.length;
        p.timestampNanos = t;
        return p;
    }

    @Test
    void aFirstOctetOf0x80OrMoreIsNotSipOffTheSipPortAndMalformedSipOnIt() {
        Sink sink = new Sink();
        SipDecoder d = new SipDecoder(sink);
        for (int first = 0x80; first <= 0xff; first++) {
            byte[] rtpLike = {(byte) first, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
            assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 40000, SERVER, 7078, rtpLike, first)))
                    .as("first octet %d off the SIP port", first).isFalse();
            assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 40000, SERVER, 5060, rtpLike, first)))
                    .as("first octet %d to the SIP port", first).isTrue();
            Packet hep = packet(Packet.PROTO_UDP, CLIENT, 40000, SERVER, 40001, rtpLike, first);
            hep.flags |= Packet.FLAG_HEP;
            hep.hepPayloadType = dev.sipscope.decoder.HepDecoder.TYPE_SIP;
            assertThat(d.offerDatagram(hep)).as("first octet %d in HEP carrying SIP", first).isTrue();
        }
        assertThat(d.malformed(SipMalformed.NOT_SIP)).isEqualTo(2 * 128);
        assertThat(d.messages()).isZero();
        assertThat(d.keepAlives()).isZero();
        assertThat(sink.events).hasSize(2 * 128).allMatch(e -> e.startsWith("UDP malformed NOT_SIP @40000"));
    }

    @Test
    void udpDatagramsOnAndOffTheSipPort() {
        Sink sink = new Sink();
        SipDecoder d = new SipDecoder(sink);
        assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 5060, SERVER, 5060, bytes(SipTexts.invite()), 1)))
                .isTrue();
        assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 40000, SERVER, 7078,
                new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}, 2))).isFalse();
        assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 5060, SERVER, 5060, bytes("garbage\r\n"), 3)))
                .isTrue();
        assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 5060, SERVER, 5060, bytes("\r\n\r\n"), 4)))
                .isTrue();
        assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 1234, SERVER, 4321, bytes("\r\n\r\n"), 5)))
                .isFalse();
        assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 1234, SERVER, 4321, bytes(crlf(SipTexts.BYE)), 6)))
                .isTrue();
        assertThat(d.offerDatagram(packet(Packet.PROTO_SCTP, CLIENT, 5060, SERVER, 5060, bytes(crlf(SipTexts.BYE)), 7)))
                .isTrue();
        d.onDatagram(packet(Packet.PROTO_UDP, CLIENT, 5060, SERVER, 5060, bytes("SIP/2.0 99 x\r\n\r\n"), 8));
        assertThat(sink.events).containsExactly(
                "UDP INVITE sip:bob@biloxi.example.com SIP/2.0 @5060->5060 t=1",
                "UDP malformed NOT_SIP @5060",
                "UDP BYE sip:alice@pc33.atlanta.example.com SIP/2.0 @1234->4321 t=6",
                "SCTP BYE sip:alice@pc33.atlanta.example.com SIP/2.0 @5060->5060 t=7",
                "UDP malformed BAD_START_LINE @5060");
        assertThat(d.messages()).isEqualTo(3);
        assertThat(d.messages(SipTransport.SCTP)).isEqualTo(1);
        assertThat(d.malformed(SipMalformed.NOT_SIP)).isEqualTo(1);
        assertThat(d.malformed()).isEqualTo(2);
        assertThat(d.keepAlives()).isEqualTo(1);
    }

    @Test
    void tcpDirectionsGetTheirOwnFramers() {
        Sink sink = new Sink();
        SipDecoder d = new SipDecoder(sink);
        TcpStream stream = new TcpStream(0, 4, 0, CLIENT, 33000, 0, SERVER, 5060);
        byte[] invite = bytes(SipTexts.invite());
        byte[] part1 = java.util.Arrays.copyOfRange(invite, 0, 300);
        byte[] part2 = java.util.Arrays.copyOfRange(invite, 300, invite.length);
        d.onTcpData(stream, packet(Packet.PROTO_TCP, CLIENT, 33000, SERVER, 5060, part1, 10));
        byte[] replies = bytes(crlf(SipTexts.RINGING).replace("180 Ringing", "100 Trying") + crlf(SipTexts.RINGING));
        d.onTcpData(stream, packet(Packet.PROTO_TCP, SERVER, 5060, CLIENT, 33000, replies, 11));
        d.onTcpData(stream, packet(Packet.PROTO_TCP, CLIENT, 33000, SERVER, 5060, part2, 12));
        assertThat(sink.events).containsExactly(
                "TCP SIP/2.0 100 Trying @5060->33000 t=11",
                "TCP SIP/2.0 180 Ringing @5060->33000 t=11",
                "TCP INVITE sip:bob@biloxi.example.com SIP/2.0 @33000->5060 t=12");
        assertThat(sink.messages.get(2).text()).isEqualTo(SipTexts.invite());
        assertThat(d.tcpConnections()).isEqualTo(1);

        byte[] bye = bytes(crlf(SipTexts.BYE));
        d.onTcpData(stream, packet(Packet.PROTO_TCP, CLIENT, 33000, SERVER, 5060,
                java.util.Arrays.copyOfRange(bye, 0, 50), 13));
        d.onTcpGap(stream, true, -1);
        d.onTcpClose(stream);
        assertThat(sink.events.get(3)).isEqualTo("TCP malformed STREAM_GAP (no packet)");
        assertThat(stream.attachment).isNull();
    }

    @Test
    void tcpOnOtherPortsIsProbedAndNonSipIsLeftAlone() {
        Sink sink = new Sink();
        SipDecoder d = new SipDecoder(sink);
        TcpStream sip = new TcpStream(1, 4, 0, CLIENT, 33001, 0, SERVER, 6060);
        d.onTcpData(sip, packet(Packet.PROTO_TCP, CLIENT, 33001, SERVER, 6060, bytes(crlf(SipTexts.BYE)), 1));
        assertThat(sink.messages).hasSize(1);

        TcpStream tls = new TcpStream(2, 4, 0, CLIENT, 33002, 0, SERVER, 443);
        byte[] noise = new byte[40_000];
        new java.util.Random(443).nextBytes(noise);
        noise[0] = 0x16;
        for (int i = 0; i < 3; i++) {
            d.onTcpData(tls, packet(Packet.PROTO_TCP, CLIENT, 33002, SERVER, 443, noise, 2));
            d.onTcpData(tls, packet(Packet.PROTO_TCP, SERVER, 443, CLIENT, 33002, noise, 3));
        }
        d.onTcpData(tls, packet(Packet.PROTO_TCP, CLIENT, 33002, SERVER, 443, noise, 4));
        assertThat(sink.events).hasSize(1);
        assertThat(tls.attachment).isNotNull().isNotInstanceOf(SipStreamFramer.class);
        d.onTcpClose(tls);
        assertThat(tls.attachment).isNull();
    }

    @Test
    void hepPayloadsDeclaredSipAreKnownSip() {
        Sink sink = new Sink();
        SipDecoder d = new SipDecoder(sink);
        Packet hep = packet(Packet.PROTO_UDP, CLIENT, 40000, SERVER, 40001, bytes("junk"), 1);
        hep.flags |= Packet.FLAG_HEP;
        hep.hepPayloadType = dev.sipscope.decoder.HepDecoder.TYPE_SIP;
        assertThat(d.offerDatagram(hep)).isTrue();
        Packet hepOther = packet(Packet.PROTO_UDP, CLIENT, 40000, SERVER, 40001, bytes("junk"), 2);
        hepOther.flags |= Packet.FLAG_HEP;
        hepOther.hepPayloadType = 5;
        assertThat(d.offerDatagram(hepOther)).isFalse();
        Packet hepTcp = packet(Packet.PROTO_TCP, CLIENT, 40000, SERVER, 40001, bytes(crlf(SipTexts.BYE)), 3);
        hepTcp.flags |= Packet.FLAG_HEP;
        assertThat(d.offerDatagram(hepTcp)).isTrue();
        assertThat(sink.events).containsExactly("UDP malformed NOT_SIP @40000",
                "TCP BYE sip:alice@pc33.atlanta.example.com SIP/2.0 @40000->40001 t=3");
    }

    @Test
    void damagedMessagesAreDeliveredAndCountedAsMalformed() {
        Sink sink = new Sink();
        SipDecoder d = new SipDecoder(sink);
        d.onDatagram(packet(Packet.PROTO_UDP, CLIENT, 5060, SERVER, 5060,
                bytes("BYE sip:a SIP/2.0\r\nCall-ID: x\r\nContent-Length: 99\r\n\r\n"), 1));
        assertThat(sink.messages).hasSize(1);
        assertThat(sink.messages.get(0).problem()).isEqualTo(SipMalformed.CONTENT_LENGTH_EXCEEDS_DATAGRAM);
        assertThat(d.messages()).isEqualTo(1);
        assertThat(d.malformed(SipMalformed.CONTENT_LENGTH_EXCEEDS_DATAGRAM)).isEqualTo(1);
    }

    @Test
    void someoneElsesAttachmentIsLeftAlone() {
        Sink sink = new Sink();
        SipDecoder d = new SipDecoder(sink);
        TcpStream stream = new TcpStream(3, 4, 0, CLIENT, 33003, 0, SERVER, 5060);
        Object foreign = new Object();
        stream.attachment = foreign;
        d.onTcpData(stream, packet(Packet.PROTO_TCP, CLIENT, 33003, SERVER, 5060, bytes(crlf(SipTexts.BYE)), 1));
        d.onTcpGap(stream, true, 5);
        d.onTcpClose(stream);
        assertThat(sink.events).isEmpty();
        assertThat(stream.attachment).isSameAs(foreign);
    }

    @Test
    void configuredPortsMakeGarbageMalformed() {
        Sink sink = new Sink();
        SipDecoder d = new SipDecoder(SipLimits.DEFAULTS, dev.sipscope.decoder.PortSet.of(5080, 6060), sink);
        assertThat(d.isSipPort(5080)).isTrue();
        assertThat(d.isSipPort(5060)).isFalse();
        assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 5060, SERVER, 5060, bytes("junk"), 1))).isFalse();
        assertThat(d.offerDatagram(packet(Packet.PROTO_UDP, CLIENT, 1000, SERVER, 5080, bytes("junk"), 1))).isTrue();
        TcpStream stream = new TcpStream(4, 4, 0, CLIENT, 33004, 0, SERVER, 6060);
        d.onTcpData(stream, packet(Packet.PROTO_TCP, CLIENT, 33004, SERVER, 6060, bytes("junk\r\n"), 2));
        assertThat(sink.events).containsExactly("UDP malformed NOT_SIP @1000", "TCP malformed NOT_SIP @33004");
    }
}
