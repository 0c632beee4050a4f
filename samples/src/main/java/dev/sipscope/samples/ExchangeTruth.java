package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ground truth of one SIP exchange that is not a call: an OPTIONS or MESSAGE transaction (no
 * dialog), or a subscription (SUBSCRIBE and its NOTIFYs, one dialog of usage {@code SUBSCRIBE},
 * RFC 6665). One Call-ID each.
 */
public final class ExchangeTruth {
    final int index;
    final String label;
    final String method;
    final String callId;
    final String fromUser;
    final Endpoint from;
    final String toUser;
    final Endpoint to;
    int finalStatus;
    final List<SipMessageTruth> messages = new ArrayList<>();
    final List<TransactionTruth> transactions = new ArrayList<>();
    final List<DialogTruth> dialogs = new ArrayList<>(1);

    ExchangeTruth(int index, String label, String method, String callId, String fromUser, Endpoint from, String toUser,
                  Endpoint to) {
        this.index = index;
        this.label = label;
        this.method = method;
        this.callId = callId;
        this.fromUser = fromUser;
        this.from = from;
        this.toUser = toUser;
        this.to = to;
    }

    /** Position of the item in its scenario. */
    public int index() {
        return index;
    }

    public String label() {
        return label;
    }

    /** {@code OPTIONS}, {@code MESSAGE} or {@code SUBSCRIBE}. */
    public String method() {
        return method;
    }

    public String callId() {
        return callId;
    }

    /** The sender of the first request (null user for a server pinging with OPTIONS). */
    public String fromUser() {
        return fromUser;
    }

    public Endpoint from() {
        return from;
    }

    /** The user the request is addressed to, or null when the Request-URI names only a host. */
    public String toUser() {
        return toUser;
    }

    public Endpoint to() {
        return to;
    }

    /** Final status of the first request, 0 when it never got one. */
    public int finalStatus() {
        return finalStatus;
    }

    public List<SipMessageTruth> messages() {
        return Collections.unmodifiableList(messages);
    }

    public List<TransactionTruth> transactions() {
        return Collections.unmodifiableList(transactions);
    }

    /** The subscription's dialog; empty for OPTIONS and MESSAGE. */
    public List<DialogTruth> dialogs() {
        return Collections.unmodifiableList(dialogs);
    }

    @Override
    public String toString() {
        return "ExchangeTruth[" + index + " " + method + " " + callId + " " + finalStatus + "]";
    }
}
