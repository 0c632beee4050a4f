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
}
