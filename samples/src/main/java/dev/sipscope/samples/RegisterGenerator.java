package dev.sipscope.samples;

import dev.sipscope.samples.net.FrameEmitter;
import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.ListGenerator;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.net.WireFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Frames of one registration (see {@link RegisterBuilder}); the capture point sits next to the
 * user agent, the registrar answers after one one-way delay plus 2 ms.
 */
final class RegisterGenerator implements FrameGenerator {
    private static final long MS = 1_000_000L;
    private static final String REALM = "sipscope.test";

    private final ListGenerator frames = new ListGenerator();
    private final RegistrationTruth truth;
    private final Consumer<RegistrationTruth> sink;
    private final SipLedger ledger = new SipLedger();
    private TransactionTruth tx;
    private boolean finished;

    RegisterGenerator(RegisterBuilder b, int index, long startNanos, PacketBuilder packets, SeededRandom random,
                      Consumer<RegistrationTruth> sink) {
        b.validate();
        this.sink = sink;
        SeededRandom ids = random.child(1);
        String callId = ids.hex(24) + "@" + b.ua.ip();
        String fromTag = ids.hex(10);
        String toTag = ids.hex(10);
        long cseq = ids.nextInt(1, 9999);
        String domain = b.registrar.ip().uriHost();
        String aor = "<sip:" + b.user + "@" + domain + ">";
        String contact = "<sip:" + b.user + "@" + b.ua + ">";
        String requestUri = "sip:" + domain;
        this.truth = new RegistrationTruth(index, b.user, b.ua, b.registrar, callId, b.challenge, b.finalStatus,
                b.expiresSeconds);
        long d = b.oneWayDelayMillis * MS;
        long t = startNanos;

        String branch = "z9hG4bK" + ids.hex(16);
        tx = ledger.transaction(callId, "REGISTER", branch, b.ua.toString(), b.ua, b.registrar, null);
        SipText first = SipText.request("REGISTER", requestUri)
                .header("Via", "SIP/2.0/UDP " + b.ua + ";rport;branch=" + branch)
                .header("Max-Forwards", 70)
                .header("From", aor + ";tag=" + fromTag)
                .header("To", aor)
                .header("Call-ID", callId)
                .header("CSeq", cseq + " REGISTER")
                .header("Contact", contact)
                .header("Expires", b.expiresSeconds)
                .header("User-Agent", b.userAgent);
        send(packets, b, t, true, first.done(), "REGISTER", 0, cseq);
        if (b.challenge) {
            String nonce = ids.hex(32);
            byte[] challenge = SipText.response(401)
                    .header("Via", "SIP/2.0/UDP " + b.ua + ";rport=" + b.ua.port() + ";received=" + b.ua.ip() + ";branch=" + branch)
                    .header("From", aor + ";tag=" + fromTag)
                    .header("To", aor + ";tag=" + toTag)
                    .header("Call-ID", callId)
                    .header("CSeq", cseq + " REGISTER")
                    .header("WWW-Authenticate", "Digest realm=\"" + REALM + "\", nonce=\"" + nonce
                            + "\", algorithm=MD5, qop=\"auth\"")
                    .header("Server", "sipscope-samples registrar/1.0")
                    .done();
            t += 2 * d + 2 * MS;
            send(packets, b, t, false, challenge, "REGISTER", 401, cseq);
            cseq++;
            t += 5 * MS;
            branch = "z9hG4bK" + ids.hex(16);
            tx = ledger.transaction(callId, "REGISTER", branch, b.ua.toString(), b.ua, b.registrar, null);
            String cnonce = ids.hex(16);
            String ha1 = md5(b.user + ":" + REALM + ":" + b.password);
            String ha2 = md5("REGISTER:" + requestUri);
            String response = md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2); // RFC 2617 3.2.2.1
            SipText second = SipText.request("REGISTER", requestUri)
                    .header("Via", "SIP/2.0/UDP " + b.ua + ";rport;branch=" + branch)
                    .header("Max-Forwards", 70)
                    .header("From", aor + ";tag=" + fromTag)
                    .header("To", aor)
                    .header("Call-ID", callId)
                    .header("CSeq", cseq + " REGISTER")
                    .header("Contact", contact)
                    .header("Expires", b.expiresSeconds)
                    .header("Authorization", "Digest username=\"" + b.user + "\", realm=\"" + REALM + "\", nonce=\""
                            + nonce + "\", uri=\"" + requestUri + "\", response=\"" + response
                            + "\", algorithm=MD5, cnonce=\"" + cnonce + "\", qop=auth, nc=00000001")
                    .header("User-Agent", b.userAgent);
            send(packets, b, t, true, second.done(), "REGISTER", 0, cseq);
        }
        SipText last = SipText.response(b.finalStatus)
                .header("Via", "SIP/2.0/UDP " + b.ua + ";rport=" + b.ua.port() + ";received=" + b.ua.ip() + ";branch=" + branch)
                .header("From", aor + ";tag=" + fromTag)
                .header("To", aor + ";tag=" + toTag)
                .header("Call-ID", callId)
                .header("CSeq", cseq + " REGISTER");
        if (b.finalStatus == 200 && b.expiresSeconds > 0) {
            last.header("Contact", contact + ";expires=" + b.expiresSeconds);
        }
        last.header("Server", "sipscope-samples registrar/1.0");
        t += 2 * d + 2 * MS;
        send(packets, b, t, false, last.done(), "REGISTER", b.finalStatus, cseq);
        ledger.complete();
        truth.messages.addAll(ledger.messages);
        truth.transactions.addAll(ledger.transactions);
    }

    private void send(PacketBuilder packets, RegisterBuilder b, long t, boolean fromUa, byte[] bytes, String method,
                      int status, long cseq) {
        SipMessageTruth m = ledger.record(t, fromUa ? b.ua : b.registrar, fromUa ? b.registrar : b.ua, Transport.UDP, bytes,
                method, status, cseq, false, truth.callId, tx, null);
        List<byte[]> out = packets.udp(fromUa ? b.ua : b.registrar, fromUa ? b.registrar : b.ua, b.path,
                PacketBuilder.DSCP_CS3, bytes, 0, bytes.length);
        long ft = t;
        for (byte[] f : out) {
            frames.add(new WireFrame(ft, f), m::addFrame);
            ft += 5_000;
        }
    }

    private static String md5(String s) {
        try {
            byte[] h = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(32);
            for (byte x : h) {
                sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides MD5", e);
        }
    }

    @Override
    public long nextNanos() {
        return frames.nextNanos();
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        frames.emitNext(out);
    }

    @Override
    public void finish() {
        if (!finished) {
            finished = true;
            sink.accept(truth);
        }
    }
}
