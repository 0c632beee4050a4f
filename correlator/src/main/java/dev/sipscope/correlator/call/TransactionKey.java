package dev.sipscope.correlator.call;

import dev.sipscope.decoder.sip.ByteKey;
import dev.sipscope.decoder.sip.SipVia;

import java.util.Objects;

/**
 * What identifies a SIP transaction on one hop.
 *
 * <p>RFC 3261 §17.1.3 and §17.2.3: when the top Via branch starts with the magic cookie
 * {@code z9hG4bK}, the branch, the sent-by and the method (ACK counted as INVITE, which the
 * correlator does when it looks an ACK up) identify the transaction; {@code cseq} is then -1 and
 * {@code fromTag} null. The Call-ID is added as a guard against agents that reuse branches.
 *
 * <p>RFC 2543 fallback (§17.2.3, first paragraph), for messages without such a branch: Call-ID,
 * CSeq number, method, From tag and the top Via's sent-by and branch (if any). The To tag is left
 * out because it differs between an INVITE and the ACK of its final response, and the Request-URI
 * because responses do not carry it. The Via is compared by sent-by and branch, not as text,
 * because a server adds {@code received} and {@code rport} to the Via it returns in responses.
 *
 * <p>The hash is computed once, when the key is made: a transaction's key is hashed again when the
 * transaction leaves the table (its timer fired, long after its last message), and a stored hash
 * spares that lookup from reading the key's strings, by then cold in memory.
 *
 * <p>Immutable; equality is component by component (as a record's would be).
 */
public final class TransactionKey {
    private final ByteKey callId;
    private final String branch;
    private final String sentBy;
    private final String method;
    private final long cseq;
    private final String fromTag;
    private final int hash;

    /**
     * @param callId  the Call-ID
     * @param branch  the top Via branch, or null
     * @param sentBy  the top Via sent-by in lower case, or null without Via
     * @param method  the method name (CSeq method for responses), or null when unknown
     * @param cseq    the CSeq number for RFC 2543 keys, -1 for RFC 3261 keys
     * @param fromTag the From tag for RFC 2543 keys, null for RFC 3261 keys
     */
    public TransactionKey(ByteKey callId, String branch, String sentBy, String method, long cseq, String fromTag) {
        this.callId = callId;
        this.branch = branch;
        this.sentBy = sentBy;
        this.method = method;
        this.cseq = cseq;
        this.fromTag = fromTag;
        int h = Objects.hashCode(callId);
        h = 31 * h + Objects.hashCode(branch);
        h = 31 * h + Objects.hashCode(sentBy);
        h = 31 * h + Objects.hashCode(method);
        h = 31 * h + Long.hashCode(cseq);
        this.hash = 31 * h + Objects.hashCode(fromTag);
    }

    public ByteKey callId() {
        return callId;
    }

    public String branch() {
        return branch;
    }

    public String sentBy() {
        return sentBy;
    }

    public String method() {
        return method;
    }

    public long cseq() {
        return cseq;
    }

    public String fromTag() {
        return fromTag;
    }

    /** The key of the transaction whose top Via is {@code via} (may be null), for {@code method}. */
    static TransactionKey of(ByteKey callId, SipVia via, String method, long cseq, String fromTag) {
        String branch = via == null ? null : via.branch();
        String sentBy = via == null ? null : via.sentByLowerCase();
        if (branch != null && branch.startsWith(SipVia.MAGIC_COOKIE)) {
            return new TransactionKey(callId, branch, sentBy, method, -1, null);
        }
        return new TransactionKey(callId, branch, sentBy, method, cseq, fromTag);
    }

    /** The same transaction identity with another method (ACK and CANCEL find their INVITE this way). */
    TransactionKey withMethod(String otherMethod) {
        return new TransactionKey(callId, branch, sentBy, otherMethod, cseq, fromTag);
    }

    /* The Call-ID goes last: keys compared within one call share the call's ByteKey (an identity hit). */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof TransactionKey k && hash == k.hash && cseq == k.cseq && Objects.equals(branch, k.branch)
                && Objects.equals(method, k.method) && Objects.equals(sentBy, k.sentBy)
                && Objects.equals(fromTag, k.fromTag) && Objects.equals(callId, k.callId);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "TransactionKey[callId=" + callId + ", branch=" + branch + ", sentBy=" + sentBy + ", method=" + method
                + ", cseq=" + cseq + ", fromTag=" + fromTag + "]";
    }

    /** Whether this key follows RFC 3261 (magic-cookie branch). */
    public boolean rfc3261() {
        return cseq < 0 && fromTag == null && branch != null && branch.startsWith(SipVia.MAGIC_COOKIE);
    }
}
