package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForkedCallTest {

    @Test
    void proxyForksAnswersOneBranchAndCancelsTheOther() throws Exception {
        Scenario.Generated g = SampleCaptures.callForked().generate();
        CallTruth call = g.truth().call("fork-cancel");
        List<SipTruthCheck.Pair> ladder = Ladders.of(Ladders.read(g), call.callId());
        assertThat(Ladders.steps(ladder)).containsExactly(
                "INVITE 10.1.0.1>10.1.0.100",
                "100 INVITE 10.1.0.100>10.1.0.1",
                "INVITE 10.1.0.100>10.1.0.2",
                "INVITE 10.1.0.100>10.1.0.3",
                "100 INVITE 10.1.0.2>10.1.0.100",
                "100 INVITE 10.1.0.3>10.1.0.100",
                "180 INVITE 10.1.0.3>10.1.0.100",
                "180 INVITE 10.1.0.100>10.1.0.1",
                "180 INVITE 10.1.0.2>10.1.0.100",
                "180 INVITE 10.1.0.100>10.1.0.1",
                "200 INVITE 10.1.0.2>10.1.0.100",
                "200 INVITE 10.1.0.100>10.1.0.1",
                "CANCEL 10.1.0.100>10.1.0.3",
                "ACK 10.1.0.1>10.1.0.100",
                "ACK 10.1.0.100>10.1.0.2",
                "200 CANCEL 10.1.0.3>10.1.0.100",
                "487 INVITE 10.1.0.3>10.1.0.100",
                "ACK 10.1.0.100>10.1.0.3",
                "BYE 10.1.0.1>10.1.0.100",
                "BYE 10.1.0.100>10.1.0.2",
                "200 BYE 10.1.0.2>10.1.0.100",
                "200 BYE 10.1.0.100>10.1.0.1");

        // two early dialogs with different To tags (the second phone rang first), one confirmed
        assertThat(call.dialogs()).hasSize(2);
        DialogTruth won = ladder.get(10).truth().dialog();
        DialogTruth lost = ladder.get(6).truth().dialog();
        assertThat(g.truth().dialogs()).containsSubsequence(lost, won);
        assertThat(won.toTag()).isEqualTo(call.toTag()).isNotEqualTo(lost.toTag());
        assertThat(won.fromTag()).isEqualTo(lost.fromTag()).isEqualTo(call.fromTag());
        assertThat(won.state()).isEqualTo(DialogTruth.State.TERMINATED);
        assertThat(won.end()).isEqualTo(DialogTruth.End.BYE);
        assertThat(won.confirmedNanos()).isEqualTo(call.answerNanos());
        assertThat(lost.confirmedNanos()).isEqualTo(-1);
        assertThat(lost.earlyNanos()).isPositive();
        assertThat(lost.end()).isEqualTo(DialogTruth.End.FINAL_RESPONSE);
        assertThat(lost.uas().toString()).isEqualTo("10.1.0.3:5060");

        SipView invite = ladder.get(0).view();
        SipView forwarded = ladder.get(2).view();
        assertThat(invite.firstLine()).isEqualTo("INVITE sip:bob@sipscope.test SIP/2.0");
        assertThat(forwarded.firstLine()).isEqualTo("INVITE sip:bob@10.1.0.2:5060 SIP/2.0");
        assertThat(forwarded.all("Via")).hasSize(2);
        assertThat(forwarded.all("Via").get(1)).contains("received=10.1.0.1");
        assertThat(forwarded.header("Max-Forwards")).isEqualTo("69");
        assertThat(forwarded.header("Record-Route")).isEqualTo("<sip:10.1.0.100:5060;lr>");
        assertThat(ladder.get(7).view().header("Record-Route")).isEqualTo("<sip:10.1.0.100:5060;lr>");
        assertThat(ladder.get(7).view().all("Via")).hasSize(1);
        assertThat(SipView.tagOf(ladder.get(9).view().header("To"))).isEqualTo(won.toTag());
        assertThat(SipView.tagOf(ladder.get(7).view().header("To"))).isEqualTo(lost.toTag());

        // the proxy's CANCEL and its ACK of the 487 reuse the branch of its INVITE to that phone
        String branchToLoser = SipView.branchOf(ladder.get(3).view().header("Via"));
        SipView cancel = ladder.get(12).view();
        assertThat(cancel.all("Via")).hasSize(1);
        assertThat(SipView.branchOf(cancel.header("Via"))).isEqualTo(branchToLoser);
        assertThat(cancel.header("To")).doesNotContain("tag=");
        assertThat(cancel.firstLine()).isEqualTo("CANCEL sip:bob@10.1.0.3:5060 SIP/2.0");
        assertThat(SipView.branchOf(ladder.get(17).view().header("Via"))).isEqualTo(branchToLoser);
        assertThat(ladder.get(17).truth().transaction()).isSameAs(ladder.get(3).truth().transaction());
        assertThat(ladder.get(12).truth().transaction().cancels()).isSameAs(ladder.get(3).truth().transaction());

        // end to end requests follow the Route the proxy record-routed; the proxy strips it and adds a Via
        SipView ack = ladder.get(13).view();
        assertThat(ack.firstLine()).isEqualTo("ACK sip:bob@10.1.0.2:5060 SIP/2.0");
        assertThat(ack.header("Route")).isEqualTo("<sip:10.1.0.100:5060;lr>");
        SipView ackForwarded = ladder.get(14).view();
        assertThat(ackForwarded.header("Route")).isNull();
        assertThat(ackForwarded.all("Via")).hasSize(2);
        assertThat(ladder.get(14).truth().transaction().forwardOf()).isSameAs(ladder.get(13).truth().transaction());
        assertThat(ladder.get(2).truth().transaction().forwardOf()).isSameAs(ladder.get(0).truth().transaction());
        assertThat(ladder.get(18).view().cseqNumber()).isEqualTo(invite.cseqNumber() + 1);

        TransactionTruth callerInvite = ladder.get(0).truth().transaction();
        assertThat(callerInvite.provisionalStatuses()).containsExactly(100, 180, 180);
        assertThat(callerInvite.finalStatus()).isEqualTo(200);
        assertThat(call.state()).isEqualTo(CallState.COMPLETED);
        assertThat(call.streams()).hasSize(2);
        assertThat(call.streams().get(1).src().toString()).startsWith("10.1.0.2:");
    }

    @Test
    void secondAnswerIsAcknowledgedAndHungUpWhileTheSilentBranchIsRetransmitted() throws Exception {
        Scenario.Generated g = SampleCaptures.callForked().generate();
        CallTruth call = g.truth().call("fork-two-answers");
        List<SipTruthCheck.Pair> ladder = Ladders.of(Ladders.read(g), call.callId());
        assertThat(call.dialogs()).hasSize(2);
        for (DialogTruth d : call.dialogs()) {
            assertThat(d.confirmedNanos()).isPositive();
            assertThat(d.end()).isEqualTo(DialogTruth.End.BYE);
            assertThat(d.endedBy()).isEqualTo("carol");
        }
        List<SipTruthCheck.Pair> toCaller200 = Ladders.all(ladder, "200 INVITE").stream()
                .filter(p -> p.truth().dst().ip().toString().equals("10.1.1.1")).toList();
        assertThat(toCaller200).hasSize(2);
        assertThat(toCaller200).extracting(p -> SipView.tagOf(p.view().header("To"))).doesNotHaveDuplicates();
        List<SipTruthCheck.Pair> acks = Ladders.all(ladder, "ACK").stream()
                .filter(p -> p.truth().src().ip().toString().equals("10.1.1.1")).toList();
        assertThat(acks).hasSize(2);
        List<SipTruthCheck.Pair> byes = Ladders.all(ladder, "BYE").stream()
                .filter(p -> p.truth().src().ip().toString().equals("10.1.1.1")).toList();
        assertThat(byes).hasSize(2);
        // the BYE for the second answer goes right after its ACK (RFC 3261 13.2.2.4)
        DialogTruth second = byes.get(0).truth().dialog();
        assertThat(second.terminatedNanos() - second.confirmedNanos()).isLessThan(100_000_000L);
        // the branch that answered gets the crossing CANCEL and answers only the CANCEL: no 487
        assertThat(Ladders.all(ladder, "487 INVITE")).isEmpty();
        assertThat(Ladders.all(ladder, "200 CANCEL")).hasSize(1);
        // the silent phone: the proxy resends its INVITE by timer A (0.5, 1, 2, 4, 8, 16 s) and never cancels it
        List<SipTruthCheck.Pair> silent = ladder.stream().filter(p -> p.truth().dst().ip().toString().equals("10.1.1.4"))
                .toList();
        assertThat(silent).extracting(p -> p.truth().method()).containsOnly("INVITE").hasSize(7);
        long t0 = silent.get(0).truth().tsNanos();
        assertThat(silent).extracting(p -> (p.truth().tsNanos() - t0) / 1_000_000L)
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        TransactionTruth tx = silent.get(0).truth().transaction();
        assertThat(tx.requests()).isEqualTo(7);
        assertThat(tx.retransmissions()).isEqualTo(6);
        assertThat(tx.finalStatus()).isZero();
        assertThat(call.streams()).isEmpty();
    }

    @Test
    void forkedCallDescriptionsAreChecked() {
        assertThatThrownBy(() -> Scenario.builder(1).forkedCall(f -> f.caller("a", "10.0.0.1", 5060)
                .proxy("10.0.0.9", 5060).fork("10.0.0.2", 5060)).build()).hasMessageContaining("two fork");
        assertThatThrownBy(() -> Scenario.builder(1).forkedCall(f -> f.caller("a", "10.0.0.1", 5060)
                .proxy("10.0.0.9", 5060).fork("10.0.0.2", 5060).silentFork("10.0.0.3", 5060).answeredBy(1)).build())
                .hasMessageContaining("ringing fork");
        assertThatThrownBy(() -> Scenario.builder(1).forkedCall(f -> f.caller("a", "10.0.0.1", 5060)
                .proxy("10.0.0.9", 5060).fork("10.0.0.2", 5060).silentFork("10.0.0.3", 5060).secondAnswer()).build())
                .hasMessageContaining("second ringing");
        assertThatThrownBy(() -> Scenario.builder(1).forkedCall(f -> f.caller("a", "10.0.0.1", 5060)
                .proxy("2001:db8::9", 5060).fork("10.0.0.2", 5060).fork("10.0.0.3", 5060)).build())
                .hasMessageContaining("IP family");
    }
}
