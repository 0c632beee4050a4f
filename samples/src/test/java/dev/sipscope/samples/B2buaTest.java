package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.samples.rtp.StreamTruth;
import java.util.List;
import org.junit.jupiter.api.Test;

class B2buaTest {

    @Test
    void legBNamesLegAInAHeader() throws Exception {
        Scenario.Generated g = SampleCaptures.b2buaXCallId().generate();
        List<SipTruthCheck.Pair> all = Ladders.read(g);
        for (String[] c : new String[][] {{"xcallid", "X-Call-ID"}, {"xcid", "X-CID"}}) {
            CallTruth a = g.truth().call(c[0] + "/a");
            CallTruth b = g.truth().call(c[0] + "/b");
            assertThat(a.role()).isEqualTo("b2bua-leg-a");
            assertThat(b.role()).isEqualTo("b2bua-leg-b");
            assertThat(b.callId()).isNotEqualTo(a.callId());
            assertThat(b.fromTag()).isNotEqualTo(a.fromTag());
            List<SipTruthCheck.Pair> legA = Ladders.of(all, a.callId());
            List<SipTruthCheck.Pair> legB = Ladders.of(all, b.callId());
            assertThat(legA).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "100 INVITE",
                    "180 INVITE", "200 INVITE", "ACK", "BYE", "200 BYE");
            assertThat(legB).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "100 INVITE",
                    "180 INVITE", "200 INVITE", "ACK", "BYE", "200 BYE");
            assertThat(legB.get(0).view().header(c[1])).isEqualTo(a.callId());
            assertThat(legA.get(0).view().header(c[1])).isNull();
            // leg B starts after leg A's INVITE and is answered before leg A
            assertThat(b.inviteNanos()).isGreaterThan(a.inviteNanos());
            assertThat(b.answerNanos()).isLessThan(a.answerNanos());
            CallLink link = new CallLink(CallLink.Kind.B2BUA, a.callId(), b.callId(), c[1]);
            assertThat(a.links()).containsExactly(link);
            assertThat(b.links()).containsExactly(link);
        }
        // "xcid" passes the SDP through: the phones talk directly, listed under leg A
        CallTruth direct = g.truth().call("xcid/a");
        SipView offerB = Ladders.of(all, g.truth().call("xcid/b").callId()).get(0).view();
        assertThat(offerB.sdp("c=")).isEqualTo("c=IN IP4 10.3.1.1");
        assertThat(direct.streams()).extracting(s -> s.src().ip().toString()).containsExactly("10.3.1.1", "10.3.1.2");
        assertThat(g.truth().call("xcid/b").streams()).isEmpty();
    }

    @Test
    void anchoredMediaTiesTheLegsWithoutAHeader() throws Exception {
        Scenario.Generated g = SampleCaptures.b2buaSdp().generate();
        List<SipTruthCheck.Pair> all = Ladders.read(g);
        for (String label : new String[] {"shared-port", "two-ports"}) {
            CallTruth a = g.truth().call(label + "/a");
            CallTruth b = g.truth().call(label + "/b");
            List<SipTruthCheck.Pair> legA = Ladders.of(all, a.callId());
            List<SipTruthCheck.Pair> legB = Ladders.of(all, b.callId());
            assertThat(legB.get(0).view().header("X-Call-ID")).isNull();
            SipView answerA = Ladders.first(legA, "200 INVITE").view();
            SipView offerB = legB.get(0).view();
            assertThat(answerA.sdp("c=")).isEqualTo("c=IN IP4 10.4.0.100");
            assertThat(offerB.sdp("c=")).isEqualTo("c=IN IP4 10.4.0.100");
            int portA = Integer.parseInt(answerA.sdp("m=").split(" ")[1]);
            int portB = Integer.parseInt(offerB.sdp("m=").split(" ")[1]);
            if (label.equals("shared-port")) {
                assertThat(portA).isEqualTo(portB);
            } else {
                assertThat(portA).isNotEqualTo(portB);
            }
            assertThat(a.links()).containsExactly(new CallLink(CallLink.Kind.B2BUA, a.callId(), b.callId(), "media"));

            // caller -> B2BUA on leg A is relayed B2BUA -> callee on leg B with the same RTP header fields
            StreamTruth up = a.streams().get(0);
            StreamTruth relayed = b.streams().get(0);
            assertThat(up.dst().toString()).isEqualTo("10.4.0.100:" + portA);
            assertThat(relayed.src().toString()).isEqualTo("10.4.0.100:" + portB);
            assertThat(relayed.ssrc()).isEqualTo(up.ssrc());
            assertThat(relayed.spec().startSeq()).isEqualTo(up.spec().startSeq());
            assertThat(relayed.captured()).isEqualTo(up.captured());
            long lag = relayed.firstArrivalNanos() - up.firstArrivalNanos();
            assertThat(lag).isPositive().isLessThan(1_000_000L);
            StreamTruth down = b.streams().get(1);
            StreamTruth back = a.streams().get(1);
            assertThat(back.ssrc()).isEqualTo(down.ssrc());
            assertThat(back.dst()).isEqualTo(up.src());
        }
        assertThat(g.truth().call("unrelated").links()).isEmpty();
        assertThat(g.truth().links()).hasSize(2);
    }

    @Test
    void b2buaDescriptionsAreChecked() {
        assertThatThrownBy(() -> Scenario.builder(1).b2bua(x -> x.caller("a", "10.0.0.1", 5060)
                .callee("b", "10.0.0.2", 5060)).build()).hasMessageContaining("b2bua(");
        assertThatThrownBy(() -> new B2buaBuilder().linkHeader("X-Bad: x")).hasMessageContaining("header name");
        assertThatThrownBy(() -> Scenario.builder(1).b2bua(x -> x.caller("a", "10.0.0.1", 5060)
                .b2bua("10.0.0.9", 5060).callee("b", "10.0.0.2", 5060).directMedia().sharedMediaPort()).build())
                .hasMessageContaining("directMedia");
    }
}
