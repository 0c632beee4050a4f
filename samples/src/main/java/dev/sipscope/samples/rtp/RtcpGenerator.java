package dev.sipscope.samples.rtp;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.FrameEmitter;
import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.net.PacketBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The RTCP (RFC 3550 section 6) of one RTP endpoint: a compound packet every interval, SR when the
 * endpoint has sent RTP, RR otherwise, with one report block about the stream it receives (once
 * anything arrived), then SDES CNAME; the last packet, at the end of the session, adds BYE.
 *
 * <p>Packets are built when emitted, from the state of the streams at that instant: reception
 * statistics follow RFC 3550 A.3 (expected from the first packet received, fraction lost over the
 * interval) and A.8 (jitter, see {@link StreamTruth}); LSR/DLSR come from the last SR the peer
 * endpoint emitted ({@link #peer(RtcpGenerator)}). RTCP packets themselves are not impaired.
 */
public final class RtcpGenerator implements FrameGenerator {
    private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;
    private static final int PT_SR = 200;
    private static final int PT_RR = 201;
    private static final int PT_SDES = 202;
    private static final int PT_BYE = 203;

    private final PacketBuilder builder;
    private final Endpoint from;
    private final Endpoint to;
    private final NetPath path;
    private final long ssrc;
    private final byte[] cname;
    private final RtpStreamGenerator outgoing;
    private final RtpStreamGenerator incoming;
    private final long intervalNanos;
    private final long endNanos;
    private final Consumer<RtcpReport> onReport;
    private final byte[] buf = new byte[512];
    private final Frame frame = new Frame();
    private RtcpGenerator peer;
    private long nextReportNanos;
    private boolean byeSent;
    private long expectedPrior;
    private long receivedPrior;
    private long lastSrNtpMiddle;
    private long lastSrNanos = -1;

    /**
     * @param outgoing   the stream this endpoint sends (nullable); its spec must track sender history
     * @param incoming   the stream this endpoint receives (nullable)
     * @param firstNanos time of the first report
     * @param endNanos   time of the final report with BYE
     * @param onReport   receives each packet's content (nullable)
     */
    public RtcpGenerator(PacketBuilder builder, Endpoint from, Endpoint to, NetPath path, long ssrc, String cname,
                         RtpStreamGenerator outgoing, RtpStreamGenerator incoming, long firstNanos, long intervalNanos,
                         long endNanos, Consumer<RtcpReport> onReport) {
        if (outgoing != null && !outgoing.spec().trackSenderHistory()) {
            throw new IllegalArgumentException("stream " + outgoing.spec().label() + " must track sender history for RTCP");
        }
        this.builder = builder;
        this.from = from;
        this.to = to;
        this.path = path;
        this.ssrc = ssrc;
        byte[] c = cname.getBytes(StandardCharsets.UTF_8);
        this.cname = c.length > 255 ? java.util.Arrays.copyOf(c, 255) : c;
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.intervalNanos = intervalNanos;
        this.endNanos = endNanos;
        this.onReport = onReport;
        this.nextReportNanos = firstNanos;
    }

    /** The RTCP generator of the other endpoint, whose SRs feed LSR/DLSR. */
    public void peer(RtcpGenerator other) {
        this.peer = other;
    }

    @Override
    public long nextNanos() {
        if (nextReportNanos < endNanos) {
            return nextReportNanos;
        }
        return byeSent ? DONE : endNanos;
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        long t = nextNanos();
        boolean bye = t >= endNanos;
        if (bye) {
            byeSent = true;
        } else {
            nextReportNanos += intervalNanos;
        }
        int start = PacketBuilder.udpPayloadOffset(from.ip(), path);
        int p = start;

        long[] sent = outgoing != null ? outgoing.sentUpTo(t) : null;
        boolean sr = sent != null && sent[0] > 0;
        StreamTruth rx = incoming != null ? incoming.truth() : null;
        boolean block = rx != null && rx.captured() > 0;
        int headerAt = p;
        buf[p] = (byte) (0x80 | (block ? 1 : 0));
        buf[p + 1] = (byte) (sr ? PT_SR : PT_RR);
        PacketBuilder.putInt(buf, p + 4, (int) ssrc);
        p += 8;
        long ntpSeconds = Math.floorDiv(t, 1_000_000_000L) + NTP_UNIX_OFFSET_SECONDS;
        long ntpFraction = (Math.floorMod(t, 1_000_000_000L) << 32) / 1_000_000_000L;
        long rtpTimestamp = 0;
        if (sr) {
            rtpTimestamp = outgoing.spec().unwrappedTimestampAt(t) & 0xFFFF_FFFFL;
            PacketBuilder.putInt(buf, p, (int) ntpSeconds);
            PacketBuilder.putInt(buf, p + 4, (int) ntpFraction);
            PacketBuilder.putInt(buf, p + 8, (int) rtpTimestamp);
            PacketBuilder.putInt(buf, p + 12, (int) sent[0]);
            PacketBuilder.putInt(buf, p + 16, (int) sent[1]);
            p += 20;
        }
        long reportee = 0;
        int fraction = 0;
        int cumulative = 0;
        long extHighest = 0;
        long jitter = 0;
        long lsr = 0;
        long dlsr = 0;
        if (block) {
            reportee = incoming.spec().ssrc();
            long received = rx.captured();
            long expected = rx.maxExtSeq() - rx.firstArrivalExtSeq() + 1;
            long expectedInterval = expected - expectedPrior;
            long receivedInterval = received - receivedPrior;
            long lostInterval = expectedInterval - receivedInterval;
            fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
            expectedPrior = expected;
            receivedPrior = received;
            cumulative = (int) Math.max(-0x800000, Math.min(0x7FFFFF, expected - received));
            extHighest = rx.maxExtSeq() & 0xFFFF_FFFFL;
            jitter = (long) rx.jitterRfc3550();
            if (peer != null && peer.lastSrNanos >= 0) {
                lsr = peer.lastSrNtpMiddle;
                dlsr = (t - peer.lastSrNanos) * 65536 / 1_000_000_000L;
            }
            PacketBuilder.putInt(buf, p, (int) reportee);
            PacketBuilder.putInt(buf, p + 4, (fraction << 24) | (cumulative & 0xFFFFFF));
            PacketBuilder.putInt(buf, p + 8, (int) extHighest);
            PacketBuilder.putInt(buf, p + 12, (int) jitter);
            PacketBuilder.putInt(buf, p + 16, (int) lsr);
            PacketBuilder.putInt(buf, p + 20, (int) dlsr);
            p += 24;
        }
        PacketBuilder.putShort(buf, headerAt + 2, (p - headerAt) / 4 - 1);

        // SDES with one chunk: SSRC, CNAME item, null terminator, pad to a 32-bit boundary (section 6.5)
        int sdesAt = p;
        buf[p] = (byte) 0x81;
        buf[p + 1] = (byte) PT_SDES;
        PacketBuilder.putInt(buf, p + 4, (int) ssrc);
        p += 8;
        buf[p++] = 1;
        buf[p++] = (byte) cname.length;
        System.arraycopy(cname, 0, buf, p, cname.length);
        p += cname.length;
        do {
            buf[p++] = 0;
        } while ((p - sdesAt) % 4 != 0);
        PacketBuilder.putShort(buf, sdesAt + 2, (p - sdesAt) / 4 - 1);

        if (bye) {
            buf[p] = (byte) 0x81;
            buf[p + 1] = (byte) PT_BYE;
            PacketBuilder.putShort(buf, p + 2, 1);
            PacketBuilder.putInt(buf, p + 4, (int) ssrc);
            p += 8;
        }
        if (sr) {
            lastSrNanos = t;
            lastSrNtpMiddle = ((ntpSeconds & 0xFFFF) << 16) | (ntpFraction >>> 16);
        }
        int length = builder.sealUdp(buf, from, to, path, PacketBuilder.DSCP_EF, p - start);
        frame.set(t, LinkType.ETHERNET, 0, buf, 0, length, length);
        out.emit(frame);
        if (onReport != null) {
            onReport.accept(new RtcpReport(t, from, sr, ssrc, sr ? sent[0] : 0, sr ? sent[1] : 0, rtpTimestamp, block,
                    reportee, fraction, cumulative, extHighest, jitter, lsr, dlsr, bye));
        }
    }

    @Override
    public String toString() {
        return "RtcpGenerator[" + from + " -> " + to + "]";
    }
}
