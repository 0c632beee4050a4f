package dev.sipscope.correlator;

import dev.sipscope.correlator.call.CallSummary;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;

/**
 * Feeds hand-written SIP and RTP datagrams to an {@link Engine} as UDP packets at chosen capture
 * times, the way the packet decoder would.
 */
public final class Wire {
    /** 2026-01-15T10:00:00Z. */
    public static final long START = 1_768_471_200_000_000_000L;

    private final Engine engine;
    private final Packet packet = new Packet();
    private long nowNanos = START;

    public Wire(Engine engine) {
        this.engine = engine;
    }

    public Wire() {
        this(new Engine(EngineConfig.DEFAULTS));
    }

    public Engine engine() {
        return engine;
    }

    /** Capture time {@code millis} after {@link #START}. */
    public Wire at(long millis) {
        nowNanos = START + millis * 1_000_000L;
        return this;
    }

    public long nowNanos() {
        return nowNanos;
    }

    /** One UDP datagram {@code src -> dst} ({@code ip:port}, IPv6 as {@code [addr]:port}) at the current time. */
    public Wire udp(String src, String dst, byte[] payload) {
        packet.clear();
        long[] a = endpoint(src);
        long[] b = endpoint(dst);
        packet.timestampNanos = nowNanos;
        packet.ipVersion = IpAddress.isV4(a[0], a[1]) ? 4 : 6;
        packet.protocol = Packet.PROTO_UDP;
        packet.srcHi = a[0];
        packet.srcLo = a[1];
        packet.srcPort = (int) a[2];
        packet.dstHi = b[0];
        packet.dstLo = b[1];
        packet.dstPort = (int) b[2];
        packet.data = payload;
        packet.payloadOffset = 0;
        packet.payloadLength = payload.length;
        engine.onDatagram(packet);
        return this;
    }

    public Wire send(String src, String dst, Msg m) {
        return udp(src, dst, m.bytes());
    }

    /** {@code count} RTP packets (PCMU, 20 ms apart from the current time; time is moved past them). */
    public Wire rtp(String src, String dst, int count) {
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[172];
            p[0] = (byte) 0x80;
            p[3] = (byte) i;
            udp(src, dst, p);
            nowNanos += 20_000_000L;
        }
        return this;
    }

    public EngineSnapshot snapshot() {
        return engine.snapshot();
    }

    public CallSummary call(String callId) {
        for (CallSummary c : engine.snapshot().calls()) {
            if (c.callId().equals(callId)) {
                return c;
            }
        }
        throw new AssertionError("no call " + callId + " in " + engine.snapshot().calls());
    }

    private static String host(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String h = endpoint.substring(0, colon);
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    private static long[] endpoint(String endpoint) {
        long[] hiLo = new long[2];
        if (!dev.sipscope.decoder.IpAddress.parse(host(endpoint), hiLo)) {
            throw new IllegalArgumentException("not ip:port: " + endpoint);
        }
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        return new long[] {hiLo[0], hiLo[1], port};
    }
}
