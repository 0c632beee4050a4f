package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.capture.Frame;
import dev.sipscope.samples.rtp.Codec;
import dev.sipscope.samples.rtp.StreamTruth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTest {

    static List<String> samples() {
        return SampleCaptures.names();
    }

    private static List<String> firstLines(CallTruth c) {
        return c.messages().stream().map(m -> m.firstLine().startsWith("SIP/2.0")
                ? m.firstLine().split(" ")[1] + " " + m.method() : m.firstLine().split(" ")[0]).collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyFrameParsesWithValidChecksumsAndEverySipMessageMatchesTheTruth(String name) throws Exception {
        Scenario.Generated g = SampleCaptures.scenario(name).generate();
        List<Frame> frames = g.frames();
        assertThat(frames).hasSize((int) g.truth().frames());
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).timestampNanos()).isGreaterThanOrEqualTo(frames.get(i - 1).timestampNanos());
        }
        SipTruthCheck.verify(g);
        for (StreamTruth s : g.truth().allStreams()) {
            assertThat(s.lost() + s.unique()).isEqualTo(s.expected());
            assertThat(s.duplicates()).isEqualTo(s.captured() - s.unique());
            assertThat(s.arrivals()).hasSize((int) s.captured());
        }
    }

    @Test
    void answeredCallFollowsTheRfc3261Ladder() throws Exception {
        Scenario.Generated g = SampleCaptures.callUdpG711().generate();
        CallTruth c = g.truth().call("g711");
        assertThat(firstLines(c)).containsExactly("INVITE", "100 INVITE", "180 INVITE", "200 INVITE", "ACK", "BYE",
                "200 BYE");
        List<SipView> msgs = CaptureReader.sipMessages(g.frames()).stream().map(m -> SipView.parse(m.bytes())).toList();
        SipView invite = msgs.get(0);
        assertThat(invite.header("Via")).startsWith("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK");
        assertThat(invite.header("Max-Forwards")).isEqualTo("70");
        assertThat(invite.param("From", "tag")).isEqualTo(c.fromTag());
        assertThat(invite.header("To")).isEqualTo("<sip:bob@10.0.0.2>");
        assertThat(invite.header("Call-ID")).isEqualTo(c.callId());
        assertThat(invite.header("Contact")).isEqualTo("<sip:alice@10.0.0.1:5060>");
        assertThat(invite.header("User-Agent")).isNotBlank();
        assertThat(invite.header("Content-Type")).isEqualTo("application/sdp");
        assertThat(invite.sdp("v=")).isEqualTo("v=0");
        assertThat(invite.sdp("o=")).matches("o=alice \\d+ \\d+ IN IP4 10\\.0\\.0\\.1");
        assertThat(invite.sdp("c=")).isEqualTo("c=IN IP4 10.0.0.1");
        assertThat(invite.sdp("m=")).isEqualTo("m=audio 40000 RTP/AVP 0 101");
        assertThat(invite.body()).contains("a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:101 telephone-event/8000\r\n",
                "a=ptime:20\r\n", "a=sendrecv\r\n");
        String branch = invite.param("Via", "branch");
        String cseq = invite.header("CSeq");
        for (int i = 1; i <= 3; i++) {
            SipView r = msgs.get(i);
            assertThat(r.param("Via", "branch")).isEqualTo(branch);
            assertThat(r.param("Via", "rport")).isEqualTo("5060");
            assertThat(r.param("Via", "received")).isEqualTo("10.0.0.1");
            assertThat(r.header("CSeq")).isEqualTo(cseq);
            assertThat(r.param("To", "tag")).isEqualTo(i == 1 ? null : c.toTag());
        }
        SipView ok = msgs.get(3);
        assertThat(ok.sdp("m=")).isEqualTo("m=audio 50000 RTP/AVP 0 101");
        assertThat(ok.header("Contact")).isEqualTo("<sip:bob@10.0.0.2:5060>");
        SipView ack = msgs.get(4);
        assertThat(ack.param("Via", "branch")).startsWith("z9hG4bK").isNotEqualTo(branch);
        assertThat(ack.header("CSeq")).isEqualTo(cseq.split(" ")[0] + " ACK");
        SipView bye = msgs.get(5);
        assertThat(Long.parseLong(bye.header("CSeq").split(" ")[0])).isEqualTo(Long.parseLong(cseq.split(" ")[0]) + 1);
        assertThat(bye.param("To", "tag")).isEqualTo(c.toTag());
        assertThat(msgs).extracting(m -> m.header("Call-ID")).containsOnly(c.callId());

        assertThat(c.streams()).hasSize(2);
        StreamTruth fromCaller = c.streams().get(0);
        StreamTruth fromCallee = c.streams().get(1);
        assertThat(fromCaller.src().toString()).isEqualTo("10.0.0.1:40000");
        assertThat(fromCaller.dst().toString()).isEqualTo("10.0.0.2:50000");
        assertThat(fromCallee.src().toString()).isEqualTo("10.0.0.2:50000");
        assertThat(fromCaller.sent()).isEqualTo(500);
        assertThat(fromCallee.sent()).isBetween(500L, 502L); // the callee talks until the BYE reaches it
        for (StreamTruth s : c.streams()) {
            assertThat(s.captured()).isEqualTo(s.sent());
            assertThat(s.firstArrivalNanos()).isGreaterThan(c.answerNanos());
            assertThat(s.lastArrivalNanos()).isLessThanOrEqualTo(c.endNanos());
        }
        assertThat(c.answerNanos() - c.ringingNanos()).isEqualTo(3_000_000_000L);
        assertThat(c.byeNanos() - c.answerNanos()).isEqualTo(10_000_000_000L);
        assertThat(c.rtcp()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void rejectedCancelledAndTimedOutCallsHaveTheirOwnLadders() throws Exception {
        Scenario s = Scenario.builder(5)
                .call(c -> c.label("busy").caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060).ringMillis(500).reject(486))
                .call(c -> c.label("notfound").caller("c", "10.0.0.3", 5060).callee("d", "10.0.0.4", 5060).reject(404))
                .call(c -> c.label("cancel").caller("e", "10.0.0.5", 5060).callee("f", "10.0.0.6", 5060).ringMillis(1000).cancel())
                .call(c -> c.label("timeout").caller("g", "10.0.0.7", 5060).callee("h", "10.0.0.8", 5060).timeout())
                .build();
        Scenario.Generated g = s.generate();
        assertThat(firstLines(g.truth().call("busy"))).containsExactly("INVITE", "100 INVITE", "180 INVITE", "486 INVITE", "ACK");
        assertThat(firstLines(g.truth().call("notfound"))).containsExactly("INVITE", "100 INVITE", "404 INVITE", "ACK");
        assertThat(firstLines(g.truth().call("cancel"))).containsExactly("INVITE", "100 INVITE", "180 INVITE", "CANCEL",
                "200 CANCEL", "487 INVITE", "ACK");
        CallTruth timeout = g.truth().call("timeout");
        assertThat(firstLines(timeout)).containsOnly("INVITE").hasSize(7);
        long t0 = timeout.inviteNanos();
        assertThat(timeout.messages()).extracting(m -> (m.tsNanos() - t0) / 1_000_000)
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(timeout.messages().subList(1, 7)).allMatch(SipMessageTruth::retransmission);
        for (CallTruth c : g.truth().calls()) {
            assertThat(c.streams()).isEmpty();
        }

        List<SipView> msgs = CaptureReader.sipMessages(g.frames()).stream().map(m -> SipView.parse(m.bytes())).toList();
        String cancelCallId = g.truth().call("cancel").callId();
        List<SipView> cancelFlow = msgs.stream().filter(m -> cancelCallId.equals(m.header("Call-ID"))).toList();
        String inviteBranch = cancelFlow.get(0).param("Via", "branch");
        assertThat(cancelFlow.get(3).param("Via", "branch")).isEqualTo(inviteBranch); // CANCEL (RFC 3261 9.1)
        assertThat(cancelFlow.get(6).param("Via", "branch")).isEqualTo(inviteBranch); // ACK of the 487 (17.1.1.3)
        assertThat(cancelFlow.get(3).header("To")).doesNotContain("tag=");
        assertThat(cancelFlow.get(6).param("To", "tag")).isEqualTo(g.truth().call("cancel").toTag());
    }

    @Test
    void retransmissionsAreIdenticalAndFollowTimerT1() throws Exception {
        Scenario.Generated g = Scenario.builder(6)
                .call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060).talkSeconds(2)
                        .retransmitInvite(2).retransmitOk(1).retransmitBye(1))
                .build().generate();
        CallTruth c = g.truth().calls().get(0);
        assertThat(firstLines(c)).containsExactly("INVITE", "INVITE", "INVITE", "100 INVITE", "180 INVITE", "200 INVITE",
                "200 INVITE", "ACK", "BYE", "BYE", "200 BYE");
        List<CaptureReader.Message> wire = CaptureReader.sipMessages(g.frames());
        assertThat(wire.get(1).bytes()).isEqualTo(wire.get(0).bytes());
        assertThat(wire.get(2).bytes()).isEqualTo(wire.get(0).bytes());
        assertThat(wire.get(6).bytes()).isEqualTo(wire.get(5).bytes());
        assertThat(wire.get(9).bytes()).isEqualTo(wire.get(8).bytes());
        List<SipMessageTruth> m = c.messages();
        assertThat(m.get(1).tsNanos() - m.get(0).tsNanos()).isEqualTo(500_000_000L);
        assertThat(m.get(2).tsNanos() - m.get(1).tsNanos()).isEqualTo(1_000_000_000L);
        assertThat(m.get(6).tsNanos() - m.get(5).tsNanos()).isEqualTo(500_000_000L);
        assertThat(m.get(9).tsNanos() - m.get(8).tsNanos()).isEqualTo(500_000_000L);
        assertThat(m).extracting(SipMessageTruth::retransmission)
                .containsExactly(false, true, true, false, false, false, true, false, false, true, false);
    }

    @Test
    void holdStopsTheCalleeStreamUntilTheResume() throws Exception {
        Scenario.Generated g = Scenario.builder(7)
                .call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060).talkSeconds(6).hold(2, 2))
                .build().generate();
        CallTruth c = g.truth().calls().get(0);
        assertThat(firstLines(c)).containsExactly("INVITE", "100 INVITE", "180 INVITE", "200 INVITE", "ACK",
                "INVITE", "200 INVITE", "ACK", "INVITE", "200 INVITE", "ACK", "BYE", "200 BYE");
        List<SipView> msgs = CaptureReader.sipMessages(g.frames()).stream().map(m -> SipView.parse(m.bytes())).toList();
        assertThat(msgs.get(5).body()).contains("a=sendonly");
        assertThat(msgs.get(6).body()).contains("a=recvonly");
        assertThat(msgs.get(8).body()).contains("a=sendrecv");
        long v0 = Long.parseLong(msgs.get(0).sdp("o=").split(" ")[2]);
        assertThat(Long.parseLong(msgs.get(5).sdp("o=").split(" ")[2])).isEqualTo(v0 + 1);
        assertThat(Long.parseLong(msgs.get(8).sdp("o=").split(" ")[2])).isEqualTo(v0 + 2);
        assertThat(c.holds()).hasSize(1);
        long from = c.holds().get(0).fromNanos();
        long to = c.holds().get(0).toNanos();
        StreamTruth callee = c.streams().get(1);
        StreamTruth caller = c.streams().get(0);
        long silentAtCallee = callee.arrivals().stream()
                .filter(a -> a.arrivalNanos() > from + 100_000_000L && a.arrivalNanos() < to).count();
        assertThat(silentAtCallee).isZero();
        assertThat(caller.arrivals().stream().filter(a -> a.arrivalNanos() > from && a.arrivalNanos() < to).count())
                .isGreaterThan(90);
        assertThat(callee.markers()).isEqualTo(2); // first packet and the first after the resume
        assertThat(callee.lost()).isZero();
    }

    @Test
    void tcpCallSplitsTheInviteAndCoalescesTheProvisionals() throws Exception {
        Scenario.Generated g = SampleCaptures.callTcp().generate();
        CallTruth c = g.truth().call("tcp");
        assertThat(c.transport()).isEqualTo(Transport.TCP);
        SipMessageTruth invite = c.messages().get(0);
        SipMessageTruth trying = c.messages().get(1);
        SipMessageTruth ringing = c.messages().get(2);
        assertThat(invite.frames()).hasSize(2);
        assertThat(trying.frames()).hasSize(1).isEqualTo(ringing.frames());
        List<CaptureReader.Message> wire = CaptureReader.sipMessages(g.frames());
        assertThat(wire).hasSize(7).allMatch(CaptureReader.Message::tcp);
        assertThat(new String(wire.get(0).bytes(), StandardCharsets.UTF_8)).contains("Via: SIP/2.0/TCP 10.0.0.1:5060;rport;");
        SipView tryingView = SipView.parse(wire.get(1).bytes());
        assertThat(tryingView.param("Via", "rport")).isEqualTo(String.valueOf(wire.get(0).srcPort()));
        List<WireCheck.Packet> tcp = WireCheck.parseAll(g.frames()).stream().filter(p -> p.protocol() == 6).toList();
        assertThat(tcp.get(0).tcpFlags()).isEqualTo(0x02);
        assertThat(tcp.get(1).tcpFlags()).isEqualTo(0x12);
        assertThat(tcp.stream().filter(p -> (p.tcpFlags() & 0x01) != 0).count()).isEqualTo(2);
    }

    @Test
    void registrationCarriesAVerifiableDigest() throws Exception {
        Scenario.Generated g = Scenario.builder(8)
                .register(r -> r.user("alice", "10.0.0.1", 5060).registrar("10.0.0.254", 5060).password("pw"))
                .build().generate();
        List<SipView> msgs = CaptureReader.sipMessages(g.frames()).stream().map(m -> SipView.parse(m.bytes())).toList();
        assertThat(msgs).extracting(SipView::firstLine).containsExactly("REGISTER sip:10.0.0.254 SIP/2.0",
                "SIP/2.0 401 Unauthorized", "REGISTER sip:10.0.0.254 SIP/2.0", "SIP/2.0 200 OK");
        String challenge = msgs.get(1).header("WWW-Authenticate");
        String nonce = challenge.replaceAll(".*nonce=\"([0-9a-f]+)\".*", "$1");
        String auth = msgs.get(2).header("Authorization");
        String cnonce = auth.replaceAll(".*cnonce=\"([0-9a-f]+)\".*", "$1");
        String response = auth.replaceAll(".*response=\"([0-9a-f]+)\".*", "$1");
        String ha1 = md5("alice:sipscope.test:pw");
        String ha2 = md5("REGISTER:sip:10.0.0.254");
        assertThat(response).isEqualTo(md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2));
        assertThat(msgs.get(3).header("Contact")).isEqualTo("<sip:alice@10.0.0.1:5060>;expires=3600");
        assertThat(g.truth().registrations().get(0).finalStatus()).isEqualTo(200);
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mixedSampleCoversIpv6VlanFragmentsWrapNatAndEarlyMedia() throws Exception {
        Scenario.Generated g = SampleCaptures.callsMixed().generate();
        ScenarioTruth t = g.truth();
        List<WireCheck.Packet> packets = WireCheck.parseAll(g.frames());
        assertThat(t.call("ipv6").callerSip().ip().isV6()).isTrue();
        assertThat(packets.stream().filter(p -> p.ipVersion() == 6).count())
                .isEqualTo(t.call("ipv6").messages().size() + t.call("ipv6").streams().stream().mapToLong(StreamTruth::captured).sum());
        CallTruth vlan = t.call("vlan");
        long tagged = packets.stream().filter(p -> p.vlan() == 42).count();
        assertThat(tagged).isEqualTo(vlan.messages().size() + vlan.streams().stream().mapToLong(StreamTruth::captured).sum());
        assertThat(t.call("fragmented").messages().get(0).frames()).hasSize(2);
        assertThat(t.call("fragmented").messages().get(0).bytes()).isGreaterThan(1472);
        assertThat(t.call("seq-wrap").streams().get(0).maxExtSeq()).isGreaterThan(65535);
        StreamTruth lossy = t.call("lossy").streams().get(0);
        assertThat(lossy.lost()).isPositive();
        assertThat(lossy.jitterMillis()).isGreaterThan(10);
        assertThat(t.call("busy").finalStatus()).isEqualTo(486);
        assertThat(t.call("cancelled").outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(t.call("unavailable").finalStatus()).isEqualTo(503);
        assertThat(t.call("dtmf-hold").streams().get(0).dtmf()).hasSize(3);
        assertThat(t.registrations()).hasSize(1);
        assertThat(t.call("nat").callerNat()).isNotNull();
        assertThat(t.call("nat").streams().get(0).src().ip().toString()).isEqualTo("203.0.113.9");
        assertThat(t.call("early-media-busy").streams()).hasSize(1);
        // the calls overlap in time
        assertThat(t.call("lossy").inviteNanos()).isLessThan(t.call("answered").endNanos());
    }

    @Test
    void generationIsDeterministicAndTheSeedMatters() throws Exception {
        List<Frame> a = SampleCaptures.callsMixed().generate().frames();
        List<Frame> b = SampleCaptures.callsMixed().generate().frames();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).sameAs(b.get(i))).as("frame %d", i + 1).isTrue();
        }
        Scenario.Builder other = Scenario.builder(999);
        other.call(c -> c.caller("alice", "10.0.1.1", 5060).callee("bob", "10.0.2.1", 5060).ringMillis(1000).talkSeconds(3));
        List<Frame> c = other.build().generate().frames();
        assertThat(c.get(0).sameAs(a.get(0))).isFalse();
    }

    @Test
    void callerBehindNatShowsPrivateAddressesInSipButPublicOnesOnTheWire() throws Exception {
        Scenario.Generated g = Scenario.builder(9)
                .call(c -> c.caller("alice", "192.168.1.10", 5060).callee("bob", "198.51.100.7", 5060)
                        .callerRtpPort(10000).callerBehindNat("203.0.113.5", 40001, 50002).talkSeconds(1))
                .build().generate();
        CallTruth c = g.truth().calls().get(0);
        assertThat(c.callerNat().toString()).isEqualTo("203.0.113.5:40001");
        List<CaptureReader.Message> wire = CaptureReader.sipMessages(g.frames());
        assertThat(wire.get(0).src()).isEqualTo("203.0.113.5");
        assertThat(wire.get(0).srcPort()).isEqualTo(40001);
        SipView invite = SipView.parse(wire.get(0).bytes());
        assertThat(invite.header("Via")).startsWith("SIP/2.0/UDP 192.168.1.10:5060;rport;");
        assertThat(invite.header("Contact")).isEqualTo("<sip:alice@192.168.1.10:5060>");
        assertThat(invite.sdp("c=")).isEqualTo("c=IN IP4 192.168.1.10");
        assertThat(invite.sdp("m=")).startsWith("m=audio 10000 ");
        SipView trying = SipView.parse(wire.get(1).bytes());
        assertThat(trying.param("Via", "rport")).isEqualTo("40001");
        assertThat(trying.param("Via", "received")).isEqualTo("203.0.113.5");
        StreamTruth fromCaller = c.streams().get(0);
        StreamTruth toCaller = c.streams().get(1);
        assertThat(fromCaller.src().toString()).isEqualTo("203.0.113.5:50002");
        assertThat(toCaller.dst().toString()).isEqualTo("203.0.113.5:50002");
        assertThat(fromCaller.captured()).isPositive();
    }

    @Test
    void earlyMediaStreamsRingbackBeforeTheAnswer() throws Exception {
        Scenario.Generated g = Scenario.builder(10)
                .call(c -> c.label("answered").caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060)
                        .earlyMedia().ringMillis(2000).talkSeconds(2))
                .call(c -> c.label("busy").caller("c", "10.0.0.3", 5060).callee("d", "10.0.0.4", 5060)
                        .earlyMedia().ringMillis(1000).reject(486))
                .build().generate();
        CallTruth answered = g.truth().call("answered");
        assertThat(firstLines(answered)).containsExactly("INVITE", "100 INVITE", "183 INVITE", "200 INVITE", "ACK", "BYE",
                "200 BYE");
        assertThat(answered.earlyMedia()).isTrue();
        StreamTruth ringback = answered.streams().get(1);
        assertThat(ringback.firstArrivalNanos()).isLessThan(answered.answerNanos());
        assertThat(ringback.sent()).isBetween(195L, 205L); // 2 s before the answer and 2 s after
        assertThat(answered.streams().get(0).firstArrivalNanos()).isGreaterThan(answered.answerNanos());
        CallTruth busy = g.truth().call("busy");
        assertThat(busy.streams()).hasSize(1);
        assertThat(busy.streams().get(0).sent()).isBetween(45L, 51L);
        assertThat(busy.streams().get(0).lastArrivalNanos()).isLessThan(busy.endNanos());
        List<SipView> msgs = CaptureReader.sipMessages(g.frames()).stream().map(m -> SipView.parse(m.bytes())).toList();
        SipView progress = msgs.stream().filter(m -> m.status() == 183).findFirst().orElseThrow();
        assertThat(progress.header("Content-Type")).isEqualTo("application/sdp");
        assertThat(progress.param("To", "tag")).isNotNull();
    }

    @Test
    void badDescriptionsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callee");
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060)
                .callee("b", "2001:db8::1", 5060)).build()).hasMessageContaining("IP families");
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060)
                .callee("b", "10.0.0.2", 5060).transport(Transport.TCP).retransmitInvite(1)).build())
                .hasMessageContaining("TCP");
        assertThatThrownBy(() -> new CallBuilder().reject(200)).hasMessageContaining("3xx-6xx");
        assertThatThrownBy(() -> new CallBuilder().codec(Codec.GSM).rtp(r -> r.ptime(30)).caller("a", "10.0.0.1", 5060)
                .callee("b", "10.0.0.2", 5060).validate()).hasMessageContaining("packet time");
    }
}
