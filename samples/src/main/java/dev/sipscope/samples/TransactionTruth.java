package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ground truth of one SIP transaction on one hop (RFC 3261 section 17): the request, its
 * retransmissions and the responses to it. A proxy's forwarded copy of a request is a transaction
 * of its own (its own top Via); {@link #forwardOf()} links it to the one it forwards.
 *
 * <p>Identity is that of RFC 3261 section 17.2.3: the branch and sent-by of the top Via plus the
 * method, where the ACK of a non-2xx final response belongs to the INVITE transaction (same
 * branch) and the ACK of a 2xx is a transaction of its own with method {@code ACK} (new branch,
 * no responses). A CANCEL shares the branch of the INVITE it cancels but is its own transaction.
 *
 * <p>Times are capture times of the first frame of the message; -1 where nothing happened.
 */
public final class TransactionTruth {
    int id = -1;
    final String callId;
    final String method;
    final String branch;
    final String sentBy;
    final Endpoint client;
    final Endpoint server;
    final DialogTruth dialog;
    TransactionTruth cancels;
    TransactionTruth forwardOf;
    long requestNanos = -1;
    int requests;
    int retransmissions;
    final List<Integer> provisionalStatuses = new ArrayList<>(2);
    int finalStatus;
    long finalNanos = -1;
    long ackNanos = -1;
    final List<SipMessageTruth> messages = new ArrayList<>(4);

    TransactionTruth(String callId, String method, String branch, String sentBy, Endpoint client, Endpoint server,
                     DialogTruth dialog) {
        if (!branch.startsWith("z9hG4bK")) {
            throw new IllegalArgumentException("branch " + branch + " lacks the RFC 3261 magic cookie");
        }
        this.callId = callId;
        this.method = method;
        this.branch = branch;
        this.sentBy = sentBy;
        this.client = client;
        this.server = server;
        this.dialog = dialog;
    }

    void add(SipMessageTruth m) {
        messages.add(m);
    }

    /** Sorts the messages by capture time and derives the counts and times from them. */
    void complete() {
        messages.sort((x, y) -> Long.compare(x.tsNanos(), y.tsNanos()));
        requests = 0;
        retransmissions = 0;
        provisionalStatuses.clear();
        finalStatus = 0;
        requestNanos = -1;
        finalNanos = -1;
        ackNanos = -1;
        for (SipMessageTruth m : messages) {
            if (m.isRequest()) {
                if ("ACK".equals(m.method()) && !"ACK".equals(method)) {
                    if (ackNanos < 0) {
                        ackNanos = m.tsNanos();
                    }
                    continue;
                }
                requests++;
                if (m.retransmission()) {
                    retransmissions++;
                }
                if (requestNanos < 0) {
                    requestNanos = m.tsNanos();
                }
            } else if (!m.retransmission()) {
                if (m.statusCode() < 200) {
                    provisionalStatuses.add(m.statusCode());
                } else if (finalNanos < 0) {
                    finalStatus = m.statusCode();
                    finalNanos = m.tsNanos();
                }
            }
        }
    }

    /** Position in the scenario: transactions are numbered by the capture time of their first message. */
    public int id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    /** The method that created the transaction; {@code ACK} only for the ACK of a 2xx. */
    public String method() {
        return method;
    }

    /** The top Via branch (always starting with the {@code z9hG4bK} magic cookie). */
    public String branch() {
        return branch;
    }

    /** The top Via sent-by as written ({@code host[:port]}). */
    public String sentBy() {
        return sentBy;
    }

    /** The key a stateful element matches requests and responses by (RFC 3261 17.1.3 and 17.2.3). */
    public String key() {
        return branch + "|" + sentBy + "|" + method;
    }

    /** Where the request left from (its wire source). */
    public Endpoint client() {
        return client;
    }

    /** Where the request went to (its wire destination). */
    public Endpoint server() {
        return server;
    }

    /** The dialog the request was sent in, or null outside a dialog (including a dialog-creating INVITE). */
    public DialogTruth dialog() {
        return dialog;
    }

    /** For a CANCEL: the INVITE transaction it cancels; else null. */
    public TransactionTruth cancels() {
        return cancels;
    }

    /** For a request a proxy forwarded: the upstream transaction it forwards; else null. */
    public TransactionTruth forwardOf() {
        return forwardOf;
    }

    /** Capture time of the first copy of the request. */
    public long requestNanos() {
        return requestNanos;
    }

    /** Copies of the request sent (1 plus the retransmissions). */
    public int requests() {
        return requests;
    }

    /** Request retransmissions (identical resends by the client transaction). */
    public int retransmissions() {
        return retransmissions;
    }

    /** Status codes of the provisional responses, first copies only, in order. */
    public List<Integer> provisionalStatuses() {
        return Collections.unmodifiableList(provisionalStatuses);
    }

    /** Status of the first final response, or 0 when none was sent (timeout or still pending). */
    public int finalStatus() {
        return finalStatus;
    }

    /** Capture time of the first final response, or -1. */
    public long finalNanos() {
        return finalNanos;
    }

    /** For an INVITE: capture time of the first ACK of its non-2xx final response, or -1. */
    public long ackNanos() {
        return ackNanos;
    }

    /** Every message of the transaction, retransmissions included, in capture order. */
    public List<SipMessageTruth> messages() {
        return Collections.unmodifiableList(messages);
    }

    @Override
    public String toString() {
        return "TransactionTruth[" + id + " " + method + " " + branch + " final " + finalStatus + ", " + messages.size()
                + " messages]";
    }
}
