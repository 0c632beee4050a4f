package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransferTest {

    @Test
    void blindTransferRefersNotifiesAndPlacesANewCallCarryingReferredBy() throws Exception {
        Scenario.Generated g = SampleCaptures.callTransfer().generate();
        List<SipTruthCheck.Pair> all = Ladders.read(g);
        CallTruth original = g.truth().call("blind/original");
        CallTruth fresh = g.truth().call("blind/new");
        assertThat(original.role()).isEqualTo("transfer-original");
        assertThat(fresh.role()).isEqualTo("transfer-new");
        assertThat(fresh.callId()).isNotEqualTo(original.callId());

        List<SipTruthCheck.Pair> first = Ladders.of(all, original.callId());
        assertThat(first).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "100 INVITE", "180 INVITE",
                "200 INVITE", "ACK", "REFER", "202 REFER", "NOTIFY", "200 NOTIFY", "NOTIFY", "200 NOTIFY", "BYE", "200 BYE");
        SipView refer = Ladders.first(first, "REFER").view();
        assertThat(refer.firstLine()).isEqualTo("REFER sip:alice@10.2.0.1:5060 SIP/2.0");
        assertThat(refer.header("Refer-To")).isEqualTo("<sip:carol@10.2.0.3:5060>");
        assertThat(refer.header("Referred-By")).isEqualTo("<sip:bob@10.2.0.2>");
        assertThat(refer.header("Contact")).isEqualTo("<sip:bob@10.2.0.2:5060>");
        // the transferor answered the original call, so its REFER goes From its tag To the transferee's
        assertThat(SipView.tagOf(refer.header("From"))).isEqualTo(original.toTag());
        assertThat(SipView.tagOf(refer.header("To"))).isEqualTo(original.fromTag());
        List<SipTruthCheck.Pair> notifies = Ladders.all(first, "NOTIFY");
        assertThat(notifies.get(0).view().header("Event")).isEqualTo("refer");
        assertThat(notifies.get(0).view().header("Subscription-State")).isEqualTo("active;expires=60");
        assertThat(notifies.get(0).view().header("Content-Type")).isEqualTo("message/sipfrag;version=2.0");
        assertThat(notifies.get(0).view().body()).isEqualTo("SIP/2.0 100 Trying\r\n");
        assertThat(notifies.get(1).view().body()).isEqualTo("SIP/2.0 200 OK\r\n");
        assertThat(notifies.get(1).view().header("Subscription-State")).startsWith("terminated");
        assertThat(notifies.get(1).view().cseqNumber()).isEqualTo(notifies.get(0).view().cseqNumber() + 1);
        for (SipTruthCheck.Pair p : first.subList(5, first.size())) {
            assertThat(p.truth().dialog()).isSameAs(original.dialogs().get(0));
        }
        assertThat(original.dialogs().get(0).endedBy()).isEqualTo("bob");
        assertThat(original.hangupBy()).isEqualTo("bob");

        List<SipTruthCheck.Pair> second = Ladders.of(all, fresh.callId());
        SipView invite = second.get(0).view();
        assertThat(invite.firstLine()).isEqualTo("INVITE sip:carol@10.2.0.3:5060 SIP/2.0");
        assertThat(invite.header("Referred-By")).isEqualTo("<sip:bob@10.2.0.2>");
        assertThat(invite.header("Replaces")).isNull();
        assertThat(second.get(0).truth().tsNanos()).isGreaterThan(notifies.get(0).truth().tsNanos());
        assertThat(second.get(0).truth().tsNanos()).isLessThan(notifies.get(1).truth().tsNanos());
        assertThat(fresh.state()).isEqualTo(CallState.COMPLETED);
        assertThat(fresh.streams()).hasSize(2);

        CallLink link = new CallLink(CallLink.Kind.TRANSFER, original.callId(), fresh.callId(), "Referred-By");
        assertThat(original.links()).containsExactly(link);
        assertThat(fresh.links()).containsExactly(link);
        assertThat(g.truth().links()).contains(link);
    }

    @Test
    void attendedTransferReplacesTheConsultationCall() throws Exception {
        Scenario.Generated g = SampleCaptures.callTransfer().generate();
        List<SipTruthCheck.Pair> all = Ladders.read(g);
        CallTruth original = g.truth().call("attended/original");
        CallTruth consultation = g.truth().call("attended/consultation");
        CallTruth fresh = g.truth().call("attended/new");
        assertThat(consultation.callerUser()).isEqualTo("erin");
        assertThat(consultation.calleeUser()).isEqualTo("frank");

        SipView refer = Ladders.first(Ladders.of(all, original.callId()), "REFER").view();
        String escaped = consultation.callId().replace("@", "%40");
        assertThat(refer.header("Refer-To")).isEqualTo("<sip:frank@10.2.1.3:5060?Replaces=" + escaped
                + "%3Bto-tag%3D" + consultation.toTag() + "%3Bfrom-tag%3D" + consultation.fromTag() + ">");

        List<SipTruthCheck.Pair> third = Ladders.of(all, fresh.callId());
        assertThat(third).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "100 INVITE", "200 INVITE",
                "ACK", "BYE", "200 BYE");
        SipView invite = third.get(0).view();
        // RFC 3891 section 3: to-tag is the recipient's own tag in the replaced dialog, from-tag the other side's
        assertThat(invite.header("Replaces")).isEqualTo(consultation.callId() + ";to-tag=" + consultation.toTag()
                + ";from-tag=" + consultation.fromTag());
        assertThat(invite.header("Referred-By")).isEqualTo("<sip:erin@10.2.1.2>");

        List<SipTruthCheck.Pair> consult = Ladders.of(all, consultation.callId());
        SipTruthCheck.Pair bye = Ladders.first(consult, "BYE");
        assertThat(bye.truth().src().ip().toString()).isEqualTo("10.2.1.3"); // the target ends the replaced call
        assertThat(bye.truth().tsNanos()).isGreaterThan(fresh.answerNanos());
        assertThat(consultation.hangupBy()).isEqualTo("frank");
        assertThat(consultation.role()).isEqualTo("transfer-consultation");

        assertThat(fresh.links()).containsExactlyInAnyOrder(
                new CallLink(CallLink.Kind.REPLACES, consultation.callId(), fresh.callId(), "Replaces"),
                new CallLink(CallLink.Kind.TRANSFER, original.callId(), fresh.callId(), "Referred-By"));
        assertThat(g.truth().calls()).filteredOn(c -> c.label().startsWith("attended/")).hasSize(3);
    }

    @Test
    void transferDescriptionsAreChecked() {
        assertThatThrownBy(() -> Scenario.builder(1).transfer(t -> t.transferee("a", "10.0.0.1", 5060)
                .transferor("b", "10.0.0.2", 5060)).build()).hasMessageContaining("target");
        assertThatThrownBy(() -> Scenario.builder(1).transfer(t -> t.transferee("a", "10.0.0.1", 5060)
                .transferor("b", "10.0.0.2", 5060).target("c", "2001:db8::3", 5060)).build())
                .hasMessageContaining("IP family");
    }
}
