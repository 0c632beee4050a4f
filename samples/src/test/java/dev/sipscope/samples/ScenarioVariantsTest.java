package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new scenario items in other shapes than the committed samples: IPv6, VLAN, more forks, no media. */
class ScenarioVariantsTest {

    private static Scenario variants() {
        return Scenario.builder(21)
                .forkedCall(f -> f.label("v6-fork").caller("alice", "2001:db8::1", 5060).proxy("2001:db8::100", 5060)
                        .callee("bob").fork("2001:db8::2", 5060).fork("2001:db8::3", 5060).fork("2001:db8::4", 5060)
                        .answeredBy(2).ringMillis(400).talkSeconds(0.5))
                .transfer(t -> t.label("v6-xfer").at(50).transferee("carol", "2001:db8:1::1", 5060)
                        .transferor("dave", "2001:db8:1::2", 5060).target("erin", "2001:db8:1::3", 5060).attended()
                        .ringMillis(0).noMedia())
                .b2bua(b -> b.label("vlan-sbc").at(100).caller("fay", "10.0.0.1", 5060).b2bua("10.0.0.100", 5060)
                        .callee("gus", "10.0.0.2", 5060).vlan(7).ringMillis(0).noMedia())
                .call(c -> c.label("ws-up").at(150).caller("hal", "10.0.1.1", 5060).callee("ivy", "10.0.1.2", 8088)
                        .transport(Transport.WS).coalesceProvisional().inCallAtEnd().talkSeconds(0.5))
                .call(c -> c.label("tcp-ringing").at(200).caller("jo", "10.0.2.1", 5060).callee("kay", "10.0.2.2", 5060)
                        .transport(Transport.TCP).prack().earlyMedia().ringMillis(700).ringingAtEnd())
                .subscribe(s -> s.label("v6-mwi").at(250).subscriber("lu", "2001:db8:2::1", 5060)
                        .notifier("vm", "2001:db8:2::2", 5060).event("message-summary").notifies(3))
                .build();
    }

    @Test
    void variantsKeepTheTruthConsistentWithTheBytes() throws Exception {
        Scenario.Generated g = variants().generate();
        List<SipTruthCheck.Pair> all = Ladders.read(g);
        CallTruth fork = g.truth().call("v6-fork");
        assertThat(fork.dialogs()).hasSize(3);
        assertThat(fork.calleeSip().toString()).isEqualTo("[2001:db8::4]:5060");
        assertThat(Ladders.all(Ladders.of(all, fork.callId()), "487 INVITE")).hasSize(2);
        assertThat(Ladders.first(Ladders.of(all, fork.callId()), "ACK").view().header("Route"))
                .isEqualTo("<sip:[2001:db8::100]:5060;lr>");
        CallTruth fresh = g.truth().call("v6-xfer/new");
        assertThat(Ladders.of(all, fresh.callId()).get(0).view().header("Replaces")).isNotNull();
        assertThat(g.truth().call("v6-xfer/original").streams()).isEmpty();
        List<WireCheck.Packet> packets = WireCheck.parseAll(g.frames());
        long tagged = packets.stream().filter(p -> p.vlan() == 7).count();
        assertThat(tagged).isEqualTo(g.truth().call("vlan-sbc/a").messages().size()
                + g.truth().call("vlan-sbc/b").messages().size());
        CallTruth ws = g.truth().call("ws-up");
        assertThat(ws.state()).isEqualTo(CallState.IN_CALL);
        assertThat(ws.messages().get(1).frames()).isEqualTo(ws.messages().get(2).frames()); // 100 and 180 in one segment
        CallTruth tcp = g.truth().call("tcp-ringing");
        assertThat(tcp.state()).isEqualTo(CallState.SETUP);
        assertThat(tcp.messages()).extracting(Ladders::label).containsExactly("INVITE", "100 INVITE", "183 INVITE",
                "PRACK", "200 PRACK");
        assertThat(tcp.streams()).hasSize(1); // ringback only
        // neither connection is closed: both calls are still going when the capture ends
        assertThat(packets.stream().filter(p -> p.protocol() == 6 && (p.tcpFlags() & 0x01) != 0)).isEmpty();
        assertThat(g.truth().exchange("v6-mwi").transactions()).hasSize(6);
    }

    @Test
    void variantsAreDeterministic() throws Exception {
        List<Frame> a = variants().generate().frames();
        List<Frame> b = variants().generate().frames();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).sameAs(b.get(i))).as("frame %d", i + 1).isTrue();
        }
    }
}
