package dev.sipscope.samples;

import dev.sipscope.samples.rtp.Codec;
import dev.sipscope.samples.rtp.JitterModel;
import dev.sipscope.samples.rtp.LossModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The captures committed under {@code samples/captures/}, one method per file, each with its
 * {@code <name>.truth.json}. {@code SampleCapturesTest} regenerates every file and checks it is
 * byte-identical to the committed one; to rewrite them after a deliberate change run
 * {@code mvn -q -o -pl samples -am test -Dtest=SampleCapturesTest -Dsamples.regenerate=true}.
 * All use {@link Scenario#DEFAULT_START} and a fixed seed.
 */
public final class SampleCaptures {
    private static final Map<String, Supplier<Scenario>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("call-udp-g711.pcap", SampleCaptures::callUdpG711);
        ALL.put("call-tcp.pcap", SampleCaptures::callTcp);
        ALL.put("calls-mixed.pcap", SampleCaptures::callsMixed);
        ALL.put("rtp-impairments.pcap", SampleCaptures::rtpImpairments);
        ALL.put("call-forked.pcap", SampleCaptures::callForked);
        ALL.put("call-transfer.pcap", SampleCaptures::callTransfer);
        ALL.put("b2bua-xcallid.pcap", SampleCaptures::b2buaXCallId);
        ALL.put("b2bua-sdp.pcap", SampleCaptures::b2buaSdp);
        ALL.put("call-websocket.pcap", SampleCaptures::callWebSocket);
        ALL.put("call-prack-update.pcap", SampleCaptures::callPrackUpdate);
        ALL.put("call-retransmissions.pcap", SampleCaptures::callRetransmissions);
        ALL.put("sip-nondialog.pcap", SampleCaptures::sipNonDialog);
        ALL.put("call-states.pcap", SampleCaptures::callStates);
    }

    private SampleCaptures() {
    }

    /** File names of every committed capture. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The scenario behind a committed capture ({@code "call-tcp.pcap"}, or without the extension). */
    public static Scenario scenario(String name) {
        Supplier<Scenario> s = ALL.get(name.endsWith(".pcap") ? name : name + ".pcap");
        if (s == null) {
            throw new IllegalArgumentException("no sample capture named \"" + name + "\"; known: " + names());
        }
        return s.get();
    }

    /** Writes the capture and its truth sidecar into {@code directory}. */
    public static ScenarioTruth write(String name, Path directory) throws IOException {
        String file = name.endsWith(".pcap") ? name : name + ".pcap";
        Files.createDirectories(directory);
        return scenario(file).writePcapWithTruth(directory.resolve(file));
    }

    /**
     * The committed directory: {@code <sipscope.root>/samples/captures} when the system property
     * {@code sipscope.root} is set (surefire sets it), else {@code samples/captures} or
     * {@code captures} under the working directory, whichever exists.
     */
    public static Path directory() {
        String root = System.getProperty("sipscope.root");
        if (root != null) {
            return Path.of(root, "samples", "captures");
        }
        Path fromReactor = Path.of("samples", "captures");
        return Files.isDirectory(fromReactor) ? fromReactor : Path.of("captures");
    }

    /** One complete call over UDP: PCMU, 3 s ringing, 10 s of RTP both ways, RTCP every 5 s, no impairment. */
    public static Scenario callUdpG711() {
        return Scenario.builder(101)
                .call(c -> c.label("g711").caller("alice", "10.0.0.1", 5060).callee("bob", "10.0.0.2", 5060)
                        .codec(Codec.PCMU).ringMillis(3000).talkSeconds(10).answer(200)
                        .callerRtpPort(40000).calleeRtpPort(50000)
                        .rtp(r -> r.rtcp(true)))
                .build();
    }

    /**
     * SIP over TCP: handshake, an INVITE split across two segments, 100 Trying and 180 Ringing in a
     * single segment, 4 s of RTP, BYE, FIN both ways.
     */
    public static Scenario callTcp() {
        return Scenario.builder(102)
                .call(c -> c.label("tcp").caller("alice", "10.0.0.1", 5060).callee("bob", "10.0.0.2", 5060)
                        .transport(Transport.TCP).tcpMaxSegment(700).coalesceProvisional()
                        .codec(Codec.PCMA).ringMillis(1500).talkSeconds(4).answer(200))
                .build();
    }

    /**
     * Several overlapping calls: answered, busy (486), cancelled, unavailable (503, INVITE
     * retransmitted), one with 2% bursty loss and 20 ms jitter, one whose RTP sequence numbers
     * wrap, one over IPv6, one with an INVITE large enough to be IP-fragmented, one on VLAN 42,
     * one with DTMF and a hold/resume, one whose caller sits behind a NAT (SDP and Contact announce
     * a private address, packets come from a public one), one with early media (183 with SDP and
     * ringback RTP) that ends busy; plus a registration with a digest challenge.
     */
    public static Scenario callsMixed() {
        return Scenario.builder(103)
                .call(c -> c.label("answered").caller("alice", "10.0.1.1", 5060).callee("bob", "10.0.2.1", 5060)
                        .ringMillis(1000).talkSeconds(3))
                .call(c -> c.label("busy").at(200).caller("carol", "10.0.1.2", 5060).callee("dave", "10.0.2.2", 5060)
                        .ringMillis(800).reject(486))
                .call(c -> c.label("cancelled").at(400).caller("erin", "10.0.1.3", 5060).callee("frank", "10.0.2.3", 5060)
                        .ringMillis(2500).cancel())
                .call(c -> c.label("unavailable").at(600).caller("gina", "10.0.1.4", 5060).callee("hank", "10.0.2.4", 5060)
                        .reject(503).retransmitInvite(1))
                .call(c -> c.label("lossy").at(800).caller("ivan", "10.0.1.5", 5060).callee("judy", "10.0.2.5", 5060)
                        .codec(Codec.PCMA).ringMillis(1200).talkSeconds(5)
                        .rtp(r -> r.loss(LossModel.bursty(0.02, 3)).jitter(JitterModel.gaussian(20))))
                .call(c -> c.label("seq-wrap").at(1000).caller("kim", "10.0.1.6", 5060).callee("lee", "10.0.2.6", 5060)
                        .ringMillis(500).talkSeconds(3)
                        .callerRtp(r -> r.startSeq(65500).startTimestamp(0xFFFF_F000L))
                        .calleeRtp(r -> r.startSeq(65530)))
                .call(c -> c.label("ipv6").at(1200).caller("mia", "2001:db8::10", 5060).callee("ned", "2001:db8::20", 5060)
                        .ringMillis(700).talkSeconds(2))
                .call(c -> c.label("fragmented").at(1400).caller("olga", "10.0.1.8", 5060).callee("pete", "10.0.2.8", 5060)
                        .alsoOffer(Codec.PCMA, Codec.G722, Codec.G729, Codec.OPUS)
                        .extraHeader("P-Asserted-Identity", "\"Olga\" <sip:olga@10.0.1.8>")
                        .extraHeader("X-Trace", "f".repeat(900))
                        .ringMillis(600).talkSeconds(2))
                .call(c -> c.label("vlan").at(1600).caller("quin", "10.0.1.9", 5060).callee("rose", "10.0.2.9", 5060)
                        .vlan(42).ringMillis(400).talkSeconds(2).hangupByCallee())
                .call(c -> c.label("dtmf-hold").at(1800).caller("sam", "10.0.1.10", 5060).callee("tina", "10.0.2.10", 5060)
                        .ringMillis(300).talkSeconds(4).hold(1.5, 1.0)
                        .callerRtp(r -> r.dtmf(500, "12#")))
                .call(c -> c.label("nat").at(2000).caller("vera", "192.168.0.20", 5060).callee("walt", "10.0.2.12", 5060)
                        .callerBehindNat("203.0.113.9").ringMillis(500).talkSeconds(2))
                .call(c -> c.label("early-media-busy").at(2200).caller("xena", "10.0.1.13", 5060)
                        .callee("yuri", "10.0.2.13", 5060).earlyMedia().ringMillis(1000).reject(486))
                .register(r -> r.at(100).user("uma", "10.0.1.11", 5060).registrar("10.0.0.254", 5060))
                .build();
    }

    /**
     * Three stand-alone RTP streams (no signalling): PCMU with 3% random loss and 2% duplicates;
     * G.729 with Gilbert loss (p=0.02, q=0.3) and 3% explicit reordering; PCMA with 15 ms Gaussian
     * jitter (which reorders), a sequence and timestamp wrap, and RTCP both ways.
     */
    public static Scenario rtpImpairments() {
        return Scenario.builder(104)
                .rtpStream(s -> s.label("random-loss-dup").from("192.168.10.1", 16384).to("192.168.10.2", 16386)
                        .codec(Codec.PCMU).seconds(10).randomLoss(0.03).duplicates(0.02))
                .rtpStream(s -> s.label("gilbert-reorder").at(100).from("192.168.10.3", 20000).to("192.168.10.4", 20002)
                        .codec(Codec.G729).seconds(10).loss(LossModel.gilbert(0.02, 0.3)).reorder(0.03))
                .rtpStream(s -> s.label("jitter-wrap").at(200).from("192.168.10.5", 30000).to("192.168.10.6", 30002)
                        .codec(Codec.PCMA).seconds(10).jitterMillis(15).startSeq(65400).startTimestamp(0xFFFF_0000L)
                        .reverse().rtcp(true))
                .build();
    }

    /**
     * Two calls through a forking, record-routing proxy (the capture sees every hop): "fork-cancel"
     * rings two phones, the first answers and the proxy CANCELs the other (200, 487, ACK);
     * "fork-two-answers" rings two phones while a third never responds, both ringing phones answer
     * (the second 200 crosses the proxy's CANCEL, so the caller ACKs it and sends BYE at once)
     * and the silent branch sees the INVITE resent until timer B.
     */
    public static Scenario callForked() {
        return Scenario.builder(105)
                .forkedCall(f -> f.label("fork-cancel").caller("alice", "10.1.0.1", 5060).proxy("10.1.0.100", 5060)
                        .domain("sipscope.test").callee("bob").fork("10.1.0.2", 5060).fork("10.1.0.3", 5060)
                        .ringMillis(1500).talkSeconds(1))
                .forkedCall(f -> f.label("fork-two-answers").at(500).caller("carol", "10.1.1.1", 5060)
                        .proxy("10.1.0.100", 5060).domain("sipscope.test").callee("dave").fork("10.1.1.2", 5060)
                        .fork("10.1.1.3", 5060).silentFork("10.1.1.4", 5060).secondAnswer().ringMillis(1000).noMedia())
                .build();
    }

    /**
     * Two transfers with REFER: "blind" (REFER to the target, 202, NOTIFY 100 and 200 sipfrag, the
     * new call carries Referred-By) and "attended" (consultation call first, Refer-To with Replaces,
     * the new call's INVITE carries Replaces and the target hangs up the consultation call).
     */
    public static Scenario callTransfer() {
        return Scenario.builder(106)
                .transfer(t -> t.label("blind").transferee("alice", "10.2.0.1", 5060).transferor("bob", "10.2.0.2", 5060)
                        .target("carol", "10.2.0.3", 5060).ringMillis(800).talkSeconds(1))
                .transfer(t -> t.label("attended").at(300).transferee("dave", "10.2.1.1", 5060)
                        .transferor("erin", "10.2.1.2", 5060).target("frank", "10.2.1.3", 5060).attended()
                        .ringMillis(600).talkSeconds(1))
                .build();
    }

    /**
     * Two calls through a B2BUA whose outbound leg names the inbound one in a header:
     * "xcallid" (X-Call-ID, media anchored on the B2BUA) and "xcid" (X-CID, media straight between
     * the phones).
     */
    public static Scenario b2buaXCallId() {
        return Scenario.builder(107)
                .b2bua(x -> x.label("xcallid").caller("alice", "10.3.0.1", 5060).b2bua("10.3.0.100", 5060)
                        .callee("bob", "10.3.0.2", 5060).linkHeader("X-Call-ID").talkSeconds(1))
                .b2bua(x -> x.label("xcid").at(400).caller("carol", "10.3.1.1", 5060).b2bua("10.3.0.100", 5060)
                        .callee("dave", "10.3.1.2", 5060).linkHeader("X-CID").directMedia().talkSeconds(1))
                .build();
    }

    /**
     * Two calls through a media-anchoring B2BUA with no header linking the legs: "shared-port"
     * (leg A's answer and leg B's offer announce the same address and port) and "two-ports" (the
     * same address, two ports; the relayed RTP keeps SSRC, sequence and timestamp). A plain direct
     * call overlaps them, which no link may claim.
     */
    public static Scenario b2buaSdp() {
        return Scenario.builder(108)
                .b2bua(x -> x.label("shared-port").caller("alice", "10.4.0.1", 5060).b2bua("10.4.0.100", 5060)
                        .callee("bob", "10.4.0.2", 5060).noLinkHeader().sharedMediaPort().talkSeconds(1))
                .b2bua(x -> x.label("two-ports").at(300).caller("carol", "10.4.1.1", 5060).b2bua("10.4.0.100", 5060)
                        .callee("dave", "10.4.1.2", 5060).noLinkHeader().talkSeconds(1))
                .call(c -> c.label("unrelated").at(200).caller("erin", "10.4.2.1", 5060).callee("frank", "10.4.2.2", 5060)
                        .ringMillis(700).talkSeconds(1))
                .build();
    }

    /**
     * SIP over WebSocket (RFC 7118): TCP handshake, HTTP Upgrade (Sec-WebSocket-Protocol: sip),
     * 101, then every SIP message in WebSocket text frames (client frames masked); the INVITE and
     * the 200 are split into continuation frames; a ping and its pong mid-call; the callee hangs up;
     * closing handshake and FIN. Via SIP/2.0/WS with the client's .invalid host.
     */
    public static Scenario callWebSocket() {
        return Scenario.builder(109)
                .call(c -> c.label("ws").caller("alice", "10.5.0.1", 5060).callee("bob", "10.5.0.2", 8088)
                        .transport(Transport.WS).wsMaxFramePayload(400).wsPing(0.6).ringMillis(700).talkSeconds(1.2)
                        .hangupByCallee())
                .build();
    }

    /**
     * Reliable provisional responses and in-dialog requests: "prack-update" (183 with SDP,
     * Require: 100rel and RSeq, PRACK with RAck and its 200, early media, then UPDATE with SDP,
     * INFO with a DTMF digit, hold and resume re-INVITEs); "prack-cancel" (reliable 180, PRACK,
     * then the caller cancels).
     */
    public static Scenario callPrackUpdate() {
        return Scenario.builder(110)
                .call(c -> c.label("prack-update").caller("alice", "10.6.0.1", 5060).callee("bob", "10.6.0.2", 5060)
                        .prack().earlyMedia().ringMillis(800).talkSeconds(3).update(0.5).info(1.0, '5').hold(1.5, 0.8))
                .call(c -> c.label("prack-cancel").at(300).caller("carol", "10.6.1.1", 5060).callee("dave", "10.6.1.2", 5060)
                        .prack().ringMillis(1200).cancel())
                .build();
    }

    /**
     * Retransmissions (RFC 3261 timers), no RTP: "invite-bye" (INVITE resent twice before the 100,
     * BYE resent twice before its 200), "slow-ack" (the 200 resent twice before the ACK comes),
     * "lost-ack" (the ACK is lost twice: 200, ACK, 200, ACK, 200, ACK, each copy identical).
     */
    public static Scenario callRetransmissions() {
        return Scenario.builder(111)
                .call(c -> c.label("invite-bye").caller("alice", "10.7.0.1", 5060).callee("bob", "10.7.0.2", 5060)
                        .ringMillis(500).talkSeconds(3).retransmitInvite(2).retransmitBye(2).rtp(r -> r.disabled()))
                .call(c -> c.label("slow-ack").at(200).caller("carol", "10.7.1.1", 5060).callee("dave", "10.7.1.2", 5060)
                        .ringMillis(500).talkSeconds(3).retransmitOk(2).rtp(r -> r.disabled()))
                .call(c -> c.label("lost-ack").at(400).caller("erin", "10.7.2.1", 5060).callee("frank", "10.7.2.2", 5060)
                        .ringMillis(500).talkSeconds(3).ackLost(2).rtp(r -> r.disabled()))
                .build();
    }

    /**
     * SIP without calls: an OPTIONS ping answered 200, an OPTIONS to a dead host (resent until
     * timer F), a MESSAGE answered 200 and one answered 202, a presence subscription and a
     * message-summary one (SUBSCRIBE, 200, NOTIFYs, unsubscribe, terminating NOTIFY), a REGISTER
     * with a digest challenge and one refused with 403.
     */
    public static Scenario sipNonDialog() {
        return Scenario.builder(112)
                .options(o -> o.label("ping").from(null, "10.8.0.100", 5060).to(null, "10.8.0.2", 5060))
                .options(o -> o.label("ping-dead").at(100).from(null, "10.8.0.100", 5060).to(null, "10.8.0.3", 5060)
                        .noReply())
                .message(m -> m.label("im").at(200).from("alice", "10.8.1.1", 5060).to("bob", "10.8.1.2", 5060)
                        .text("Hello Bob"))
                .message(m -> m.label("im-stored").at(300).from("bob", "10.8.1.2", 5060).to("carol", "10.8.1.3", 5060)
                        .text("See you at ten").reply(202))
                .subscribe(s -> s.label("presence").at(400).subscriber("alice", "10.8.1.1", 5060)
                        .notifier("bob", "10.8.1.2", 5060).event("presence").notifies(2).lastingSeconds(3))
                .subscribe(s -> s.label("mwi").at(500).subscriber("carol", "10.8.1.3", 5060)
                        .notifier("voicemail", "10.8.0.200", 5060).event("message-summary").notifies(1).lastingSeconds(2))
                .register(r -> r.at(600).user("dave", "10.8.1.4", 5060).registrar("10.8.0.100", 5060))
                .register(r -> r.at(700).user("erin", "10.8.1.5", 5060).registrar("10.8.0.100", 5060).reject(403))
                .build();
    }

    /**
     * One call per end state a call list shows, signalling only except the last: completed (the
     * caller hangs up), completed (the callee hangs up), busy 486, busy everywhere 600, not found
     * 404, request timeout 408 after ringing, temporarily unavailable 480, cancelled (CANCEL, 487),
     * service unavailable 503, no response at all (the INVITE resent until timer B), still ringing
     * when the capture ends, and still talking (with RTP) when the capture ends.
     */
    public static Scenario callStates() {
        return Scenario.builder(113)
                .call(c -> c.label("completed-by-caller").caller("a1", "10.9.0.1", 5060).callee("b1", "10.9.1.1", 5060)
                        .ringMillis(600).talkSeconds(2).rtp(r -> r.disabled()))
                .call(c -> c.label("completed-by-callee").at(100).caller("a2", "10.9.0.2", 5060)
                        .callee("b2", "10.9.1.2", 5060).ringMillis(600).talkSeconds(2).hangupByCallee()
                        .rtp(r -> r.disabled()))
                .call(c -> c.label("busy-486").at(200).caller("a3", "10.9.0.3", 5060).callee("b3", "10.9.1.3", 5060)
                        .ringMillis(300).reject(486))
                .call(c -> c.label("busy-600").at(300).caller("a4", "10.9.0.4", 5060).callee("b4", "10.9.1.4", 5060)
                        .reject(600))
                .call(c -> c.label("not-found-404").at(400).caller("a5", "10.9.0.5", 5060).callee("b5", "10.9.1.5", 5060)
                        .reject(404))
                .call(c -> c.label("timeout-408").at(500).caller("a6", "10.9.0.6", 5060).callee("b6", "10.9.1.6", 5060)
                        .ringMillis(3000).reject(408))
                .call(c -> c.label("unavailable-480").at(600).caller("a7", "10.9.0.7", 5060)
                        .callee("b7", "10.9.1.7", 5060).ringMillis(1000).reject(480))
                .call(c -> c.label("cancelled-487").at(700).caller("a8", "10.9.0.8", 5060).callee("b8", "10.9.1.8", 5060)
                        .ringMillis(1500).cancel())
                .call(c -> c.label("unavailable-503").at(800).caller("a9", "10.9.0.9", 5060)
                        .callee("b9", "10.9.1.9", 5060).reject(503))
                .call(c -> c.label("no-response").at(900).caller("a10", "10.9.0.10", 5060)
                        .callee("b10", "10.9.1.10", 5060).timeout())
                .call(c -> c.label("ringing-at-end").at(31000).caller("a11", "10.9.0.11", 5060)
                        .callee("b11", "10.9.1.11", 5060).ringMillis(4000).ringingAtEnd())
                .call(c -> c.label("in-call-at-end").at(32000).caller("a12", "10.9.0.12", 5060)
                        .callee("b12", "10.9.1.12", 5060).ringMillis(500).talkSeconds(2).inCallAtEnd())
                .build();
    }
}
