package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Ground truth of one generated registration. */
public final class RegistrationTruth {
    final int index;
    final String user;
    final Endpoint ua;
    final Endpoint registrar;
    final String callId;
    final boolean challenged;
    final int finalStatus;
    final int expiresSeconds;
    final List<SipMessageTruth> messages = new ArrayList<>(4);
    final List<TransactionTruth> transactions = new ArrayList<>(2);

    RegistrationTruth(int index, String user, Endpoint ua, Endpoint registrar, String callId, boolean challenged,
                      int finalStatus, int expiresSeconds) {
        this.index = index;
        this.user = user;
        this.ua = ua;
        this.registrar = registrar;
        this.callId = callId;
        this.challenged = challenged;
        this.finalStatus = finalStatus;
        this.expiresSeconds = expiresSeconds;
    }

    public int index() {
        return index;
    }

    public String user() {
        return user;
    }

    public Endpoint ua() {
        return ua;
    }

    public Endpoint registrar() {
        return registrar;
    }

    public String callId() {
        return callId;
    }

    /** True when the registrar answered the first REGISTER with 401. */
    public boolean challenged() {
        return challenged;
    }

    public int finalStatus() {
        return finalStatus;
    }

    public int expiresSeconds() {
        return expiresSeconds;
    }

    /** One REGISTER transaction, or two with the digest challenge (RFC 3261 section 10.2, 22.2). */
    public List<TransactionTruth> transactions() {
        return Collections.unmodifiableList(transactions);
    }

    public List<SipMessageTruth> messages() {
        return Collections.unmodifiableList(messages);
    }

    @Override
    public String toString() {
        return "RegistrationTruth[" + index + " " + user + " " + finalStatus + ", " + messages.size() + " messages]";
    }
}
