package dev.sipscope.samples;

import dev.sipscope.samples.SipNet.Party;
import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The ladder of a {@link RequestBuilder} (OPTIONS, MESSAGE) or a {@link SubscribeBuilder}. */
final class ExchangeGenerator extends ScriptedGenerator {
    private final Consumer<ExchangeTruth> sink;
    private final ExchangeTruth truth;

    /** OPTIONS or MESSAGE: one transaction, no dialog. */
    ExchangeGenerator(RequestBuilder b, int index, long startNanos, PacketBuilder packets, SeededRandom random,
                      Consumer<ExchangeTruth> sink) {
        super(new SipNet(packets, b.path, random.child(1)));
        b.validate();
        this.sink = sink;
        Party from = new Party(b.fromUser, b.from, 0, b.fromUser == null ? "sipscope-samples proxy/1.0"
                : "sipscope-samples phone/1.0");
        Party to = new Party(b.toUser, b.to, b.oneWayDelayMillis * SipNet.MS, "sipscope-samples server/1.0");
        String callId = net.callId(b.from);
        this.truth = new ExchangeTruth(index, b.label, b.method, callId, b.fromUser, b.from, b.toUser, b.to);
        String requestUri = b.toUser != null ? "sip:" + b.toUser + "@" + b.to : "sip:" + b.to;
        SipMsg req = SipMsg.request(b.method, requestUri)
                .add("Via", from.via(net.branch()))
                .add("Max-Forwards", 70)
                .add("From", "<" + uri(b.fromUser, b.from) + ">;tag=" + net.tag())
                .add("To", "<" + uri(b.toUser, b.to) + ">")
                .add("Call-ID", callId)
                .add("CSeq", net.firstCseq() + " " + b.method);
        if ("OPTIONS".equals(b.method)) {
            req.add("Contact", "<" + (b.fromUser != null ? from.contact() : "sip:" + b.from) + ">")
                    .add("Accept", "application/sdp");
        }
        req.add("User-Agent", from.agent);
        if ("MESSAGE".equals(b.method)) {
            req.body("text/plain;charset=UTF-8", b.text.getBytes(StandardCharsets.UTF_8));
        }
        TransactionTruth tx = net.clientTransaction(req, from, to, null);
        byte[] bytes = req.bytes();
        long t = startNanos;
        long at = net.send(from, to, t, req, tx, null, false);
        if (b.status == 0) {
            long interval = SipNet.T1;
            long resend = t;
            while (resend + interval < t + 64 * SipNet.T1) { // timer E until timer F (RFC 3261 17.1.2.2)
                resend += interval;
                interval = Math.min(2 * interval, SipNet.T2);
                net.resend(from, to, resend, bytes, req, tx, null);
            }
        } else {
            SipMsg r = SipMsg.response(b.status, req.copy().markReceived(b.from), net.tag());
            if ("OPTIONS".equals(b.method) && b.status == 200) {
                r.add("Allow", SipNet.ALLOW).add("Accept", "application/sdp").add("Supported", "replaces, timer");
            }
            r.add("Server", to.agent);
            net.send(to, from, at + net.quick(), r, tx, null, false);
            truth.finalStatus = b.status;
        }
        net.render();
        collect();
    }

