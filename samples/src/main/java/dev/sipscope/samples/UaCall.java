package dev.sipscope.samples;

import dev.sipscope.samples.SipNet.Party;
import dev.sipscope.samples.rtp.Codec;

/**
 * One call between two user agents that talk directly (no proxy between them) on a {@link SipNet},
 * driven step by step by a script: INVITE, 100, 180, 200, ACK, then requests inside the dialog
 * from either side and their responses. It keeps the dialog state of RFC 3261 section 12 (Call-ID,
 * both tags, each side's local CSeq, remote targets) and the call's ground truth.
 *
 * <p>Every step takes the sender's local time and returns when the message reaches the other side.
 */
final class UaCall {
    private final SipNet net;
    final Party uac;
    final Party uas;
    final String callId;
    final String uacTag;
    final String uasTag;
    final CallTruth truth;
    private long uacCseq;
    private long uasCseq;
    private final long inviteCseq;
    private SipMsg invite;
    private TransactionTruth inviteTx;
    private DialogTruth dialog;
    private SipMsg pending;
    private boolean pendingFromUac;
    private TransactionTruth pendingTx;

    UaCall(SipNet net, int index, String label, String role, Party uac, Party uas, Codec codec) {
        this.net = net;
        this.uac = uac;
        this.uas = uas;
        this.callId = net.callId(uac.sip);
        this.uacTag = net.tag();
        this.uasTag = net.tag();
        this.uacCseq = net.firstCseq();
        this.uasCseq = net.firstCseq();
        this.inviteCseq = uacCseq;
        this.truth = new CallTruth(index, label, callId, uacTag, uasTag, uac.user, uac.sip, uas.user, uas.sip, Transport.UDP,
                CallOutcome.ANSWERED, 200, codec, net.path().vlanId());
        truth.role = role;
    }

    /** The label of one call of a multi-call item: {@code label/part}, or null without a label. */
    static String sub(String label, String part) {
        return label == null ? null : label + "/" + part;
    }

    DialogTruth dialog() {
        return dialog;
    }

    private String uacAddress() {
        return uac.nameAddr(uac.sip.ip().uriHost());
    }

    private String uasAddress() {
        return "<sip:" + uas.user + "@" + uas.sip.ip().uriHost() + ">";
    }

