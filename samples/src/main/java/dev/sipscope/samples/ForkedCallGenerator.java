package dev.sipscope.samples;

import dev.sipscope.samples.SipNet.Party;
import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.rtp.RtpOptions;
import dev.sipscope.samples.rtp.RtpStreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ladder of a {@link ForkedCallBuilder}: caller, forking proxy, contacts. The proxy sits 0.2 ms
 * from the capture point, every user agent one one-way delay away (each further contact 1 ms more).
 */
final class ForkedCallGenerator extends ScriptedGenerator {
    private static final long PROXY_DELAY_NANOS = 200_000;

    private final Consumer<CallTruth> sink;
    private final CallTruth truth;

    /** One branch of the fork as the proxy sees it. */
    private static final class Branch {
        Party contact;
        boolean silent;
        SipMsg forwarded;
        SipMsg received;
        TransactionTruth tx;
        DialogTruth dialog;
        String tag;
        long t180 = -1;
        boolean answered;
    }

    ForkedCallGenerator(ForkedCallBuilder b, int index, long startNanos, PacketBuilder packets, SeededRandom random,
                        Consumer<CallTruth> sink) {
        super(new SipNet(packets, b.path, random.child(1)));
        b.validate();
        this.sink = sink;
        SeededRandom media = random.child(2);
        long d = b.oneWayDelayMillis * SipNet.MS;
        Party caller = new Party(b.callerUser, b.callerSip, d, "sipscope-samples caller/1.0");
        Party proxy = new Party("proxy", b.proxy, PROXY_DELAY_NANOS, "sipscope-samples proxy/1.0");
        String domain = b.domain != null ? b.domain : b.proxy.ip().uriHost();
        String callee = b.calleeUser;
        String callId = b.callId != null ? b.callId : net.callId(b.callerSip);
        String fromTag = net.tag();
        long cseq = net.firstCseq();
        String recordRoute = "<sip:" + b.proxy + ";lr>";
        int callerRtpPort = 2 * net.ids.nextInt(5000, 29999);
        long sessionId = 1_000_000_000L + net.ids.nextInt(1_000_000_000);

        List<Branch> branches = new ArrayList<>();
        for (int i = 0; i < b.forks.size(); i++) {
            Branch br = new Branch();
            br.contact = new Party(callee, b.forks.get(i), d + i * SipNet.MS, "sipscope-samples phone-" + (i + 1) + "/1.0");
            br.silent = b.silent.get(i);
            branches.add(br);
        }
        Branch winner = branches.get(b.answeredBy);
        Branch second = null;
        if (b.secondAnswer) {
            for (Branch br : branches) {
                if (br != winner && !br.silent) {
                    second = br;
                    break;
                }
            }
        }

        // the caller's INVITE to the address of record
        byte[] offer = SipNet.sdp(b.callerUser, sessionId, sessionId, b.callerSip.withPort(callerRtpPort), b.codec,
                "sendrecv");
        SipMsg invite = SipMsg.request("INVITE", "sip:" + callee + "@" + domain)
                .add("Via", caller.via(net.branch()))
                .add("Max-Forwards", 70)
                .add("From", caller.nameAddr(domain) + ";tag=" + fromTag)
                .add("To", "<sip:" + callee + "@" + domain + ">")
                .add("Call-ID", callId)
                .add("CSeq", cseq + " INVITE")
                .add("Contact", "<" + caller.contact() + ">")
                .add("Allow", SipNet.ALLOW)
                .add("Supported", "replaces, timer")
                .add("User-Agent", caller.agent)
                .body("application/sdp", offer);
        TransactionTruth callerTx = net.clientTransaction(invite, caller, proxy, null);
        long t0 = startNanos;
        long atProxy = net.send(caller, proxy, t0, invite, callerTx, null, false);
        SipMsg inviteAtProxy = invite.copy().markReceived(caller.sip);
        long tProxy = atProxy + net.quick();
        net.send(proxy, caller, tProxy, SipMsg.response(100, inviteAtProxy, null).add("Server", proxy.agent), callerTx,
                null, false);

        // RFC 3261 16.6: copy, new Request-URI, Max-Forwards - 1, Record-Route, own Via with a new branch
        for (Branch br : branches) {
            tProxy += net.quick();
            br.forwarded = inviteAtProxy.withRequestUri(br.contact.contact())
                    .set("Max-Forwards", 69)
                    .pushVia("SIP/2.0/UDP " + b.proxy + ";branch=" + net.branch())
                    .add("Record-Route", recordRoute);
            br.tx = net.clientTransaction(br.forwarded, proxy, br.contact, null);
            br.tx.forwardOf = callerTx;
            byte[] bytes = br.forwarded.bytes();
            long atContact = net.send(proxy, br.contact, tProxy, br.forwarded, br.tx, null, false);
            br.received = br.forwarded.copy().markReceived(b.proxy);
            if (br.silent) {
                long resend = tProxy;
                long interval = SipNet.T1;
                for (int k = 0; k < 6; k++) { // timer A until timer B = 64*T1 (RFC 3261 17.1.1.2)
                    resend += interval;
                    interval *= 2;
                    net.resend(proxy, br.contact, resend, bytes, br.forwarded, br.tx, null);
                }
                continue;
            }
            long t100 = atContact + net.quick();
            net.send(br.contact, proxy, t100, SipMsg.response(100, br.received, null).add("Server", br.contact.agent),
                    br.tx, null, false);
            br.tag = net.tag();
            br.t180 = t100 + net.think();
            br.dialog = net.ledger.dialog(callId, fromTag, br.tag, "INVITE", b.callerUser, b.callerSip, callee,
                    br.contact.sip);
        }

        this.truth = new CallTruth(index, b.label, callId, fromTag, winner.tag, b.callerUser, b.callerSip, callee,
                winner.contact.sip, Transport.UDP, CallOutcome.ANSWERED, 200, b.codec, b.path.vlanId());
        truth.role = "forked";
        truth.inviteNanos = SipNet.captured(caller, t0);

        // every ringing contact sends 180 with its own tag (an early dialog each, RFC 3261 12.1, 13.2.2.4)
        long firstRinging = Long.MAX_VALUE;
        for (Branch br : branches) {
            if (br.silent) {
                continue;
            }
            SipMsg ringing = dialogResponse(180, br, null);
            br.dialog.early(SipNet.captured(br.contact, br.t180));
            firstRinging = Math.min(firstRinging, SipNet.captured(br.contact, br.t180));
            long at = net.send(br.contact, proxy, br.t180, ringing, br.tx, br.dialog, false);
            net.send(proxy, caller, at + net.quick(), ringing.copy().popVia(), callerTx, br.dialog, false);
        }
        truth.ringingNanos = firstRinging;

        // the chosen contact answers
        long s200 = winner.t180 + b.ringMillis * SipNet.MS;
        int calleeRtpPort = 2 * net.ids.nextInt(5000, 29999);
        Endpoint calleeMedia = winner.contact.sip.withPort(calleeRtpPort);
        SipMsg ok = answer(winner, sessionIdOf(net), calleeMedia, b);
        winner.dialog.confirmed(SipNet.captured(winner.contact, s200));
        winner.answered = true;
        truth.answerNanos = SipNet.captured(winner.contact, s200);
        long okAtProxy = net.send(winner.contact, proxy, s200, ok, winner.tx, winner.dialog, false);
        long okAtCaller = net.send(proxy, caller, okAtProxy + net.quick(), ok.copy().popVia(), callerTx, winner.dialog,
                false);

        SipMsg secondOk = null;
        long secondOkAtCaller = -1;
        if (second != null) {
            // leaves before the proxy's CANCEL can reach it, so the two cross
            long sSecond = okAtProxy - PROXY_DELAY_NANOS - second.contact.delayNanos + 2 * SipNet.MS;
            secondOk = answer(second, sessionIdOf(net), second.contact.sip.withPort(2 * net.ids.nextInt(5000, 29999)), b);
            second.dialog.confirmed(SipNet.captured(second.contact, sSecond));
            second.answered = true;
            long at = net.send(second.contact, proxy, sSecond, secondOk, second.tx, second.dialog, false);
            secondOkAtCaller = net.send(proxy, caller, at + net.quick(), secondOk.copy().popVia(), callerTx,
                    second.dialog, false);
        }

        // RFC 3261 16.7 step 10: a 2xx makes the proxy cancel every branch still pending
        long tCancel = okAtProxy + net.quick();
        for (Branch br : branches) {
            if (br == winner || br.silent) {
                continue;
            }
            SipMsg cancel = SipMsg.request("CANCEL", br.forwarded.requestUri())
                    .add("Via", br.forwarded.get("Via"))
                    .add("Max-Forwards", 70)
                    .add("From", br.forwarded.get("From"))
                    .add("To", br.forwarded.get("To"))
                    .add("Call-ID", callId)
                    .add("CSeq", cseq + " CANCEL");
            TransactionTruth cancelTx = net.clientTransaction(cancel, proxy, br.contact, null);
            cancelTx.cancels = br.tx;
            long atContact = net.send(proxy, br.contact, tCancel, cancel, cancelTx, null, false);
            SipMsg cancelReceived = cancel.copy().markReceived(b.proxy);
            long sCancelOk = atContact + net.quick();
            long at200 = net.send(br.contact, proxy, sCancelOk,
                    SipMsg.response(200, cancelReceived, br.tag).add("Server", br.contact.agent), cancelTx, br.dialog, false);
            if (br.answered) {
                continue; // already answered: the CANCEL changes nothing (RFC 3261 9.2)
            }
            long s487 = sCancelOk + net.quick();
            SipMsg terminated = SipMsg.response(487, br.received, br.tag).add("Server", br.contact.agent);
            br.dialog.terminated(SipNet.captured(br.contact, s487), DialogTruth.End.FINAL_RESPONSE, callee);
            long at487 = net.send(br.contact, proxy, s487, terminated, br.tx, br.dialog, false);
            // the proxy's own ACK of the 487: same branch as its INVITE (RFC 3261 17.1.1.3); the 487 goes no further
            SipMsg ack = SipMsg.request("ACK", br.forwarded.requestUri())
                    .add("Via", br.forwarded.get("Via"))
                    .add("Max-Forwards", 70)
                    .add("From", br.forwarded.get("From"))
                    .add("To", terminated.get("To"))
                    .add("Call-ID", callId)
                    .add("CSeq", cseq + " ACK");
            net.send(proxy, br.contact, Math.max(at487, at200) + net.quick(), ack, br.tx, br.dialog, false);
        }

        // the caller ACKs the 2xx end to end through the proxy (Route from Record-Route, RFC 3261 12.1.2, 13.2.2.4)
        long tAck = okAtCaller + net.quick();
        inDialog(caller, proxy, winner, "ACK", cseq, tAck, callId, b);
        if (second != null) {
            long tAck2 = Math.max(secondOkAtCaller, tAck) + net.quick();
            inDialog(caller, proxy, second, "ACK", cseq, tAck2, callId, b);
            long tBye2 = tAck2 + net.quick();
            second.dialog.terminated(SipNet.captured(caller, tBye2), DialogTruth.End.BYE, b.callerUser);
            inDialog(caller, proxy, second, "BYE", cseq + 1, tBye2, callId, b);
        }

        long tBye = okAtCaller + Math.round(b.talkSeconds * 1e9);
        if (b.media) {
            RtpOptions opts = new RtpOptions();
            long callerStart = SipNet.captured(caller, okAtCaller + net.mediaSetup());
            long calleeStart = SipNet.captured(winner.contact, s200 + net.mediaSetup());
            Endpoint callerMedia = b.callerSip.withPort(callerRtpPort);
            long callerEnd = SipNet.captured(caller, tBye);
            long calleeEnd = callerEnd + caller.delayNanos + 2 * PROXY_DELAY_NANOS + winner.contact.delayNanos;
            net.rtp(truth, RtpStreamSpec.resolve(b.callerUser + "->" + callee, opts, callerMedia, calleeMedia, b.path,
                    b.codec, callerStart, Math.max(callerStart, callerEnd), List.of(), media.child(1)), media.child(2));
            net.rtp(truth, RtpStreamSpec.resolve(callee + "->" + b.callerUser, opts, calleeMedia, callerMedia, b.path,
                    b.codec, calleeStart, Math.max(calleeStart, calleeEnd), List.of(), media.child(3)), media.child(4));
        }
        winner.dialog.terminated(SipNet.captured(caller, tBye), DialogTruth.End.BYE, b.callerUser);
        truth.byeNanos = SipNet.captured(caller, tBye);
        truth.hangupBy = b.callerUser;
        truth.state = CallState.COMPLETED;
        inDialog(caller, proxy, winner, "BYE", cseq + 1, tBye, callId, b);
        net.render();
        net.fill(truth);
    }