    /** A subscription: SUBSCRIBE, 200, NOTIFYs, unsubscribe, final NOTIFY; one dialog. */
    ExchangeGenerator(SubscribeBuilder b, int index, long startNanos, PacketBuilder packets, SeededRandom random,
                      Consumer<ExchangeTruth> sink) {
        super(new SipNet(packets, b.path, random.child(1)));
        b.validate();
        this.sink = sink;
        Party sub = new Party(b.subscriberUser, b.subscriber, 0, "sipscope-samples phone/1.0");
        Party ntf = new Party(b.notifierUser, b.notifier, b.oneWayDelayMillis * SipNet.MS, "sipscope-samples presence/1.0");
        String callId = net.callId(b.subscriber);
        this.truth = new ExchangeTruth(index, b.label, "SUBSCRIBE", callId, b.subscriberUser, b.subscriber,
                b.notifierUser, b.notifier);
        String subTag = net.tag();
        String ntfTag = net.tag();
        long subCseq = net.firstCseq();
        long ntfCseq = net.firstCseq();
        String subAddr = "<sip:" + sub.user + "@" + b.subscriber.ip().uriHost() + ">";
        String ntfAddr = "<sip:" + ntf.user + "@" + b.notifier.ip().uriHost() + ">";
        String accept = "presence".equals(b.event) ? "application/pidf+xml" : "application/simple-message-summary";

        SipMsg subscribe = SipMsg.request("SUBSCRIBE", ntf.contact())
                .add("Via", sub.via(net.branch()))
                .add("Max-Forwards", 70)
                .add("From", subAddr + ";tag=" + subTag)
                .add("To", ntfAddr)
                .add("Call-ID", callId)
                .add("CSeq", subCseq++ + " SUBSCRIBE")
                .add("Contact", "<" + sub.contact() + ">")
                .add("Event", b.event)
                .add("Expires", b.expiresSeconds)
                .add("Accept", accept)
                .add("User-Agent", sub.agent);
        TransactionTruth subTx = net.clientTransaction(subscribe, sub, ntf, null);
        long at = net.send(sub, ntf, startNanos, subscribe, subTx, null, false);
        // RFC 6665 4.1.2.1: the 2xx creates the dialog (the notifier's tag in To)
        DialogTruth dialog = net.ledger.dialog(callId, subTag, ntfTag, "SUBSCRIBE", sub.user, b.subscriber, ntf.user,
                b.notifier);
        long t = at + net.quick();
        dialog.confirmed(SipNet.captured(ntf, t));
        SipMsg ok = SipMsg.response(200, subscribe.copy().markReceived(b.subscriber), ntfTag)
                .add("Contact", "<" + ntf.contact() + ">")
                .add("Expires", b.expiresSeconds)
                .add("Server", ntf.agent);
        net.send(ntf, sub, t, ok, subTx, dialog, false);
        truth.finalStatus = 200;

        long lasting = Math.round(b.lastingSeconds * 1e9);
        long step = lasting / (b.notifies + 1);
        for (int i = 0; i < b.notifies; i++) {
            long tn = t + net.quick() + i * step;
            long left = b.expiresSeconds - Math.max(0, (tn - startNanos) / 1_000_000_000L);
            notify(ntf, sub, tn, callId, ntfAddr, ntfTag, subAddr, subTag, ntfCseq++, b, "active;expires=" + left, i,
                    dialog);
        }
        // unsubscribe: SUBSCRIBE with Expires: 0 inside the dialog (RFC 6665 4.1.2.3)
        long tUnsub = startNanos + lasting;
        SipMsg unsubscribe = SipMsg.request("SUBSCRIBE", ntf.contact())
                .add("Via", sub.via(net.branch()))
                .add("Max-Forwards", 70)
                .add("From", subAddr + ";tag=" + subTag)
                .add("To", ntfAddr + ";tag=" + ntfTag)
                .add("Call-ID", callId)
                .add("CSeq", subCseq + " SUBSCRIBE")
                .add("Contact", "<" + sub.contact() + ">")
                .add("Event", b.event)
                .add("Expires", 0)
                .add("Accept", accept)
                .add("User-Agent", sub.agent);
        TransactionTruth unsubTx = net.clientTransaction(unsubscribe, sub, ntf, dialog);
        long atN = net.send(sub, ntf, tUnsub, unsubscribe, unsubTx, dialog, false);
        long tOk = atN + net.quick();
        net.send(ntf, sub, tOk, SipMsg.response(200, unsubscribe.copy().markReceived(b.subscriber), null)
                .add("Contact", "<" + ntf.contact() + ">").add("Expires", 0).add("Server", ntf.agent), unsubTx, dialog, false);
        long tLast = tOk + net.quick();
        dialog.terminated(SipNet.captured(ntf, tLast), DialogTruth.End.SUBSCRIPTION_TERMINATED, ntf.user);
        notify(ntf, sub, tLast, callId, ntfAddr, ntfTag, subAddr, subTag, ntfCseq, b, "terminated;reason=timeout",
                b.notifies, dialog);
        net.render();
        collect();
    }

    /** A NOTIFY from the notifier inside the dialog and the subscriber's 200. */
    private void notify(Party ntf, Party sub, long t, String callId, String ntfAddr, String ntfTag, String subAddr,
                        String subTag, long cseq, SubscribeBuilder b, String state, int sequence, DialogTruth dialog) {
        SipMsg n = SipMsg.request("NOTIFY", sub.contact())
                .add("Via", ntf.via(net.branch()))
                .add("Max-Forwards", 70)
                .add("From", ntfAddr + ";tag=" + ntfTag)
                .add("To", subAddr + ";tag=" + subTag)
                .add("Call-ID", callId)
                .add("CSeq", cseq + " NOTIFY")
                .add("Contact", "<" + ntf.contact() + ">")
                .add("Event", b.event)
                .add("Subscription-State", state)
                .add("User-Agent", ntf.agent);
        if ("presence".equals(b.event)) {
            String basic = sequence % 2 == 0 ? "open" : "closed";
            String pidf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                    + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:" + ntf.user + "@"
                    + b.notifier.ip().uriHost() + "\">\r\n"
                    + "<tuple id=\"t1\"><status><basic>" + basic + "</basic></status></tuple>\r\n"
                    + "</presence>\r\n";
            n.body("application/pidf+xml", pidf.getBytes(StandardCharsets.UTF_8));
        } else {
            String summary = "Messages-Waiting: " + (sequence % 2 == 0 ? "yes" : "no") + "\r\n"
                    + "Message-Account: sip:" + ntf.user + "@" + b.notifier.ip().uriHost() + "\r\n"
                    + "Voice-Message: " + (sequence % 2 == 0 ? 2 : 0) + "/8 (0/0)\r\n";
            n.body("application/simple-message-summary", summary.getBytes(StandardCharsets.US_ASCII));
        }
        TransactionTruth tx = net.clientTransaction(n, ntf, sub, dialog);
        long at = net.send(ntf, sub, t, n, tx, dialog, false);
        net.send(sub, ntf, at + net.quick(), SipMsg.response(200, n.copy().markReceived(b.notifier), null)
                .add("Server", sub.agent), tx, dialog, false);
    }

    private static String uri(String user, Endpoint e) {
        return user != null ? "sip:" + user + "@" + e.ip().uriHost() : "sip:" + e.ip().uriHost();
    }

    private void collect() {
        truth.messages.addAll(net.ledger.messages);
        truth.transactions.addAll(net.ledger.transactions);
        truth.dialogs.addAll(net.ledger.dialogs);
    }

    @Override
    void deliver() {
        sink.accept(truth);
    }
}