    /** The initial INVITE with an SDP offer; {@code extra} holds header name and value pairs. */
    long invite(long t, byte[] sdp, String... extra) {
        invite = SipMsg.request("INVITE", uas.contact())
                .add("Via", uac.via(net.branch()))
                .add("Max-Forwards", 70)
                .add("From", uacAddress() + ";tag=" + uacTag)
                .add("To", uasAddress())
                .add("Call-ID", callId)
                .add("CSeq", uacCseq++ + " INVITE")
                .add("Contact", "<" + uac.contact() + ">");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            invite.add(extra[i], extra[i + 1]);
        }
        invite.add("Allow", SipNet.ALLOW).add("Supported", "replaces, timer").add("User-Agent", uac.agent)
                .body("application/sdp", sdp);
        inviteTx = net.clientTransaction(invite, uac, uas, null);
        truth.inviteNanos = SipNet.captured(uac, t);
        long at = net.send(uac, uas, t, invite, inviteTx, null, false);
        invite = invite.copy().markReceived(uac.sip);
        return at;
    }

    long trying(long t) {
        return net.send(uas, uac, t, SipMsg.response(100, invite, null).add("Server", uas.agent), inviteTx, null, false);
    }

    private DialogTruth dialogNow() {
        if (dialog == null) {
            dialog = net.ledger.dialog(callId, uacTag, uasTag, "INVITE", uac.user, uac.sip, uas.user, uas.sip);
        }
        return dialog;
    }

    long ringing(long t) {
        DialogTruth dlg = dialogNow();
        dlg.early(SipNet.captured(uas, t));
        if (truth.ringingNanos < 0) {
            truth.ringingNanos = SipNet.captured(uas, t);
        }
        SipMsg r = SipMsg.response(180, invite, uasTag).add("Contact", "<" + uas.contact() + ">").add("Server", uas.agent);
        return net.send(uas, uac, t, r, inviteTx, dlg, false);
    }

    long answer(long t, byte[] sdp) {
        DialogTruth dlg = dialogNow();
        dlg.confirmed(SipNet.captured(uas, t));
        truth.answerNanos = SipNet.captured(uas, t);
        truth.state = CallState.IN_CALL;
        SipMsg r = SipMsg.response(200, invite, uasTag)
                .add("Contact", "<" + uas.contact() + ">")
                .add("Allow", SipNet.ALLOW)
                .add("Supported", "replaces, timer")
                .add("Server", uas.agent)
                .body("application/sdp", sdp);
        return net.send(uas, uac, t, r, inviteTx, dlg, false);
    }

    /** The ACK of the 2xx: a new branch, to the callee's Contact (RFC 3261 13.2.2.4). */
    long ack(long t) {
        SipMsg ack = inDialog(true, "ACK", inviteCseq);
        TransactionTruth tx = net.clientTransaction(ack, uac, uas, dialog);
        return net.send(uac, uas, t, ack, tx, dialog, false);
    }

    /** INVITE, 100, 180 (when {@code ringNanos > 0}), 200, ACK; returns the caller's local time after its ACK. */
    long setUp(long t, long ringNanos, byte[] offer, byte[] answer, String... extra) {
        long at = invite(t, offer, extra);
        long s = at + net.quick();
        long back = trying(s);
        if (ringNanos > 0) {
            s += net.think();
            back = ringing(s);
            s += ringNanos;
        } else {
            s += net.think();
        }
        back = answer(s, answer);
        long tAck = back + net.quick();
        ack(tAck);
        return tAck;
    }

    private SipMsg inDialog(boolean fromUac, String method, long cseq) {
        Party from = fromUac ? uac : uas;
        Party to = fromUac ? uas : uac;
        String local = fromUac ? uacAddress() + ";tag=" + uacTag : uasAddress() + ";tag=" + uasTag;
        String remote = fromUac ? uasAddress() + ";tag=" + uasTag : uacAddress() + ";tag=" + uacTag;
        SipMsg m = SipMsg.request(method, to.contact())
                .add("Via", from.via(net.branch()))
                .add("Max-Forwards", 70)
                .add("From", local)
                .add("To", remote)
                .add("Call-ID", callId)
                .add("CSeq", cseq + " " + method);
        if (needsContact(method)) {
            m.add("Contact", "<" + from.contact() + ">");
        }
        return m;
    }

    /** Requests that refresh the target or create a subscription carry a Contact (RFC 3261 12.2.1.1, RFC 3515, RFC 6665). */
    private static boolean needsContact(String method) {
        switch (method) {
            case "INVITE":
            case "UPDATE":
            case "REFER":
            case "SUBSCRIBE":
            case "NOTIFY":
                return true;
            default:
                return false;
        }
    }

    /**
     * A request inside the dialog (BYE, REFER, NOTIFY, INFO ...) from the caller ({@code byUac}) or
     * the callee; {@code headers} holds name and value pairs. Answer it with {@link #respond}.
     */
    long request(boolean byUac, long t, String method, String contentType, byte[] body, String... headers) {
        if (pending != null) {
            throw new IllegalStateException("answer the pending " + pending.method() + " first");
        }
        SipMsg m = inDialog(byUac, method, byUac ? uacCseq++ : uasCseq++);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            m.add(headers[i], headers[i + 1]);
        }
        m.add("User-Agent", byUac ? uac.agent : uas.agent).body(contentType, body);
        Party from = byUac ? uac : uas;
        Party to = byUac ? uas : uac;
        TransactionTruth tx = net.clientTransaction(m, from, to, dialog);
        if ("BYE".equals(method)) {
            dialog.terminated(SipNet.captured(from, t), DialogTruth.End.BYE, from.user);
            truth.byeNanos = SipNet.captured(from, t);
            truth.hangupBy = from.user;
            truth.state = CallState.COMPLETED;
        }
        long at = net.send(from, to, t, m, tx, dialog, false);
        pending = m.copy().markReceived(from.sip);
        pendingFromUac = byUac;
        pendingTx = tx;
        return at;
    }

    /** The final response to the pending in-dialog request; returns when it reaches the requester. */
    long respond(long t, int status, String... headers) {
        if (pending == null) {
            throw new IllegalStateException("no request to answer");
        }
        Party from = pendingFromUac ? uas : uac;
        Party to = pendingFromUac ? uac : uas;
        SipMsg r = SipMsg.response(status, pending, null);
        if (status < 300 && needsContact(pending.method())) {
            r.add("Contact", "<" + from.contact() + ">");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            r.add(headers[i], headers[i + 1]);
        }
        r.add("Server", from.agent);
        long at = net.send(from, to, t, r, pendingTx, dialog, false);
        pending = null;
        pendingTx = null;
        return at;
    }

    /** A request and its immediate answer; returns when the answer reaches the requester. */
    long exchange(boolean byUac, long t, String method, String contentType, byte[] body, int status, String... headers) {
        long at = request(byUac, t, method, contentType, body, headers);
        return respond(at + net.quick(), status);
    }
}
