package dev.sipscope.samples;

import dev.sipscope.samples.SipNet.Party;
import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The ladder of a {@link TransferBuilder}: two or three calls on one {@link SipNet}. */
final class TransferGenerator extends ScriptedGenerator {
    private static final String SIPFRAG = "message/sipfrag;version=2.0";

    private final Consumer<CallTruth> sink;
    private final List<CallTruth> calls = new ArrayList<>(3);

    TransferGenerator(TransferBuilder b, int index, long startNanos, PacketBuilder packets, SeededRandom random,
                      Consumer<CallTruth> sink) {
        super(new SipNet(packets, b.path, random.child(1)));
        b.validate();
        this.sink = sink;
        SeededRandom media = random.child(2);
        long d = b.oneWayDelayMillis * SipNet.MS;
        Party alice = new Party(b.transfereeUser, b.transferee, d, "sipscope-samples transferee/1.0");
        Party bob = new Party(b.transferorUser, b.transferor, d + SipNet.MS, "sipscope-samples transferor/1.0");
        Party carol = new Party(b.targetUser, b.target, d + 2 * SipNet.MS, "sipscope-samples target/1.0");
        String label = b.label;
        long ring = b.ringMillis * SipNet.MS;
        long talk = Math.round(b.talkSeconds * 1e9);

        // the original call: transferee -> transferor
        UaCall original = new UaCall(net, index, UaCall.sub(label, "original"), "transfer-original", alice, bob, b.codec);
        calls.add(original.truth);
        Endpoint aliceMedia1 = alice.sip.withPort(net.rtpPort());
        Endpoint bobMedia1 = bob.sip.withPort(net.rtpPort());
        long tAck = original.setUp(startNanos, ring, offer(alice, aliceMedia1, b), offer(bob, bobMedia1, b));
        long tBobNext = tAck + talk;
        if (b.media) {
            long start = SipNet.captured(alice, tAck);
            net.talk(original.truth, alice.user, aliceMedia1, start, start + talk, bob.user, bobMedia1, start, start + talk,
                    b.codec, media.child(1));
        }

        String referTo = "<" + carol.contact() + ">";
        UaCall consultation = null;
        if (b.attended) {
            // the transferor consults the target first (RFC 5589 section 7)
            consultation = new UaCall(net, index, UaCall.sub(label, "consultation"), "transfer-consultation", bob, carol, b.codec);
            calls.add(consultation.truth);
            Endpoint bobMedia2 = bob.sip.withPort(net.rtpPort());
            Endpoint carolMedia2 = carol.sip.withPort(net.rtpPort());
            long tAck2 = consultation.setUp(tAck + talk / 2, ring, offer(bob, bobMedia2, b), offer(carol, carolMedia2, b));
            if (b.media) {
                long start = SipNet.captured(bob, tAck2);
                net.talk(consultation.truth, bob.user, bobMedia2, start, start + talk, carol.user, carolMedia2, start,
                        start + talk, b.codec, media.child(2));
            }
            tBobNext = Math.max(tBobNext, tAck2 + talk);
            // RFC 3891 section 3: to-tag is the target's own tag in that dialog, from-tag the transferor's
            referTo = "<" + carol.contact() + "?Replaces=" + uriEscape(consultation.callId) + "%3Bto-tag%3D"
                    + consultation.uasTag + "%3Bfrom-tag%3D" + consultation.uacTag + ">";
        }

        // REFER inside the original dialog (RFC 3515 section 2.4), answered 202
        String referredBy = "<sip:" + bob.user + "@" + bob.sip.ip().uriHost() + ">";
        long at = original.request(false, tBobNext, "REFER", null, null, "Refer-To", referTo, "Referred-By", referredBy);
        long tAccept = at + net.quick();
        long back = original.respond(tAccept, 202);
        long tAlice = tAccept + net.quick();
        long notified = original.exchange(true, tAlice, "NOTIFY", SIPFRAG,
                "SIP/2.0 100 Trying\r\n".getBytes(StandardCharsets.US_ASCII), 200,
                "Event", "refer", "Subscription-State", "active;expires=60");

        // the new call from the transferee to the target, carrying Referred-By (RFC 3892) and, attended, Replaces
        UaCall fresh = new UaCall(net, index, UaCall.sub(label, "new"), "transfer-new", alice, carol, b.codec);
        calls.add(fresh.truth);
        Endpoint aliceMedia3 = alice.sip.withPort(net.rtpPort());
        Endpoint carolMedia3 = carol.sip.withPort(net.rtpPort());
        long tInvite = notified + net.quick();
        long tAck3;
        if (consultation == null) {
            tAck3 = fresh.setUp(tInvite, ring, offer(alice, aliceMedia3, b), offer(carol, carolMedia3, b),
                    "Referred-By", referredBy);
        } else {
            String replaces = consultation.callId + ";to-tag=" + consultation.uasTag + ";from-tag=" + consultation.uacTag;
            tAck3 = fresh.setUp(tInvite, 0, offer(alice, aliceMedia3, b), offer(carol, carolMedia3, b),
                    "Referred-By", referredBy, "Replaces", replaces);
            // the target ends the replaced dialog (RFC 3891 section 3)
            long tCarol = SipNet.captured(alice, tAck3) + carol.delayNanos + net.quick();
            consultation.exchange(false, tCarol, "BYE", null, null, 200);
            fresh.truth.links.add(new CallLink(CallLink.Kind.REPLACES, consultation.callId, fresh.callId, "Replaces"));
            consultation.truth.links.add(fresh.truth.links.get(0));
        }
        CallLink transfer = new CallLink(CallLink.Kind.TRANSFER, original.callId, fresh.callId, "Referred-By");
        fresh.truth.links.add(transfer);
        original.truth.links.add(transfer);
        if (b.media) {
            long start = SipNet.captured(alice, tAck3);
            net.talk(fresh.truth, alice.user, aliceMedia3, start, start + talk, carol.user, carolMedia3, start,
                    start + talk, b.codec, media.child(3));
        }

        // final NOTIFY: the new call succeeded, the implicit subscription ends (RFC 3515 section 2.4.5)
        long done = original.exchange(true, tAck3 + net.quick(), "NOTIFY", SIPFRAG,
                "SIP/2.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII), 200,
                "Event", "refer", "Subscription-State", "terminated;reason=noresource");
        long tBye = Math.max(done, back) + net.quick();
        original.exchange(false, tBye, "BYE", null, null, 200);
        fresh.exchange(true, tAck3 + talk, "BYE", null, null, 200);
        net.render();
        for (CallTruth c : calls) {
            net.fill(c);
        }
    }

    private byte[] offer(Party p, Endpoint mediaAt, TransferBuilder b) {
        long id = net.sessionId();
        return SipNet.sdp(p.user, id, id, mediaAt, b.codec, "sendrecv");
    }

    /** Escapes a Call-ID for a URI header value (RFC 3261 25.1: '@' and other reserved characters as %XX). */
    static String uriEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || "-_.!~*'()".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(java.util.Locale.ROOT, "%02X", (int) c));
            }
        }
        return sb.toString();
    }

    @Override
    void deliver() {
        calls.forEach(sink);
    }
}
