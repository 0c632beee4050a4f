package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records, for one scenario item, every SIP message sent together with the transaction and dialog
 * the generator meant it to belong to. Generators declare transactions and dialogs explicitly
 * (they are the ground truth); tests check the declarations against what the bytes say.
 */
final class SipLedger {
    final List<SipMessageTruth> messages = new ArrayList<>();
    final List<TransactionTruth> transactions = new ArrayList<>();
    final List<DialogTruth> dialogs = new ArrayList<>();

    TransactionTruth transaction(String callId, String method, String branch, String sentBy, Endpoint client,
                                 Endpoint server, DialogTruth dialog) {
        TransactionTruth t = new TransactionTruth(callId, method, branch, sentBy, client, server, dialog);
        transactions.add(t);
        return t;
    }

    DialogTruth dialog(String callId, String fromTag, String toTag, String usage, String uacUser, Endpoint uac,
                       String uasUser, Endpoint uas) {
        DialogTruth d = new DialogTruth(callId, fromTag, toTag, usage, uacUser, uac, uasUser, uas);
        dialogs.add(d);
        return d;
    }

    /** Records one message; {@code method} is the request method or, for a response, the CSeq method. */
    SipMessageTruth record(long tNanos, Endpoint src, Endpoint dst, Transport transport, byte[] bytes, String method,
                           int status, long cseq, boolean retransmission, String callId, TransactionTruth tx,
                           DialogTruth dialog) {
        String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.UTF_8);
        String firstLine = head.substring(0, head.indexOf('\r'));
        SipMessageTruth m = new SipMessageTruth(tNanos, src, dst, transport, firstLine, method, status, cseq,
                retransmission, bytes.length);
        m.callId = callId;
        m.transaction = tx;
        m.dialog = dialog;
        tx.add(m);
        if (dialog != null) {
            dialog.messages.add(m);
        }
        messages.add(m);
        return m;
    }

    private static long first(DialogTruth d) {
        return d.messages.isEmpty() ? Long.MAX_VALUE : d.messages.get(0).tsNanos();
    }

    /** Sorts everything by capture time once the item has planned all its messages. */
    void complete() {
        messages.sort((x, y) -> Long.compare(x.tsNanos(), y.tsNanos()));
        for (TransactionTruth t : transactions) {
            t.complete();
        }
        transactions.sort((x, y) -> Long.compare(x.requestNanos(), y.requestNanos()));
        for (DialogTruth d : dialogs) {
            d.sortMessages();
        }
        dialogs.sort((x, y) -> Long.compare(first(x), first(y)));
    }
}
