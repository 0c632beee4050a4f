package dev.sipscope.bench;

import dev.sipscope.correlator.Engine;
import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;

import java.nio.charset.StandardCharsets;

/** Answered calls fed straight into an {@link Engine} as UDP SIP, and RTP packets bound to them. */
final class BenchCalls {
    /** 2026-01-15T10:00:00Z. */
    static final long START = 1_768_471_200_000_000_000L;

    private BenchCalls() {
    }

    /**
     * Sets up {@code calls} answered calls (INVITE with SDP, 200 with SDP, ACK), caller i at
     * 10.1.x.y:5060 with RTP port 10000 + 2i % 50000, callee at 10.2.x.y; returns {@code packets} RTP
     * datagrams from callees to callers, round robin over the calls.
     */
    static Packet[] announce(Engine engine, int calls, int packets) {
        Packet p = new Packet();
        for (int i = 0; i < calls; i++) {
            int caller = 0x0a010000 | (i & 0xffff);
            int callee = 0x0a020000 | (i & 0xffff);
            String a = dotted(caller);
            String b = dotted(callee);
            String id = "bench-" + i + "@" + a;
            String invite = "INVITE sip:bob@" + b + " SIP/2.0\r\nVia: SIP/2.0/UDP " + a + ":5060;branch=z9hG4bK" + i
                    + "\r\nFrom: <sip:alice@" + a + ">;tag=a" + i + "\r\nTo: <sip:bob@" + b + ">\r\nCall-ID: " + id
                    + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n";
            String ok = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP " + a + ":5060;branch=z9hG4bK" + i + "\r\nFrom: <sip:alice@"
                    + a + ">;tag=a" + i + "\r\nTo: <sip:bob@" + b + ">;tag=b" + i + "\r\nCall-ID: " + id
                    + "\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n";
            String ack = "ACK sip:bob@" + b + " SIP/2.0\r\nVia: SIP/2.0/UDP " + a + ":5060;branch=z9hG4bKa" + i
                    + "\r\nFrom: <sip:alice@" + a + ">;tag=a" + i + "\r\nTo: <sip:bob@" + b + ">;tag=b" + i
                    + "\r\nCall-ID: " + id + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
            send(engine, p, caller, callee, withSdp(invite, a, rtpPort(i)), START + i * 1000L);
            send(engine, p, callee, caller, withSdp(ok, b, rtpPort(i)), START + i * 1000L + 500);
            send(engine, p, caller, callee, ack, START + i * 1000L + 600);
        }
        Packet[] out = new Packet[packets];
        for (int k = 0; k < packets; k++) {
            int i = k % calls;
            Packet r = new Packet();
            r.clear();
            r.ipVersion = 4;
            r.protocol = Packet.PROTO_UDP;
            r.srcLo = IpAddress.v4Lo(0x0a020000 | (i & 0xffff));
            r.srcPort = rtpPort(i);
            r.dstLo = IpAddress.v4Lo(0x0a010000 | (i & 0xffff));
            r.dstPort = rtpPort(i);
            r.data = new byte[172];
            r.data[0] = (byte) 0x80;
            r.data[11] = (byte) i;
            r.payloadLength = 172;
            r.timestampNanos = START + 10_000_000_000L;
            out[k] = r;
        }
        return out;
    }

    static int rtpPort(int i) {
        return 10_000 + (2 * i) % 50_000;
    }

    private static String withSdp(String head, String ip, int port) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n";
        return head + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static void send(Engine engine, Packet p, int src, int dst, String text, long t) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        p.clear();
        p.ipVersion = 4;
        p.protocol = Packet.PROTO_UDP;
        p.srcLo = IpAddress.v4Lo(src);
        p.srcPort = 5060;
        p.dstLo = IpAddress.v4Lo(dst);
        p.dstPort = 5060;
        p.data = b;
        p.payloadLength = b.length;
        p.timestampNanos = t;
        engine.onDatagram(p);
    }

    private static String dotted(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }
}
