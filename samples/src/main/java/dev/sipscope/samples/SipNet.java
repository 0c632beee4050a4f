package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.FrameEmitter;
import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.ListGenerator;
import dev.sipscope.samples.net.MergedGenerator;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.net.WireFrame;
import dev.sipscope.samples.rtp.Codec;
import dev.sipscope.samples.rtp.RtpOptions;
import dev.sipscope.samples.rtp.RtpStreamGenerator;
import dev.sipscope.samples.rtp.RtpStreamSpec;
import dev.sipscope.samples.rtp.StreamTruth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network of a scenario item with more than two SIP elements (proxy, B2BUA, transfer target):
 * a star around the capture point (a switch's mirror port). Every element has its own one-way
 * delay to the capture point: a message an element sends at its local time {@code s} is captured
 * at {@code s + delay(sender)} and reaches its destination at {@code capture + delay(receiver)}.
 * SIP goes over UDP. Scripts ({@link ForkedCallGenerator}, {@link TransferGenerator},
 * {@link B2buaGenerator}, {@link ExchangeGenerator}) build the messages with {@link SipMsg},
 * send them here with the transaction and dialog they belong to, and add RTP streams.
 */
final class SipNet implements FrameGenerator {
    static final long MS = 1_000_000L;
    static final long T1 = 500 * MS;
    static final long T2 = 4000 * MS;
    private static final long FRAGMENT_GAP_NANOS = 5_000;
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, REFER, NOTIFY, SUBSCRIBE, MESSAGE";

    /** One SIP element: a user agent (with a user name) or a proxy / B2BUA. */
    static final class Party {
        final String user;
        final Endpoint sip;
        final long delayNanos;
        final String agent;

        Party(String user, Endpoint sip, long delayNanos, String agent) {
            this.user = user;
            this.sip = sip;
            this.delayNanos = delayNanos;
            this.agent = agent;
        }

        /** The address it can be reached at (its Contact URI). */
        String contact() {
            return "sip:" + user + "@" + sip;
        }

        /** Its address of record in {@code domain} as a name-addr with a display name. */
        String nameAddr(String domain) {
            return "\"" + display(user) + "\" <sip:" + user + "@" + domain + ">";
        }

        String via(String branch) {
            return "SIP/2.0/UDP " + sip + ";rport;branch=" + branch;
        }

        @Override
        public String toString() {
            return user + "@" + sip;
        }
    }

    private record Send(long tNanos, Endpoint src, Endpoint dst, byte[] bytes, SipMessageTruth truth) {
    }

    private record StreamSlot(CallTruth owner, StreamTruth[] box) {
    }

    final SipLedger ledger = new SipLedger();
    final SeededRandom ids;
    final SeededRandom timing;
    private final PacketBuilder packets;
    private final NetPath path;
    private final List<Send> sends = new ArrayList<>();
    private final List<StreamSlot> streams = new ArrayList<>();
    private final MergedGenerator inner = new MergedGenerator();
    private boolean rendered;

    SipNet(PacketBuilder packets, NetPath path, SeededRandom random) {
        this.packets = packets;
        this.path = path;
        this.ids = random.child(1);
        this.timing = random.child(2);
    }

    NetPath path() {
        return path;
    }

    // ---------------------------------------------------------------- identifiers and reaction times

    String branch() {
        return "z9hG4bK" + ids.hex(16); // RFC 3261 8.1.1.7 magic cookie
    }

    String tag() {
        return ids.hex(10);
    }

    String callId(Endpoint host) {
        return ids.hex(24) + "@" + host.ip();
    }

    long firstCseq() {
        return ids.nextInt(1, 9999);
    }

    /** A quick reaction (100 Trying, ACK, forwarding, a 200 to a non-INVITE): 0.3 to 1.5 ms. */
    long quick() {
        return 300_000 + timing.nextInt(1_200_001);
    }

    /** Time to ring or decide: 20 to 40 ms. */
    long think() {
        return 20 * MS + timing.nextInt(20_000_001);
    }

    /** From the answer to the first RTP packet: 5 to 15 ms. */
    long mediaSetup() {
        return 5 * MS + timing.nextInt(10_000_001);
    }

    // ---------------------------------------------------------------- sending

    /**
     * Puts {@code msg} on the wire: it leaves {@code from} at that element's local time
     * {@code sendNanos}. Returns when it reaches {@code to}.
     */
    long send(Party from, Party to, long sendNanos, SipMsg msg, TransactionTruth tx, DialogTruth dialog,
              boolean retransmission) {
        return send(from, to, sendNanos, msg.bytes(), msg, tx, dialog, retransmission);
    }

    /** Resends the exact bytes of an earlier message (a retransmission). */
    long resend(Party from, Party to, long sendNanos, byte[] bytes, SipMsg msg, TransactionTruth tx, DialogTruth dialog) {
        return send(from, to, sendNanos, bytes, msg, tx, dialog, true);
    }

    private long send(Party from, Party to, long sendNanos, byte[] bytes, SipMsg msg, TransactionTruth tx,
                      DialogTruth dialog, boolean retransmission) {
        if (rendered) {
            throw new IllegalStateException("the plan is already on the wire");
        }
        long captured = sendNanos + from.delayNanos;
        SipMessageTruth m = ledger.record(captured, from.sip, to.sip, Transport.UDP, bytes, msg.method(), msg.status(),
                msg.cseq(), retransmission, msg.get("Call-ID"), tx, dialog);
        sends.add(new Send(captured, from.sip, to.sip, bytes, m));
        return captured + to.delayNanos;
    }

    /** Capture time of a message {@code from} sends at its local time {@code sendNanos}. */
    static long captured(Party from, long sendNanos) {
        return sendNanos + from.delayNanos;
    }

    /**
     * Declares the client transaction of {@code request} (from its top Via) on the hop
     * {@code from -> to}; an ACK gets a transaction of its own (the ACK of a 2xx).
     */
    TransactionTruth clientTransaction(SipMsg request, Party from, Party to, DialogTruth dialog) {
        String via = request.get("Via");
        int b = via.indexOf(";branch=");
        int end = via.indexOf(';', b + 8);
        String branch = via.substring(b + 8, end < 0 ? via.length() : end);
        int space = via.indexOf(' ');
        int semi = via.indexOf(';');
        String sentBy = via.substring(space + 1, semi);
        return ledger.transaction(request.get("Call-ID"), request.method(), branch, sentBy, from.sip, to.sip, dialog);
    }

    // ---------------------------------------------------------------- media

    /** SDP offer or answer (RFC 4566, RFC 3264): one audio stream with the codec and telephone-event. */
    static byte[] sdp(String user, long sessionId, long version, Endpoint media, Codec codec, String direction) {
        String ip = media.ip().toString();
        String type = media.ip().sdpAddressType();
        String text = "v=0\r\n"
                + "o=" + user + " " + sessionId + " " + version + " IN " + type + " " + ip + "\r\n"
                + "s=sipscope\r\n"
                + "c=IN " + type + " " + ip + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + media.port() + " RTP/AVP " + codec.payloadType() + " 101\r\n"
                + "a=rtpmap:" + codec.payloadType() + " " + codec.rtpmap() + "\r\n"
                + (codec.fmtp() != null ? "a=fmtp:" + codec.payloadType() + " " + codec.fmtp() + "\r\n" : "")
                + "a=rtpmap:101 telephone-event/" + codec.clockRateHz() + "\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=" + direction + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** An RTP stream whose truth joins {@code owner}'s streams (in the order streams were added) once it is done. */
    void rtp(CallTruth owner, RtpStreamSpec spec, SeededRandom random) {
        StreamTruth[] box = new StreamTruth[1];
        streams.add(new StreamSlot(owner, box));
        inner.add(new RtpStreamGenerator(spec, packets, random, st -> box[0] = st));
    }

    /**
     * Two-way RTP between {@code a} and {@code b} (each stream from its start to its end, capture
     * times), default settings, no impairment; the truth joins {@code owner}, a's stream first.
     */
    void talk(CallTruth owner, String aUser, Endpoint aMedia, long aStart, long aEnd, String bUser, Endpoint bMedia,
              long bStart, long bEnd, Codec codec, SeededRandom random) {
        RtpOptions opts = new RtpOptions();
        rtp(owner, RtpStreamSpec.resolve(aUser + "->" + bUser, opts, aMedia, bMedia, path, codec, aStart,
                Math.max(aStart, aEnd), List.of(), random.child(1)), random.child(2));
        rtp(owner, RtpStreamSpec.resolve(bUser + "->" + aUser, opts, bMedia, aMedia, path, codec, bStart,
                Math.max(bStart, bEnd), List.of(), random.child(3)), random.child(4));
    }

    /** An even RTP port in 10000..59998. */
    int rtpPort() {
        return 2 * ids.nextInt(5000, 29999);
    }

    /** An SDP session id (o= line). */
    long sessionId() {
        return 1_000_000_000L + ids.nextInt(1_000_000_000);
    }

    // ---------------------------------------------------------------- frames

    /** Turns the planned messages into frames (in capture order, so IPv4 ids rise with time) and sorts the truth. */
    void render() {
        if (rendered) {
            return;
        }
        rendered = true;
        ledger.complete();
        List<Send> ordered = new ArrayList<>(sends);
        ordered.sort((x, y) -> Long.compare(x.tNanos, y.tNanos));
        ListGenerator sip = new ListGenerator();
        for (Send s : ordered) {
            List<byte[]> frames = packets.udp(s.src, s.dst, path, PacketBuilder.DSCP_CS3, s.bytes, 0, s.bytes.length);
            long ft = s.tNanos;
            for (byte[] f : frames) {
                sip.add(new WireFrame(ft, f), s.truth::addFrame);
                ft += FRAGMENT_GAP_NANOS;
            }
        }
        inner.add(sip);
    }

    /** Hands every finished stream to its call (call once all frames are out). */
    void collectStreams() {
        for (StreamSlot s : streams) {
            if (s.box[0] != null) {
                s.owner.streams.add(s.box[0]);
            }
        }
        streams.clear();
    }

    /** Messages of one Call-ID, with their transactions and dialogs, copied into {@code call}. */
    void fill(CallTruth call) {
        for (SipMessageTruth m : ledger.messages) {
            if (call.callId.equals(m.callId())) {
                call.messages.add(m);
                call.endNanos = Math.max(call.endNanos, m.tsNanos());
            }
        }
        for (TransactionTruth t : ledger.transactions) {
            if (call.callId.equals(t.callId())) {
                call.transactions.add(t);
            }
        }
        for (DialogTruth dlg : ledger.dialogs) {
            if (call.callId.equals(dlg.callId())) {
                call.dialogs.add(dlg);
            }
        }
    }

    @Override
    public long nextNanos() {
        render();
        return inner.nextNanos();
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        inner.emitNext(out);
    }

    @Override
    public void finish() {
        collectStreams();
    }

    static String display(String user) {
        return user.isEmpty() ? user : user.substring(0, 1).toUpperCase(Locale.ROOT) + user.substring(1);
    }
}
