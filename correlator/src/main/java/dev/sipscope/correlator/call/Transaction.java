package dev.sipscope.correlator.call;

import dev.sipscope.decoder.sip.SipMethod;

import java.util.ArrayList;
import java.util.List;

/**
 * One SIP transaction as seen on one hop: its request, the responses to it, the ACK of a non-2xx
 * final response (RFC 3261 §17.1.1.3, part of the INVITE transaction), and what was retransmitted.
 * Engine thread only.
 */
final class Transaction {
    /** Response kinds kept per transaction to recognise retransmissions; more distinct responses are not remembered. */
    static final int MAX_RESPONSE_KINDS = 16;

    final Call call;
    final TransactionKey key;
    final int number;
    final SipMethod method;
    final String methodName;
    /** The hop the request was first seen on, or null when only responses were seen. */
    Hop requestHop;
    /**
     * For a REGISTER (RFC 3261 §10.2): the first Contact URI of the request and its expiry (else the
     * Expires header; -1 when neither), whether it was the wildcard, whether it had any Contact.
     * Kept instead of the request itself, so that transactions hold no message.
     */
    String registerContact;
    long registerExpires = -1;
    boolean registerWildcard;
    boolean registerHasContact;
    boolean registerSeen;
    /** True when the request carried no To tag: it started a dialog or stands alone (RFC 3261 §12.1). */
    boolean outOfDialog;
    /** Who sent the request, or null when the request was not seen. */
    Party requestParty;
    /** The request this one was forwarded from by a proxy (its top Via is this request's second Via), or null. */
    Transaction parent;

    /** Highest provisional status seen (0 when none). */
    int provisional;
    /** First final status seen (0 when none). */
    int finalStatus;
    /** The hop the non-2xx ACK was seen on, or null. */
    Hop ackHop;
    /** For an INVITE, true once a CANCEL with its branch and sent-by was seen. */
    boolean cancelled;
    /** The queue entry of the pending timer, or null. */
    Correlator.TimerEntry timer;
    /** True while {@link #key} maps to this transaction in the correlator's table. */
    boolean live;
    /** True once a timer fired with no final response. */
    boolean timedOut;
    /** The next (older) transaction of {@link Call#firstLive}'s chain, while live. */
    Transaction nextLive;

    /** Distinct responses seen, made on the first one (a 2xx ACK's transaction never gets one); null after release. */
    private List<ResponseKind> responses;

    Transaction(Call call, TransactionKey key, int number, SipMethod method, String methodName) {
        this.call = call;
        this.key = key;
        this.number = number;
        this.method = method;
        this.methodName = methodName;
    }

    /** True when {@link #parent} is null: the first hop of this request the capture saw. */
    boolean isRoot() {
        return parent == null;
    }

    /**
     * Records a response; returns true when an equal one (status, To tag, RSeq) was already seen on
     * the same hop, i.e. this is a retransmission (RFC 3261 §17.2.1: the server transaction resends
     * its last response; §13.3.1.4 2xx retransmissions; RFC 3262 reliable provisional responses keep
     * their RSeq).
     */
    boolean noteResponse(int status, String toTag, String rseq, Hop hop) {
        if (responses == null) {
            responses = new ArrayList<>(4);
        }
        for (ResponseKind r : responses) {
            if (r.status == status && r.hop.equals(hop) && java.util.Objects.equals(r.toTag, toTag)
                    && java.util.Objects.equals(r.rseq, rseq)) {
                return true;
            }
        }
        if (responses.size() < MAX_RESPONSE_KINDS) {
            responses.add(new ResponseKind(status, toTag, rseq, hop));
        }
        return false;
    }

    /** Forgets what recognising retransmissions needed (the transaction left the table). */
    void release() {
        responses = null;
        requestHop = null;
        ackHop = null;
        parent = null;
    }

    private record ResponseKind(int status, String toTag, String rseq, Hop hop) {
    }
}
