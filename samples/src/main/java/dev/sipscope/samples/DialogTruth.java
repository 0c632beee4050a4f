package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ground truth of one SIP dialog (RFC 3261 section 12): Call-ID, the tag of the UA that sent the
 * dialog-creating request ({@link #fromTag()}) and the tag of the one that answered it
 * ({@link #toTag()}).
 *
 * <p>Membership rule: a message belongs to the dialog when its Call-ID is the dialog's and its
 * From and To tags are the dialog's two tags (in either order, since requests from the answering
 * side swap them), from the first response that established the dialog on. The dialog-creating
 * request itself and a 100 Trying carry no To tag and belong to none. A final non-2xx response
 * with a To tag that never established an early dialog belongs to none either.
 *
 * <p>Life cycle (capture times, -1 when it did not happen): early when a 101-199 response with a
 * To tag is first seen, confirmed at the first 2xx, terminated at the first BYE (RFC 3261 15:
 * the session ends when the BYE is sent), at the non-2xx final response that ends an early dialog,
 * or, for a subscription, at the NOTIFY that says {@code Subscription-State: terminated}
 * (RFC 6665 4.1.3).
 */
public final class DialogTruth {
    /** Where the dialog stands when the capture ends. */
    public enum State { EARLY, CONFIRMED, TERMINATED }

    /** What ended the dialog. */
    public enum End {
        /** A BYE (its sender is {@link #endedBy()}). */
        BYE,
        /** A non-2xx final response to the INVITE ended the early dialog (487 after a CANCEL included). */
        FINAL_RESPONSE,
        /** A NOTIFY with Subscription-State: terminated. */
        SUBSCRIPTION_TERMINATED
    }

    int id = -1;
    final String callId;
    final String fromTag;
    final String toTag;
    final String usage;
    final String uacUser;
    final Endpoint uac;
    final String uasUser;
    final Endpoint uas;
    long earlyNanos = -1;
    long confirmedNanos = -1;
    long terminatedNanos = -1;
    End end;
    String endedBy;
    final List<SipMessageTruth> messages = new ArrayList<>();

    DialogTruth(String callId, String fromTag, String toTag, String usage, String uacUser, Endpoint uac, String uasUser,
                Endpoint uas) {
        this.callId = callId;
        this.fromTag = fromTag;
        this.toTag = toTag;
        this.usage = usage;
        this.uacUser = uacUser;
        this.uac = uac;
        this.uasUser = uasUser;
        this.uas = uas;
    }

    void early(long tNanos) {
        if (earlyNanos < 0 && confirmedNanos < 0) {
            earlyNanos = tNanos;
        }
    }

    void confirmed(long tNanos) {
        if (confirmedNanos < 0) {
            confirmedNanos = tNanos;
        }
    }

    void terminated(long tNanos, End why, String by) {
        if (terminatedNanos < 0) {
            terminatedNanos = tNanos;
            end = why;
            endedBy = by;
        }
    }

    void sortMessages() {
        messages.sort((x, y) -> Long.compare(x.tsNanos(), y.tsNanos()));
    }

    /** Position in the scenario: dialogs are numbered by the capture time of their first message. */
    public int id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    /** Tag of the UA that sent the dialog-creating request (its From tag). */
    public String fromTag() {
        return fromTag;
    }

    /** Tag of the UA that answered it (the To tag of its responses). */
    public String toTag() {
        return toTag;
    }

    /** {@code Call-ID;from-tag;to-tag}: the same string whichever side is asked. */
    public String key() {
        return callId + ";" + fromTag + ";" + toTag;
    }

    /** The method that created the dialog: {@code INVITE} or {@code SUBSCRIBE}. */
    public String usage() {
        return usage;
    }

    public String uacUser() {
        return uacUser;
    }

    /** SIP address of the UA that created the dialog (as it appears on the wire). */
    public Endpoint uac() {
        return uac;
    }

    public String uasUser() {
        return uasUser;
    }

    /** SIP address of the UA that answered (as it appears on the wire). */
    public Endpoint uas() {
        return uas;
    }

    public long earlyNanos() {
        return earlyNanos;
    }

    public long confirmedNanos() {
        return confirmedNanos;
    }

    public long terminatedNanos() {
        return terminatedNanos;
    }

    /** The state at the end of the capture. */
    public State state() {
        return terminatedNanos >= 0 ? State.TERMINATED : confirmedNanos >= 0 ? State.CONFIRMED : State.EARLY;
    }

    /** What ended it, or null while it lasts. */
    public End end() {
        return end;
    }

    /** User name of the side that ended it (the BYE's or the final response's sender), or null. */
    public String endedBy() {
        return endedBy;
    }

    /** Every message that belongs to the dialog (see the class doc), in capture order. */
    public List<SipMessageTruth> messages() {
        return Collections.unmodifiableList(messages);
    }

    @Override
    public String toString() {
        return "DialogTruth[" + id + " " + key() + " " + state() + "]";
    }
}
