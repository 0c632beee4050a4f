package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.rtp.Codec;
import dev.sipscope.samples.rtp.RtcpReport;
import dev.sipscope.samples.rtp.StreamTruth;
import dev.sipscope.samples.rtp.TimeWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ground truth of one generated call (one Call-ID): identity (Call-ID, tags), parties, outcome and
 * end state, the times of the key messages (capture times, -1 when the message does not occur),
 * every SIP message with its frames, its transactions and dialogs, links to other calls, the RTP
 * streams (caller's first) and the RTCP packets.
 *
 * <p>For a call that crosses a proxy the times are those of the first frame on any hop (the 180
 * and 200 are first seen between the phone and the proxy), {@link #toTag()} and
 * {@link #calleeSip()} are those of the phone that answered, and {@link #dialogs()} holds one
 * dialog per ringing phone. A B2BUA call is two CallTruths, one per leg; on leg B the B2BUA is
 * the caller (with the caller's user name) at its own address.
 */
public final class CallTruth {
    final int index;
    final String label;
    final String callId;
    final String fromTag;
    final String toTag;
    final String callerUser;
    final Endpoint callerSip;
    final String calleeUser;
    final Endpoint calleeSip;
    final Transport transport;
    final CallOutcome outcome;
    final int finalStatus;
    final Codec codec;
    final int vlanId;
    Endpoint callerNat;
    boolean earlyMedia;
    long inviteNanos = -1;
    long ringingNanos = -1;
    long answerNanos = -1;
    long byeNanos = -1;
    long endNanos = -1;
    final List<TimeWindow> holds = new ArrayList<>();
    final List<SipMessageTruth> messages = new ArrayList<>();
    final List<StreamTruth> streams = new ArrayList<>(2);
    final List<RtcpReport> rtcp = new ArrayList<>();
    final List<TransactionTruth> transactions = new ArrayList<>();
    final List<DialogTruth> dialogs = new ArrayList<>();
    final List<CallLink> links = new ArrayList<>();
    CallState state;
    String hangupBy;
    String role;

    CallTruth(int index, String label, String callId, String fromTag, String toTag, String callerUser, Endpoint callerSip,
              String calleeUser, Endpoint calleeSip, Transport transport, CallOutcome outcome, int finalStatus, Codec codec,
              int vlanId) {
        this.index = index;
        this.label = label;
        this.callId = callId;
        this.fromTag = fromTag;
        this.toTag = toTag;
        this.callerUser = callerUser;
        this.callerSip = callerSip;
        this.calleeUser = calleeUser;
        this.calleeSip = calleeSip;
        this.transport = transport;
        this.outcome = outcome;
        this.finalStatus = finalStatus;
        this.codec = codec;
        this.vlanId = vlanId;
    }

    /** Position of the call in its scenario (start order, ties in definition order). */
    public int index() {
        return index;
    }

    public String label() {
        return label;
    }

    public String callId() {
        return callId;
    }

    /** The caller's From tag. */
    public String fromTag() {
        return fromTag;
    }

    /** The callee's To tag (present on every response but 100 Trying; unused for a timeout). */
    public String toTag() {
        return toTag;
    }

    public String callerUser() {
        return callerUser;
    }

    public Endpoint callerSip() {
        return callerSip;
    }

    public String calleeUser() {
        return calleeUser;
    }

    public Endpoint calleeSip() {
        return calleeSip;
    }

    public Transport transport() {
        return transport;
    }

    public CallOutcome outcome() {
        return outcome;
    }

    /** Final response code to the INVITE (200, 486, 487 for a cancelled call; 408 for a timeout, which is never sent). */
    public int finalStatus() {
        return finalStatus;
    }

    public Codec codec() {
        return codec;
    }

    /** 802.1Q VLAN id of the call's frames, or -1. */
    public int vlanId() {
        return vlanId;
    }

    /** The caller's public SIP address when it sits behind a NAT (Via and Contact show the private one), else null. */
    public Endpoint callerNat() {
        return callerNat;
    }

    /** True when the callee sent 183 with SDP and RTP before the final response. */
    public boolean earlyMedia() {
        return earlyMedia;
    }

    /** Capture time of the first INVITE. */
    public long inviteNanos() {
        return inviteNanos;
    }

    /** Capture time of the first 180 Ringing (183 Session Progress with early media), or -1. */
    public long ringingNanos() {
        return ringingNanos;
    }

    /** Capture time of the first 2xx to the initial INVITE, or -1. */
    public long answerNanos() {
        return answerNanos;
    }

    /** Capture time of the first BYE, or -1. */
    public long byeNanos() {
        return byeNanos;
    }

    /** Capture time of the last SIP message of the call. */
    public long endNanos() {
        return endNanos;
    }

    /** Hold periods (from the re-INVITE with a=sendonly to the one resuming), capture times. */
    public List<TimeWindow> holds() {
        return Collections.unmodifiableList(holds);
    }

    /** The state a call list shows at the end of the capture. */
    public CallState state() {
        return state;
    }

    /**
     * User name of the party that sent the BYE ({@link #callerUser()} or {@link #calleeUser()}), or
     * null when nobody hung up. On a forked call with two answers, the caller's BYE of the winning dialog.
     */
    public String hangupBy() {
        return hangupBy;
    }

    /**
     * What the call is within its scenario item: null for a plain call, else e.g. {@code forked},
     * {@code transfer-original}, {@code transfer-consultation}, {@code transfer-new},
     * {@code b2bua-leg-a}, {@code b2bua-leg-b}.
     */
    public String role() {
        return role;
    }

    /** The call's transactions (every hop, every Call-ID message of this call), by first capture. */
    public List<TransactionTruth> transactions() {
        return Collections.unmodifiableList(transactions);
    }

    /** The call's dialogs (several when the INVITE forked), by first capture. */
    public List<DialogTruth> dialogs() {
        return Collections.unmodifiableList(dialogs);
    }

    /** Links from or to other calls of the scenario (transfer, Replaces, B2BUA legs). */
    public List<CallLink> links() {
        return Collections.unmodifiableList(links);
    }

    public List<SipMessageTruth> messages() {
        return Collections.unmodifiableList(messages);
    }

    /** The call's RTP streams: the caller's first when both exist. */
    public List<StreamTruth> streams() {
        return Collections.unmodifiableList(streams);
    }

    public List<RtcpReport> rtcp() {
        return Collections.unmodifiableList(rtcp);
    }

    @Override
    public String toString() {
        return "CallTruth[" + index + " " + callId + " " + outcome + " " + finalStatus + ", " + messages.size()
                + " SIP messages, " + streams.size() + " streams]";
    }
}