    private static long sessionIdOf(SipNet net) {
        return 1_000_000_000L + net.ids.nextInt(1_000_000_000);
    }

    /** A 1xx/2xx from a contact that establishes its dialog: tag, Record-Route copied, Contact (RFC 3261 12.1.1). */
    private static SipMsg dialogResponse(int code, Branch br, byte[] sdp) {
        SipMsg r = SipMsg.response(code, br.received, br.tag);
        for (String rr : br.received.all("Record-Route")) {
            r.add("Record-Route", rr);
        }
        r.add("Contact", "<" + br.contact.contact() + ">");
        if (code >= 200) {
            r.add("Allow", SipNet.ALLOW).add("Supported", "replaces, timer");
        }
        r.add("Server", br.contact.agent);
        return r.body("application/sdp", sdp);
    }

    private static SipMsg answer(Branch br, long sessionId, Endpoint media, ForkedCallBuilder b) {
        return dialogResponse(200, br, SipNet.sdp(br.contact.user, sessionId, sessionId, media, b.codec, "sendrecv"));
    }

    /**
     * The caller's ACK or BYE in the dialog with {@code br}: to the contact's Contact, through the
     * proxy by the Route it record-routed; the proxy pops its Route and adds its Via (16.4, 16.6);
     * a BYE is answered 200 back the same way.
     */
    private void inDialog(Party caller, Party proxy, Branch br, String method, long cseq, long t, String callId,
                          ForkedCallBuilder b) {
        String domain = b.domain != null ? b.domain : b.proxy.ip().uriHost();
        SipMsg req = SipMsg.request(method, br.contact.contact())
                .add("Via", caller.via(net.branch()))
                .add("Route", "<sip:" + b.proxy + ";lr>")
                .add("Max-Forwards", 70)
                .add("From", caller.nameAddr(domain) + ";tag=" + truth.fromTag)
                .add("To", "<sip:" + b.calleeUser + "@" + domain + ">;tag=" + br.tag)
                .add("Call-ID", callId)
                .add("CSeq", cseq + " " + method)
                .add("User-Agent", caller.agent);
        TransactionTruth tx = net.clientTransaction(req, caller, proxy, br.dialog);
        long atProxy = net.send(caller, proxy, t, req, tx, br.dialog, false);
        SipMsg fwd = req.copy().markReceived(caller.sip).popRoute().set("Max-Forwards", 69)
                .pushVia("SIP/2.0/UDP " + b.proxy + ";branch=" + net.branch());
        TransactionTruth fwdTx = net.clientTransaction(fwd, proxy, br.contact, br.dialog);
        fwdTx.forwardOf = tx;
        long atContact = net.send(proxy, br.contact, atProxy + net.quick(), fwd, fwdTx, br.dialog, false);
        if ("ACK".equals(method)) {
            return;
        }
        SipMsg ok = SipMsg.response(200, fwd.copy().markReceived(b.proxy), null).add("Server", br.contact.agent);
        long at = net.send(br.contact, proxy, atContact + net.quick(), ok, fwdTx, br.dialog, false);
        net.send(proxy, caller, at + net.quick(), ok.copy().popVia(), tx, br.dialog, false);
    }

    @Override
    void deliver() {
        sink.accept(truth);
    }
}
