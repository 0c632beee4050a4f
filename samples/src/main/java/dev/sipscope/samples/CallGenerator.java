package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.FrameEmitter;
import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.ListGenerator;
import dev.sipscope.samples.net.MergedGenerator;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.net.TcpConnection;
import dev.sipscope.samples.net.WebSocketFrames;
import dev.sipscope.samples.net.WireFrame;
import dev.sipscope.samples.rtp.Codec;
import dev.sipscope.samples.rtp.RtcpGenerator;
import dev.sipscope.samples.rtp.RtpOptions;
import dev.sipscope.samples.rtp.RtpStreamGenerator;
import dev.sipscope.samples.rtp.RtpStreamSpec;
import dev.sipscope.samples.rtp.StreamTruth;
import dev.sipscope.samples.rtp.TimeWindow;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a {@link CallBuilder} into frames: the SIP dialog (built up front, a few dozen messages at
 * most), the two RTP streams and their RTCP (generated lazily), merged in capture order. Every
 * SIP message is recorded with the transaction and dialog it belongs to ({@link SipLedger}).
 *
 * <p>Timing model: the capture point sits next to the caller. A message the caller sends is
 * captured when sent; one the callee sends is captured one one-way delay {@code d} after it left;
 * the callee receives a caller message {@code d} after its capture. Reactions take a seeded random
 * time: 0.3-1.5 ms for 100 Trying, ACK, PRACK and the 200 to BYE, CANCEL, PRACK, UPDATE or INFO,
 * 20-40 ms before the first 180 or a final response without ringing, 10-20 ms for a re-INVITE;
 * media starts 5-15 ms after the answer. SIP timers follow RFC 3261 section 17.1.1.2 (T1 = 500 ms,
 * doubling, capped at T2 = 4 s for non-INVITE and 2xx retransmissions; timer B = 64*T1).
 *
 * <p>SIP over WebSocket (RFC 7118) runs on the same TCP connection model: an HTTP/1.1 Upgrade
 * (RFC 6455 section 4), then every SIP message as one text message (client frames masked, server
 * frames not), split into continuation frames above {@link CallBuilder#wsMaxFramePayload}, and a
 * close handshake before the server closes the connection.
 */
final class CallGenerator implements FrameGenerator {
    private static final long MS = 1_000_000L;
    private static final long T1 = 500 * MS;
    private static final long T2 = 4000 * MS;
    private static final long FRAGMENT_GAP_NANOS = 5_000;
    private static final int RAW = -1;
    private static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, REFER, NOTIFY";

    private final CallBuilder b;
    private final PacketBuilder packets;
    private final Consumer<CallTruth> sink;
    private final MergedGenerator inner = new MergedGenerator();
    private final CallTruth truth;
    private final SipLedger ledger = new SipLedger();
    private final long d;
    private final List<Send> sends = new ArrayList<>();
    private final String callerTag;
    private final String calleeTag;
    private final String callId;
    private final String transportToken;
    private final Endpoint callerSignal;
    private final Endpoint callerWireRtp;
    private final int callerRtpPort;
    private final int calleeRtpPort;
    private final long callerSessionId;
    private final long calleeSessionId;
    private final SeededRandom ids;
    private final SeededRandom timing;
    private final SeededRandom wsRandom;
    private final SeededRandom extras;
    private final String wsHost;
    private final String callerSentBy;
    private long callerVersion;
    private long calleeVersion;
    private long callerCseq;
    private long calleeCseq;
    private int streamsPending;
    private boolean finished;
    private TransactionTruth inviteTx;
    private DialogTruth dialog;

    /**
     * One thing to put on the wire at a capture time: a SIP message ({@code truth} set), or for a
     * WebSocket call an HTTP handshake message ({@code wsOpcode == RAW}) or a control frame.
     */
    private record Send(long tNanos, boolean fromCaller, byte[] bytes, SipMessageTruth truth, boolean coalesceWithNext,
                        int wsOpcode) {
    }

    CallGenerator(CallBuilder spec, int index, long startNanos, PacketBuilder packets, SeededRandom random,
                  Consumer<CallTruth> sink) {
        spec.validate();
        this.b = spec;
        this.packets = packets;
        this.sink = sink;
        this.d = spec.oneWayDelayMillis * MS;
        this.ids = random.child(1);
        SeededRandom media = random.child(2);
        this.timing = random.child(3);
        this.callId = spec.callId != null ? spec.callId : ids.hex(24) + "@" + spec.callerSip.ip();
        this.callerTag = ids.hex(10);
        this.calleeTag = ids.hex(10);
        this.transportToken = spec.transport.name();
        int ephemeral = spec.transport.reliable() ? ids.nextInt(32768, 60999) : -1;
        this.callerRtpPort = spec.callerRtpPort > 0 ? spec.callerRtpPort : 2 * ids.nextInt(5000, 29999);
        this.calleeRtpPort = spec.calleeRtpPort > 0 ? spec.calleeRtpPort : 2 * ids.nextInt(5000, 29999);
        this.callerSessionId = 1_000_000_000L + ids.nextInt(1_000_000_000);
        this.calleeSessionId = 1_000_000_000L + ids.nextInt(1_000_000_000);
        this.callerVersion = callerSessionId;
        this.calleeVersion = calleeSessionId;
        this.callerCseq = ids.nextInt(1, 9999);
        this.calleeCseq = ids.nextInt(1, 9999);
        SeededRandom nat = random.child(4); // drawn after the others, so calls without NAT keep their bytes
        if (spec.natPublic == null) {
            this.callerSignal = ephemeral > 0 ? spec.callerSip.withPort(ephemeral) : spec.callerSip;
            this.callerWireRtp = spec.callerSip.withPort(callerRtpPort);
        } else {
            int sipPort = spec.natPublic.port() > 0 ? spec.natPublic.port() : nat.nextInt(1024, 65535);
            this.callerSignal = spec.natPublic.withPort(ephemeral > 0 ? nat.nextInt(1024, 65535) : sipPort);
            this.callerWireRtp = spec.natPublic.withPort(spec.natRtpPort > 0 ? spec.natRtpPort : 2 * nat.nextInt(512, 32766));
        }
        this.wsRandom = random.child(5);
        this.extras = random.child(6);
        // RFC 7118 section 5.2: a WebSocket client cannot be reached at an address of its own, so it uses a random .invalid host
        this.wsHost = spec.transport == Transport.WS ? wsRandom.hex(12) + ".invalid" : null;
        this.callerSentBy = wsHost != null ? wsHost : spec.callerSip.toString();
        this.truth = new CallTruth(index, spec.label, callId, callerTag, calleeTag, spec.callerUser, spec.callerSip,
                spec.calleeUser, spec.calleeSip, spec.transport, spec.outcome, spec.finalStatus, spec.codec,
                spec.path.vlanId());
        truth.callerNat = spec.natPublic == null ? null : callerSignal;
        truth.earlyMedia = spec.earlyMedia;
        plan(startNanos, media);
    }

    @Override
    public long nextNanos() {
        return inner.nextNanos();
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        inner.emitNext(out);
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (SipMessageTruth m : truth.messages) {
            truth.endNanos = Math.max(truth.endNanos, m.tsNanos());
        }
        sink.accept(truth);
    }

    // ---------------------------------------------------------------- the plan

    private void plan(long start, SeededRandom media) {
        long t = start;
        TcpConnection tcp = null;
        List<WireFrame> tcpControl = new ArrayList<>();
        if (b.transport.reliable()) {
            tcp = new TcpConnection(packets, callerSignal, b.calleeSip, b.path, PacketBuilder.DSCP_CS3,
                    TcpConnection.DEFAULT_MSS, ids.child(7));
            long synAck = t + 2 * d + 50_000;
            tcp.handshake(t, synAck, synAck + 50_000, tcpControl);
            t = synAck + 100_000;
            if (b.transport == Transport.WS) {
                t = webSocketUpgrade(t);
            }
        }
        String inviteBranch = branch();
        long inviteCseq = callerCseq++;
        byte[] offer = sdp(b.callerUser, callerSessionId, callerVersion, b.callerSip, callerRtpPort, true, "sendrecv");
        byte[] invite = invite(inviteBranch, inviteCseq, offer, true);
        inviteTx = ledger.transaction(callId, "INVITE", inviteBranch, callerSentBy, callerSignal, b.calleeSip, null);
        truth.inviteNanos = t;
        long lastInvite = t;
        callerSends(t, invite, "INVITE", 0, inviteCseq, false, inviteTx, null);
        int inviteResends = b.outcome == CallOutcome.TIMEOUT
                ? (b.transport == Transport.UDP ? 6 : 0) : b.inviteRetransmissions;
        long interval = T1;
        for (int i = 0; i < inviteResends; i++) {
            lastInvite += interval;
            interval *= 2; // INVITE timer A doubles without the T2 cap (RFC 3261 17.1.1.2)
            callerSends(lastInvite, invite, "INVITE", 0, inviteCseq, true, inviteTx, null);
        }
        long closeAfter;
        if (b.outcome == CallOutcome.TIMEOUT) {
            closeAfter = t + 64 * T1;
        } else {
            long s100 = lastInvite + d + quick();
            calleeSends(s100, response(100, inviteBranch, inviteCseq, "INVITE", false, null, false), 100, inviteCseq,
                    "INVITE", false, b.coalesceProvisional, inviteTx, null);
            long ring = b.ringSet ? b.ringMillis * MS
                    : (b.outcome == CallOutcome.REJECTED ? 0 : b.ringMillis * MS);
            if (b.outcome == CallOutcome.CANCELLED && ring == 0) {
                ring = 2000 * MS;
            }
            long sBeforeFinal;
            long earlyStart = -1;
            long lastProvisional = s100 + d;
            if (ring > 0) {
                long s180 = b.coalesceProvisional ? s100 : s100 + think();
                int code = b.earlyMedia ? 183 : 180;
                byte[] answer = b.earlyMedia ? sdp(b.calleeUser, calleeSessionId, calleeVersion, b.calleeSip,
                        calleeRtpPort, false, "sendrecv") : null;
                long rseq = b.prack ? 1 + extras.nextInt(0x7FFF_FFFE) : -1; // RFC 3262 section 3: 1 .. 2^31-1
                String[] reliable = b.prack ? new String[] {"Require", "100rel", "RSeq", String.valueOf(rseq)}
                        : new String[0];
                DialogTruth dlg = dialog();
                dlg.early(s180 + d);
                calleeSends(s180, response(code, inviteBranch, inviteCseq, "INVITE", true, answer, true, reliable), code,
                        inviteCseq, "INVITE", false, false, inviteTx, dlg);
                if (b.earlyMedia) {
                    earlyStart = s180 + mediaSetup() + d;
                }
                truth.ringingNanos = s180 + d;
                lastProvisional = s180 + d;
                sBeforeFinal = s180 + ring;
                if (b.prack) {
                    long prackAnswered = prack(s180 + d, rseq, inviteCseq);
                    lastProvisional = prackAnswered + d;
                    sBeforeFinal = Math.max(sBeforeFinal, prackAnswered + MS);
                }
            } else {
                sBeforeFinal = s100 + think();
            }
            switch (b.outcome) {
                case ANSWERED:
                    closeAfter = planAnswered(sBeforeFinal, inviteBranch, inviteCseq, media, earlyStart);
                    break;
                case REJECTED: {
                    long sFinal = sBeforeFinal;
                    DialogTruth dlg = dialog;
                    if (dlg != null) {
                        dlg.terminated(sFinal + d, DialogTruth.End.FINAL_RESPONSE, b.calleeUser);
                    }
                    calleeSends(sFinal, response(b.finalStatus, inviteBranch, inviteCseq, "INVITE", true, null, false),
                            b.finalStatus, inviteCseq, "INVITE", false, false, inviteTx, dlg);
                    long ack = sFinal + d + quick();
                    callerSends(ack, ackNon2xx(inviteBranch, inviteCseq), "ACK", 0, inviteCseq, false, inviteTx, dlg);
                    closeAfter = ack;
                    if (earlyStart >= 0) {
                        addMedia(media, -1, -1, earlyStart, sFinal + d, List.of());
                    }
                    break;
                }
                case CANCELLED: {
                    DialogTruth dlg = dialog;
                    long tCancel = truth.ringingNanos >= 0 ? truth.ringingNanos + ring : s100 + d + ring;
                    TransactionTruth cancelTx = ledger.transaction(callId, "CANCEL", inviteBranch, callerSentBy,
                            callerSignal, b.calleeSip, null);
                    cancelTx.cancels = inviteTx;
                    callerSends(tCancel, cancel(inviteBranch, inviteCseq), "CANCEL", 0, inviteCseq, false, cancelTx, null);
                    long s200 = tCancel + d + quick();
                    calleeSends(s200, response(200, inviteBranch, inviteCseq, "CANCEL", true, null, false), 200,
                            inviteCseq, "CANCEL", false, false, cancelTx, dlg);
                    long s487 = s200 + quick();
                    if (dlg != null) {
                        dlg.terminated(s487 + d, DialogTruth.End.FINAL_RESPONSE, b.calleeUser);
                    }
                    calleeSends(s487, response(487, inviteBranch, inviteCseq, "INVITE", true, null, false), 487,
                            inviteCseq, "INVITE", false, false, inviteTx, dlg);
                    long ack = s487 + d + quick();
                    callerSends(ack, ackNon2xx(inviteBranch, inviteCseq), "ACK", 0, inviteCseq, false, inviteTx, dlg);
                    closeAfter = ack;
                    if (earlyStart >= 0) {
                        addMedia(media, -1, -1, earlyStart, tCancel + 2 * d, List.of());
                    }
                    break;
                }
                case UNANSWERED:
                    closeAfter = lastProvisional;
                    if (earlyStart >= 0) {
                        addMedia(media, -1, -1, earlyStart, Math.max(earlyStart, sBeforeFinal + d), List.of());
                    }
                    break;
                default:
                    throw new IllegalStateException("unexpected outcome " + b.outcome);
            }
        }
        boolean openAtEnd = b.tcpKeepOpen || b.inCallAtEnd || b.outcome == CallOutcome.UNANSWERED;
        if (b.transport == Transport.WS && !openAtEnd) {
            // RFC 6455 section 7.1.2: the client starts the closing handshake (status 1000), the server echoes it
            long clientClose = closeAfter + quick();
            rawSend(clientClose, true, closePayload(), WebSocketFrames.CLOSE);
            long serverClose = clientClose + 2 * d + quick();
            rawSend(serverClose, false, closePayload(), WebSocketFrames.CLOSE);
            closeAfter = serverClose;
        }
        truth.state = state();
        ledger.complete();
        truth.messages.addAll(ledger.messages);
        truth.transactions.addAll(ledger.transactions);
        truth.dialogs.addAll(ledger.dialogs);
        render(tcp, tcpControl, closeAfter, openAtEnd);
    }

    private CallState state() {
        switch (b.outcome) {
            case ANSWERED:
                return b.inCallAtEnd ? CallState.IN_CALL : CallState.COMPLETED;
            case REJECTED:
                return b.finalStatus == 486 || b.finalStatus == 600 ? CallState.BUSY : CallState.REJECTED;
            case CANCELLED:
                return CallState.CANCELLED;
            case TIMEOUT:
                return CallState.NO_RESPONSE;
            default:
                return CallState.SETUP;
        }
    }

    /** The INVITE dialog, created on first use (the first response with a To tag). */
    private DialogTruth dialog() {
        if (dialog == null) {
            dialog = ledger.dialog(callId, callerTag, calleeTag, "INVITE", b.callerUser, callerSignal, b.calleeUser,
                    b.calleeSip);
        }
        return dialog;
    }

    /**
     * The HTTP Upgrade that opens a WebSocket (RFC 6455 section 4.1 and 4.2.2, subprotocol {@code sip}
     * of RFC 7118 section 4); returns when the caller may send its first SIP message.
     */
    private long webSocketUpgrade(long t) {
        byte[] nonce = new byte[16];
        for (int i = 0; i < 16; i++) {
            nonce[i] = (byte) wsRandom.nextInt(256);
        }
        String key = WebSocketFrames.keyFrom(nonce);
        String get = "GET " + b.wsPath + " HTTP/1.1\r\n"
                + "Host: " + b.calleeSip + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Origin: https://" + b.calleeSip.ip().uriHost() + "\r\n"
                + "Sec-WebSocket-Protocol: sip\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "User-Agent: " + b.callerUserAgent + "\r\n"
                + "\r\n";
        rawSend(t, true, get.getBytes(StandardCharsets.US_ASCII), RAW);
        long s101 = t + d + quick();
        String switching = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketFrames.acceptFor(key) + "\r\n"
                + "Sec-WebSocket-Protocol: sip\r\n"
                + "\r\n";
        rawSend(s101 + d, false, switching.getBytes(StandardCharsets.US_ASCII), RAW);
        return s101 + 2 * d + quick();
    }

    private static byte[] closePayload() {
        return new byte[] {0x03, (byte) 0xE8}; // status 1000, normal closure (RFC 6455 section 7.4.1)
    }

    /** PRACK for a reliable provisional captured at {@code tProvisional}; returns the callee's send time of its 200. */
    private long prack(long tProvisional, long rseq, long inviteCseq) {
        long tPrack = tProvisional + quick();
        String branch = branch();
        long cseq = callerCseq++;
        DialogTruth dlg = dialog();
        TransactionTruth tx = ledger.transaction(callId, "PRACK", branch, callerSentBy, callerSignal, b.calleeSip, dlg);
        // RFC 3262 section 7.2: RAck carries the RSeq, then the CSeq number and method of the response's request
        byte[] request = inDialogRequest("PRACK", true, branch, cseq, null, null,
                "RAck", rseq + " " + inviteCseq + " INVITE");
        callerSends(tPrack, request, "PRACK", 0, cseq, false, tx, dlg);
        long s200 = tPrack + d + quick();
        calleeSends(s200, inDialogResponse(200, false, branch, cseq, "PRACK"), 200, cseq, "PRACK", false, false, tx, dlg);
        return s200;
    }

    /** 200 OK (with retransmissions), ACK, media, in-dialog requests, BYE and its 200 (or none, when the call stays up). */
    private long planAnswered(long s200, String inviteBranch, long inviteCseq, SeededRandom media, long earlyStart) {
        byte[] answer = sdp(b.calleeUser, calleeSessionId, calleeVersion, b.calleeSip, calleeRtpPort, false, "sendrecv");
        byte[] ok = response(b.finalStatus, inviteBranch, inviteCseq, "INVITE", true, answer, true);
        DialogTruth dlg = dialog();
        dlg.confirmed(s200 + d);
        calleeSends(s200, ok, b.finalStatus, inviteCseq, "INVITE", false, false, inviteTx, dlg);
        long tAnswer = s200 + d;
        truth.answerNanos = tAnswer;
        long lastOk = s200;
        long interval = T1;
        for (int i = 0; i < b.okRetransmissions; i++) {
            lastOk += interval;
            interval = Math.min(2 * interval, T2);
            calleeSends(lastOk, ok, b.finalStatus, inviteCseq, "INVITE", true, false, inviteTx, dlg);
        }
        long ack = lastOk + d + quick();
        String ackBranch = branch();
        byte[] ackBytes = ack2xx(ackBranch, inviteCseq);
        TransactionTruth ackTx = ledger.transaction(callId, "ACK", ackBranch, callerSentBy, callerSignal, b.calleeSip, dlg);
        callerSends(ack, ackBytes, "ACK", 0, inviteCseq, false, ackTx, dlg);
        // lost ACKs: timer G resends the 200 from the callee, each copy draws the same ACK again (RFC 3261 13.3.1.4, 13.2.2.4)
        long resend = s200;
        long gap = T1;
        for (int i = 0; i < b.ackLosses; i++) {
            resend += gap;
            gap = Math.min(2 * gap, T2);
            calleeSends(resend, ok, b.finalStatus, inviteCseq, "INVITE", true, false, inviteTx, dlg);
            ack = resend + d + quick();
            callerSends(ack, ackBytes, "ACK", 0, inviteCseq, true, ackTx, dlg);
        }

        // capture-time schedule of the callee's stream; with early media it has been running since the 183
        long calleeMediaStart = earlyStart >= 0 ? earlyStart : s200 + mediaSetup() + d;
        long callerMediaStart = tAnswer + mediaSetup();
        long talk = Math.round(b.talkSeconds * 1e9);
        long tHangup = tAnswer + talk;
        long lastRequest = ack;

        List<TimeWindow> calleePauses = new ArrayList<>();
        long holdAt = b.holdAtSeconds > 0 ? tAnswer + Math.round(b.holdAtSeconds * 1e9) : -1;
        long resumeAt = holdAt >= 0 && b.holdForSeconds > 0 ? holdAt + Math.round(b.holdForSeconds * 1e9) : -1;
        if (resumeAt >= tHangup) {
            resumeAt = -1; // stays on hold until the BYE
        }
        long updateAt = b.updateAtSeconds > 0 ? tAnswer + Math.round(b.updateAtSeconds * 1e9) : -1;
        long infoAt = b.infoAtSeconds > 0 ? tAnswer + Math.round(b.infoAtSeconds * 1e9) : -1;
        long pingAt = b.wsPingAtSeconds > 0 ? tAnswer + Math.round(b.wsPingAtSeconds * 1e9) : -1;
        long[][] events = {{holdAt, 0}, {resumeAt, 1}, {updateAt, 2}, {infoAt, 3}, {pingAt, 4}};
        java.util.Arrays.sort(events, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long holdFrom = -1;
        long holdTo = -1;
        for (long[] e : events) {
            if (e[0] < 0) {
                continue;
            }
            long at = Math.max(e[0], lastRequest + MS);
            switch ((int) e[1]) {
                case 0:
                    holdFrom = at;
                    lastRequest = reInvite(at, "sendonly", "recvonly");
                    break;
                case 1:
                    holdTo = at;
                    lastRequest = reInvite(at, "sendrecv", "sendrecv");
                    break;
                case 2:
                    lastRequest = update(at);
                    break;
                case 3:
                    lastRequest = info(at);
                    break;
                default:
                    lastRequest = ping(at);
                    break;
            }
        }
        if (holdFrom >= 0) {
            calleePauses.add(new TimeWindow(holdFrom + 2 * d, holdTo < 0 ? Long.MAX_VALUE : holdTo + 2 * d));
            truth.holds.add(new TimeWindow(holdFrom, holdTo < 0 ? tHangup : holdTo));
        }
        tHangup = Math.max(tHangup, lastRequest + MS);

        long callerMediaEnd;
        long calleeMediaEnd;
        long end;
        String byeBranch = branch();
        if (b.inCallAtEnd) {
            callerMediaEnd = tHangup;
            calleeMediaEnd = tHangup;
            end = lastRequest;
        } else if (!b.calleeHangsUp) {
            long cseq = callerCseq++;
            byte[] bye = inDialogRequest("BYE", true, byeBranch, cseq, null, null);
            TransactionTruth tx = ledger.transaction(callId, "BYE", byeBranch, callerSentBy, callerSignal, b.calleeSip, dlg);
            dlg.terminated(tHangup, DialogTruth.End.BYE, b.callerUser);
            truth.hangupBy = b.callerUser;
            truth.byeNanos = tHangup;
            long lastBye = tHangup;
            callerSends(tHangup, bye, "BYE", 0, cseq, false, tx, dlg);
            long iv = T1;
            for (int i = 0; i < b.byeRetransmissions; i++) {
                lastBye += iv;
                iv = Math.min(2 * iv, T2);
                callerSends(lastBye, bye, "BYE", 0, cseq, true, tx, dlg);
            }
            long sOk = lastBye + d + quick();
            calleeSends(sOk, inDialogResponse(200, false, byeBranch, cseq, "BYE"), 200, cseq, "BYE", false, false, tx, dlg);
            callerMediaEnd = tHangup;
            calleeMediaEnd = lastBye + 2 * d;
            end = sOk + d;
        } else {
            long cseq = calleeCseq++;
            byte[] bye = inDialogRequest("BYE", false, byeBranch, cseq, null, null);
            TransactionTruth tx = ledger.transaction(callId, "BYE", byeBranch, b.calleeSip.toString(), b.calleeSip,
                    callerSignal, dlg);
            long sBye = tHangup - d;
            dlg.terminated(tHangup, DialogTruth.End.BYE, b.calleeUser);
            truth.hangupBy = b.calleeUser;
            truth.byeNanos = tHangup;
            calleeSends(sBye, bye, 0, cseq, "BYE", false, false, tx, dlg);
            long lastBye = sBye;
            long iv = T1;
            for (int i = 0; i < b.byeRetransmissions; i++) {
                lastBye += iv;
                iv = Math.min(2 * iv, T2);
                calleeSends(lastBye, bye, 0, cseq, "BYE", true, false, tx, dlg);
            }
            long ok200 = lastBye + d + quick();
            callerSends(ok200, inDialogResponse(200, true, byeBranch, cseq, "BYE"), "BYE", 200, cseq, false, tx, dlg);
            calleeMediaEnd = tHangup;
            callerMediaEnd = lastBye + d;
            end = ok200;
        }
        addMedia(media, callerMediaStart, callerMediaEnd, calleeMediaStart, calleeMediaEnd, calleePauses);
        return end;
    }

    /** A re-INVITE from the caller at {@code t} with the given directions; returns the ACK time. */
    private long reInvite(long t, String offerDirection, String answerDirection) {
        String branch = branch();
        long cseq = callerCseq++;
        callerVersion++;
        calleeVersion++;
        DialogTruth dlg = dialog();
        TransactionTruth tx = ledger.transaction(callId, "INVITE", branch, callerSentBy, callerSignal, b.calleeSip, dlg);
        byte[] offer = sdp(b.callerUser, callerSessionId, callerVersion, b.callerSip, callerRtpPort, true, offerDirection);
        callerSends(t, inDialogRequest("INVITE", true, branch, cseq, "application/sdp", offer), "INVITE", 0, cseq, false,
                tx, dlg);
        byte[] answer = sdp(b.calleeUser, calleeSessionId, calleeVersion, b.calleeSip, calleeRtpPort, false, answerDirection);
        long s200 = t + d + think() / 2;
        byte[] ok = inDialogResponseWithBody(200, false, branch, cseq, "INVITE", answer);
        calleeSends(s200, ok, 200, cseq, "INVITE", false, false, tx, dlg);
        long ack = s200 + d + quick();
        String ackBranch = branch();
        TransactionTruth ackTx = ledger.transaction(callId, "ACK", ackBranch, callerSentBy, callerSignal, b.calleeSip, dlg);
        callerSends(ack, ack2xx(ackBranch, cseq), "ACK", 0, cseq, false, ackTx, dlg);
        return ack;
    }

    /** An UPDATE with a new offer (same media, next SDP version, RFC 3311 section 5.1); returns when the 200 is captured. */
    private long update(long t) {
        String branch = branch();
        long cseq = callerCseq++;
        callerVersion++;
        calleeVersion++;
        DialogTruth dlg = dialog();
        TransactionTruth tx = ledger.transaction(callId, "UPDATE", branch, callerSentBy, callerSignal, b.calleeSip, dlg);
        byte[] offer = sdp(b.callerUser, callerSessionId, callerVersion, b.callerSip, callerRtpPort, true, "sendrecv");
        callerSends(t, inDialogRequest("UPDATE", true, branch, cseq, "application/sdp", offer), "UPDATE", 0, cseq, false,
                tx, dlg);
        byte[] answer = sdp(b.calleeUser, calleeSessionId, calleeVersion, b.calleeSip, calleeRtpPort, false, "sendrecv");
        long s200 = t + d + quick();
        calleeSends(s200, inDialogResponseWithBody(200, false, branch, cseq, "UPDATE", answer), 200, cseq, "UPDATE", false,
                false, tx, dlg);
        return s200 + d;
    }

    /** An INFO carrying one DTMF signal as application/dtmf-relay; returns when the 200 is captured. */
    private long info(long t) {
        String branch = branch();
        long cseq = callerCseq++;
        DialogTruth dlg = dialog();
        TransactionTruth tx = ledger.transaction(callId, "INFO", branch, callerSentBy, callerSignal, b.calleeSip, dlg);
        byte[] body = ("Signal=" + b.infoSignal + "\r\nDuration=160\r\n").getBytes(StandardCharsets.US_ASCII);
        callerSends(t, inDialogRequest("INFO", true, branch, cseq, "application/dtmf-relay", body), "INFO", 0, cseq, false,
                tx, dlg);
        long s200 = t + d + quick();
        calleeSends(s200, inDialogResponse(200, false, branch, cseq, "INFO"), 200, cseq, "INFO", false, false, tx, dlg);
        return s200 + d;
    }

    /** A WebSocket ping from the server captured at {@code t}, and the client's pong (RFC 6455 section 5.5.2, 5.5.3). */
    private long ping(long t) {
        byte[] payload = new byte[4];
        for (int i = 0; i < 4; i++) {
            payload[i] = (byte) wsRandom.nextInt(256);
        }
        rawSend(t, false, payload, WebSocketFrames.PING);
        long pong = t + quick();
        rawSend(pong, true, payload, WebSocketFrames.PONG);
        return pong;
    }

    /** Adds the RTP streams and RTCP; {@code callerStart < 0} means the caller sends nothing (early media only). */
    private void addMedia(SeededRandom media, long callerStart, long callerEnd, long calleeStart, long calleeEnd,
                          List<TimeWindow> calleePauses) {
        Endpoint callerRtp = callerWireRtp;
        Endpoint calleeRtp = b.calleeSip.withPort(calleeRtpPort);
        RtpStreamGenerator fromCaller = null;
        RtpStreamGenerator fromCallee = null;
        StreamTruth[] slots = new StreamTruth[2];
        if (b.callerRtp.enabled() && callerStart >= 0) {
            RtpStreamSpec spec = RtpStreamSpec.resolve(b.callerUser + "->" + b.calleeUser, b.callerRtp, callerRtp, calleeRtp,
                    b.path, b.codec, callerStart, Math.max(callerStart, callerEnd), List.of(), media.child(1));
            fromCaller = new RtpStreamGenerator(spec, packets, media.child(2), st -> streamDone(slots, 0, st));
            streamsPending++;
        }
        if (b.calleeRtp.enabled()) {
            RtpStreamSpec spec = RtpStreamSpec.resolve(b.calleeUser + "->" + b.callerUser, b.calleeRtp, calleeRtp, callerRtp,
                    b.path, b.codec, calleeStart, Math.max(calleeStart, calleeEnd), calleePauses, media.child(3));
            fromCallee = new RtpStreamGenerator(spec, packets, media.child(4), st -> streamDone(slots, 1, st));
            streamsPending++;
        }
        if (fromCaller != null) {
            inner.add(fromCaller);
        }
        if (fromCallee != null) {
            inner.add(fromCallee);
        }
        RtcpGenerator callerRtcp = null;
        RtcpGenerator calleeRtcp = null;
        if (b.callerRtp.rtcpEnabled() && callerStart >= 0) {
            long iv = b.callerRtp.rtcpIntervalMillis() * MS;
            callerRtcp = new RtcpGenerator(packets, callerRtp.withPort(callerRtp.port() + 1), calleeRtp.withPort(calleeRtpPort + 1),
                    b.path, fromCaller != null ? fromCaller.spec().ssrc() : media.child(5).nextUnsignedInt(),
                    b.callerUser + "@" + b.callerSip.ip(), fromCaller, fromCallee, callerStart + iv, iv,
                    Math.max(callerStart, callerEnd), truth.rtcp::add);
        }
        if (b.calleeRtp.rtcpEnabled()) {
            long iv = b.calleeRtp.rtcpIntervalMillis() * MS;
            calleeRtcp = new RtcpGenerator(packets, calleeRtp.withPort(calleeRtpPort + 1), callerRtp.withPort(callerRtp.port() + 1),
                    b.path, fromCallee != null ? fromCallee.spec().ssrc() : media.child(6).nextUnsignedInt(),
                    b.calleeUser + "@" + b.calleeSip.ip(), fromCallee, fromCaller, calleeStart + iv, iv,
                    Math.max(calleeStart, calleeEnd), truth.rtcp::add);
        }
        if (callerRtcp != null && calleeRtcp != null) {
            callerRtcp.peer(calleeRtcp);
            calleeRtcp.peer(callerRtcp);
        }
        if (callerRtcp != null) {
            inner.add(callerRtcp);
        }
        if (calleeRtcp != null) {
            inner.add(calleeRtcp);
        }
    }

    private void streamDone(StreamTruth[] slots, int slot, StreamTruth st) {
        slots[slot] = st;
        if (--streamsPending == 0) {
            for (StreamTruth s : slots) {
                if (s != null) {
                    truth.streams.add(s);
                }
            }
        }
    }

    /** A quick reaction (100 Trying, ACK, 200 to BYE or CANCEL): 0.3 to 1.5 ms. */
    private long quick() {
        return 300_000 + timing.nextInt(1_200_001);
    }

    /** Time to ring or decide (first 180, a final response without ringing): 20 to 40 ms. */
    private long think() {
        return 20 * MS + timing.nextInt(20_000_001);
    }

    /** From the answer to the first RTP packet: 5 to 15 ms. */
    private long mediaSetup() {
        return 5 * MS + timing.nextInt(10_000_001);
    }

    // ---------------------------------------------------------------- putting messages on the wire

    private void callerSends(long t, byte[] bytes, String method, int status, long cseq, boolean retransmission,
                             TransactionTruth tx, DialogTruth dlg) {
        addSend(t, true, bytes, method, status, cseq, retransmission, false, tx, dlg);
    }

    /** The callee sends at its local time {@code sNanos}; the frame is captured {@code d} later. */
    private void calleeSends(long sNanos, byte[] bytes, int status, long cseq, String method, boolean retransmission,
                             boolean coalesceWithNext, TransactionTruth tx, DialogTruth dlg) {
        addSend(sNanos + d, false, bytes, method, status, cseq, retransmission, coalesceWithNext, tx, dlg);
    }

    private void addSend(long t, boolean fromCaller, byte[] bytes, String method, int status, long cseq,
                         boolean retransmission, boolean coalesceWithNext, TransactionTruth tx, DialogTruth dlg) {
        Endpoint src = fromCaller ? callerSignal : b.calleeSip;
        Endpoint dst = fromCaller ? b.calleeSip : callerSignal;
        SipMessageTruth m = ledger.record(t, src, dst, b.transport, bytes, method, status, cseq, retransmission, callId,
                tx, dlg);
        sends.add(new Send(t, fromCaller, bytes, m, coalesceWithNext, WebSocketFrames.TEXT));
    }

    /** Bytes that are not SIP: the HTTP Upgrade ({@code RAW}) or a WebSocket control frame's payload. */
    private void rawSend(long t, boolean fromCaller, byte[] bytes, int wsOpcode) {
        sends.add(new Send(t, fromCaller, bytes, null, false, wsOpcode));
    }

    /** The TCP payloads one send becomes: itself, or for WebSocket its frames (client frames masked). */
    private List<byte[]> onTcp(Send s) {
        if (b.transport != Transport.WS || s.wsOpcode == RAW) {
            return List.of(s.bytes);
        }
        WebSocketFrames.MaskSource masks = s.fromCaller ? this::maskKey : null;
        int limit = s.wsOpcode == WebSocketFrames.TEXT ? b.wsMaxFramePayload : Integer.MAX_VALUE;
        return WebSocketFrames.message(s.wsOpcode, s.bytes, limit, masks);
    }

    private byte[] maskKey() {
        int v = wsRandom.nextInt();
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Builds the frames of every SIP message (and the TCP handshake, ACKs and close) in time order. */
    private void render(TcpConnection tcp, List<WireFrame> tcpControl, long closeAfter, boolean openAtEnd) {
        List<Send> ordered = new ArrayList<>(sends);
        ordered.sort((x, y) -> Long.compare(x.tNanos, y.tNanos));
        ListGenerator sip = new ListGenerator();
        if (tcp == null) {
            for (Send s : ordered) {
                List<byte[]> frames = packets.udp(s.fromCaller ? callerSignal : b.calleeSip,
                        s.fromCaller ? b.calleeSip : callerSignal, b.path, PacketBuilder.DSCP_CS3, s.bytes, 0, s.bytes.length);
                long ft = s.tNanos;
                for (byte[] f : frames) {
                    sip.add(new WireFrame(ft, f), s.truth::addFrame);
                    ft += FRAGMENT_GAP_NANOS;
                }
            }
        } else {
            for (WireFrame f : tcpControl) {
                sip.add(f, null);
            }
            long pendingAckCaller = -1; // capture time of a pure ACK the caller owes, or -1
            long pendingAckCallee = -1;
            List<WireFrame> out = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                Send s = ordered.get(i);
                List<SipMessageTruth> carried = new ArrayList<>(2);
                if (s.truth != null) {
                    carried.add(s.truth);
                }
                List<byte[]> payloads = onTcp(s);
                if (s.coalesceWithNext && i + 1 < ordered.size() && ordered.get(i + 1).fromCaller == s.fromCaller) {
                    ByteArrayOutputStream joined = new ByteArrayOutputStream();
                    payloads.forEach(joined::writeBytes);
                    Send last = s;
                    while (last.coalesceWithNext && i + 1 < ordered.size() && ordered.get(i + 1).fromCaller == s.fromCaller) {
                        last = ordered.get(++i);
                        onTcp(last).forEach(joined::writeBytes);
                        if (last.truth != null) {
                            carried.add(last.truth);
                        }
                    }
                    payloads = List.of(joined.toByteArray());
                }
                // a pure ACK that is due goes out first; one not yet due is piggybacked when its owner sends data
                if (pendingAckCaller >= 0 && pendingAckCaller <= s.tNanos) {
                    tcp.ack(TcpConnection.Side.CLIENT, pendingAckCaller, out);
                    pendingAckCaller = -1;
                } else if (s.fromCaller) {
                    pendingAckCaller = -1;
                }
                if (pendingAckCallee >= 0 && pendingAckCallee <= s.tNanos) {
                    tcp.ack(TcpConnection.Side.SERVER, pendingAckCallee, out);
                    pendingAckCallee = -1;
                } else if (!s.fromCaller) {
                    pendingAckCallee = -1;
                }
                out.sort((x, y) -> Long.compare(x.tsNanos(), y.tsNanos()));
                flush(sip, out, null);
                TcpConnection.Side side = s.fromCaller ? TcpConnection.Side.CLIENT : TcpConnection.Side.SERVER;
                int segments = 0;
                for (byte[] payload : payloads) {
                    segments += tcp.send(side, s.tNanos + segments * TcpConnection.SEGMENT_GAP_NANOS, payload,
                            b.tcpMaxSegment, -1, out);
                }
                for (WireFrame f : out) {
                    sip.add(f, carried.isEmpty() ? null : n -> carried.forEach(m -> m.addFrame(n)));
                }
                out.clear();
                long lastSegment = s.tNanos + (segments - 1) * TcpConnection.SEGMENT_GAP_NANOS;
                if (s.fromCaller) {
                    pendingAckCallee = lastSegment + Math.max(2 * d, 100_000);
                } else {
                    pendingAckCaller = lastSegment + 40_000;
                }
            }
            long last = closeAfter;
            if (pendingAckCaller >= 0) {
                tcp.ack(TcpConnection.Side.CLIENT, pendingAckCaller, out);
                last = Math.max(last, pendingAckCaller);
            }
            if (pendingAckCallee >= 0) {
                tcp.ack(TcpConnection.Side.SERVER, pendingAckCallee, out);
                last = Math.max(last, pendingAckCallee);
            }
            if (!openAtEnd) {
                long fin = last + quick();
                long peerFin = fin + Math.max(2 * d, 100_000);
                // after a WebSocket closing handshake the server closes the connection first (RFC 6455 section 7.1.1)
                TcpConnection.Side closer = b.transport == Transport.WS ? TcpConnection.Side.SERVER : TcpConnection.Side.CLIENT;
                tcp.close(closer, fin, peerFin, peerFin + 50_000, out);
            }
            flush(sip, out, null);
        }
        inner.add(sip);
    }

    private static void flush(ListGenerator sip, List<WireFrame> out, SipMessageTruth m) {
        for (WireFrame f : out) {
            sip.add(f, m == null ? null : m::addFrame);
        }
        out.clear();
    }

    // ---------------------------------------------------------------- SIP text (RFC 3261 section 8.1.1, 8.2.6, 12)

    private String branch() {
        return "z9hG4bK" + ids.hex(16); // RFC 3261 8.1.1.7 magic cookie
    }

    private String callerAddress() {
        return "\"" + display(b.callerUser) + "\" <sip:" + b.callerUser + "@" + b.callerSip.ip().uriHost() + ">";
    }

    private String calleeAddress() {
        return "<sip:" + b.calleeUser + "@" + b.calleeSip.ip().uriHost() + ">";
    }

    private String contactUri(String user, Endpoint sip) {
        if (b.transport == Transport.WS) {
            return "sip:" + user + "@" + (sip == b.callerSip ? wsHost : sip.toString()) + ";transport=ws";
        }
        return "sip:" + user + "@" + sip + (b.transport == Transport.TCP ? ";transport=tcp" : "");
    }

    private String via(boolean fromCaller, String branch, boolean response) {
        if (b.transport == Transport.WS) {
            // RFC 7118 section 5.2: the client's sent-by is its .invalid name; the server adds received (RFC 3261 18.2.1)
            String base = "SIP/2.0/WS " + (fromCaller ? wsHost : b.calleeSip.toString());
            return base + (response && fromCaller ? ";received=" + callerSignal.ip() : "") + ";branch=" + branch;
        }
        Endpoint sentBy = fromCaller ? b.callerSip : b.calleeSip;
        String base = "SIP/2.0/" + transportToken + " " + sentBy;
        if (!response) {
            return base + ";rport;branch=" + branch;
        }
        // RFC 3581 section 4: the server fills rport with the source port and always adds received
        Endpoint source = fromCaller ? callerSignal : b.calleeSip;
        return base + ";rport=" + source.port() + ";received=" + source.ip() + ";branch=" + branch;
    }

    private byte[] invite(String branch, long cseq, byte[] sdp, boolean initial) {
        SipText m = SipText.request("INVITE", contactUri(b.calleeUser, b.calleeSip))
                .header("Via", via(true, branch, false))
                .header("Max-Forwards", 70)
                .header("From", callerAddress() + ";tag=" + callerTag)
                .header("To", calleeAddress())
                .header("Call-ID", callId)
                .header("CSeq", cseq + " INVITE")
                .header("Contact", "<" + contactUri(b.callerUser, b.callerSip) + ">")
                .header("Allow", b.prack ? ALLOW + ", PRACK" : ALLOW)
                .header("Supported", b.prack ? "100rel, replaces, timer" : "replaces, timer")
                .header("User-Agent", b.callerUserAgent);
        if (initial) {
            b.extraHeaders.forEach(m::header);
        }
        return m.done("application/sdp", sdp);
    }

    /**
     * A response of the callee to a caller request (the only direction responses to the INVITE take);
     * {@code extra} holds header name and value pairs (e.g. Require and RSeq of a reliable provisional).
     */
    private byte[] response(int code, String branch, long cseq, String method, boolean withToTag, byte[] sdp,
                            boolean withContact, String... extra) {
        SipText m = SipText.response(code)
                .header("Via", via(true, branch, true))
                .header("From", callerAddress() + ";tag=" + callerTag)
                .header("To", calleeAddress() + (withToTag ? ";tag=" + calleeTag : ""))
                .header("Call-ID", callId)
                .header("CSeq", cseq + " " + method);
        if (withContact) {
            m.header("Contact", "<" + contactUri(b.calleeUser, b.calleeSip) + ">");
        }
        if (code >= 200 && code < 300 && "INVITE".equals(method)) {
            m.header("Allow", b.prack ? ALLOW + ", PRACK" : ALLOW);
            m.header("Supported", "replaces, timer");
        }
        if (code == 503) {
            m.header("Retry-After", 30);
        }
        for (int i = 0; i + 1 < extra.length; i += 2) {
            m.header(extra[i], extra[i + 1]);
        }
        m.header("Server", b.calleeUserAgent);
        return m.done(sdp == null ? null : "application/sdp", sdp);
    }

    /** ACK of a 2xx: a new transaction to the remote target (RFC 3261 13.2.2.4). */
    private byte[] ack2xx(String branch, long cseq) {
        return SipText.request("ACK", contactUri(b.calleeUser, b.calleeSip))
                .header("Via", via(true, branch, false))
                .header("Max-Forwards", 70)
                .header("From", callerAddress() + ";tag=" + callerTag)
                .header("To", calleeAddress() + ";tag=" + calleeTag)
                .header("Call-ID", callId)
                .header("CSeq", cseq + " ACK")
                .header("User-Agent", b.callerUserAgent)
                .done();
    }

    /** ACK of a non-2xx final response: same branch as the INVITE (RFC 3261 17.1.1.3). */
    private byte[] ackNon2xx(String inviteBranch, long cseq) {
        return SipText.request("ACK", contactUri(b.calleeUser, b.calleeSip))
                .header("Via", via(true, inviteBranch, false))
                .header("Max-Forwards", 70)
                .header("From", callerAddress() + ";tag=" + callerTag)
                .header("To", calleeAddress() + ";tag=" + calleeTag)
                .header("Call-ID", callId)
                .header("CSeq", cseq + " ACK")
                .done();
    }

    /** CANCEL: same Request-URI, Via branch, Call-ID, From and To as the INVITE (RFC 3261 9.1). */
    private byte[] cancel(String inviteBranch, long cseq) {
        return SipText.request("CANCEL", contactUri(b.calleeUser, b.calleeSip))
                .header("Via", via(true, inviteBranch, false))
                .header("Max-Forwards", 70)
                .header("From", callerAddress() + ";tag=" + callerTag)
                .header("To", calleeAddress())
                .header("Call-ID", callId)
                .header("CSeq", cseq + " CANCEL")
                .header("User-Agent", b.callerUserAgent)
                .done();
    }

    /** Target-refresh requests carry a Contact (RFC 3261 12.2.1.1, RFC 3311 section 5.1). */
    private static boolean refreshesTarget(String method) {
        return "INVITE".equals(method) || "UPDATE".equals(method);
    }

    /**
     * A request inside the dialog from either side (BYE, re-INVITE, UPDATE, INFO, PRACK);
     * {@code extra} holds header name and value pairs.
     */
    private byte[] inDialogRequest(String method, boolean fromCaller, String branch, long cseq, String contentType,
                                   byte[] body, String... extra) {
        String local = fromCaller ? callerAddress() + ";tag=" + callerTag : calleeAddress() + ";tag=" + calleeTag;
        String remote = fromCaller ? calleeAddress() + ";tag=" + calleeTag : callerAddress() + ";tag=" + callerTag;
        String target = fromCaller ? contactUri(b.calleeUser, b.calleeSip) : contactUri(b.callerUser, b.callerSip);
        SipText m = SipText.request(method, target)
                .header("Via", via(fromCaller, branch, false))
                .header("Max-Forwards", 70)
                .header("From", local)
                .header("To", remote)
                .header("Call-ID", callId)
                .header("CSeq", cseq + " " + method);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            m.header(extra[i], extra[i + 1]);
        }
        if (refreshesTarget(method)) {
            m.header("Contact", "<" + (fromCaller ? contactUri(b.callerUser, b.callerSip)
                    : contactUri(b.calleeUser, b.calleeSip)) + ">");
        }
        m.header("User-Agent", fromCaller ? b.callerUserAgent : b.calleeUserAgent);
        return m.done(body == null ? null : contentType, body);
    }

    /** Response to an in-dialog request; {@code byCaller} says who answers. */
    private byte[] inDialogResponse(int code, boolean byCaller, String branch, long cseq, String method) {
        return inDialogResponseWithBody(code, byCaller, branch, cseq, method, null);
    }

    private byte[] inDialogResponseWithBody(int code, boolean byCaller, String branch, long cseq, String method, byte[] sdp) {
        boolean requestFromCaller = !byCaller;
        String from = requestFromCaller ? callerAddress() + ";tag=" + callerTag : calleeAddress() + ";tag=" + calleeTag;
        String to = requestFromCaller ? calleeAddress() + ";tag=" + calleeTag : callerAddress() + ";tag=" + callerTag;
        SipText m = SipText.response(code)
                .header("Via", via(requestFromCaller, branch, true))
                .header("From", from)
                .header("To", to)
                .header("Call-ID", callId)
                .header("CSeq", cseq + " " + method);
        if (refreshesTarget(method)) {
            m.header("Contact", "<" + (byCaller ? contactUri(b.callerUser, b.callerSip)
                    : contactUri(b.calleeUser, b.calleeSip)) + ">");
        }
        m.header("Server", byCaller ? b.callerUserAgent : b.calleeUserAgent);
        return m.done(sdp == null ? null : "application/sdp", sdp);
    }

    /** SDP offer or answer (RFC 4566, RFC 3264): one audio stream, the codec(s), telephone-event. */
    private byte[] sdp(String user, long sessionId, long version, Endpoint host, int rtpPort, boolean offer,
                       String direction) {
        RtpOptions opts = offer ? b.callerRtp : b.calleeRtp;
        List<Codec> codecs = new ArrayList<>();
        codecs.add(b.codec);
        if (offer) {
            codecs.addAll(b.alsoOffered);
        }
        int eventPt = 101;
        int eventClock = b.codec.clockRateHz();
        StringBuilder pts = new StringBuilder();
        StringBuilder attrs = new StringBuilder();
        for (Codec c : codecs) {
            pts.append(' ').append(c.payloadType());
            attrs.append("a=rtpmap:").append(c.payloadType()).append(' ').append(c.rtpmap()).append("\r\n");
            if (c.fmtp() != null) {
                attrs.append("a=fmtp:").append(c.payloadType()).append(' ').append(c.fmtp()).append("\r\n");
            }
        }
        pts.append(' ').append(eventPt);
        attrs.append("a=rtpmap:").append(eventPt).append(" telephone-event/").append(eventClock).append("\r\n");
        attrs.append("a=fmtp:").append(eventPt).append(" 0-16\r\n");
        String ip = host.ip().toString();
        String type = host.ip().sdpAddressType();
        String text = "v=0\r\n"
                + "o=" + user + " " + sessionId + " " + version + " IN " + type + " " + ip + "\r\n"
                + "s=sipscope\r\n"
                + "c=IN " + type + " " + ip + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP" + pts + "\r\n"
                + attrs
                + "a=ptime:" + opts.ptimeMillis() + "\r\n"
                + "a=" + direction + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String display(String user) {
        return user.isEmpty() ? user : user.substring(0, 1).toUpperCase(Locale.ROOT) + user.substring(1);
    }

    @Override
    public String toString() {
        return "CallGenerator[" + callId + "]";
    }
}
