package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.capture.Frame;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CallFeaturesTest {

    @Test
    void reliableProvisionalIsAcknowledgedWithPrackAndUpdateInfoHoldStayInTheDialog() throws Exception {
        Scenario.Generated g = SampleCaptures.callPrackUpdate().generate();
        CallTruth call = g.truth().call("prack-update");
        List<SipTruthCheck.Pair> ladder = Ladders.of(Ladders.read(g), call.callId());
        assertThat(ladder).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "100 INVITE", "183 INVITE",
                "PRACK", "200 PRACK", "200 INVITE", "ACK", "UPDATE", "200 UPDATE", "INFO", "200 INFO", "INVITE",
                "200 INVITE", "ACK", "INVITE", "200 INVITE", "ACK", "BYE", "200 BYE");
        SipView invite = ladder.get(0).view();
        assertThat(invite.header("Supported")).contains("100rel");
        assertThat(invite.header("Allow")).contains("PRACK");
        SipView progress = ladder.get(2).view();
        assertThat(progress.header("Require")).isEqualTo("100rel");
        long rseq = Long.parseLong(progress.header("RSeq"));
        assertThat(rseq).isBetween(1L, (1L << 31) - 1);
        assertThat(progress.header("Content-Type")).isEqualTo("application/sdp");
        SipView prack = ladder.get(3).view();
        // RFC 3262 section 7.2: RAck = RSeq, CSeq number and method of the INVITE
        assertThat(prack.header("RAck")).isEqualTo(rseq + " " + invite.cseqNumber() + " INVITE");
        assertThat(prack.cseqNumber()).isEqualTo(invite.cseqNumber() + 1);
        assertThat(SipView.branchOf(prack.header("Via"))).isNotEqualTo(SipView.branchOf(invite.header("Via")));
        assertThat(ladder.get(3).truth().dialog()).isSameAs(ladder.get(2).truth().dialog());
        assertThat(ladder.get(3).truth().dialog().earlyNanos()).isEqualTo(ladder.get(2).truth().tsNanos());
        // the 183 answers the offer; the early media starts before the 200
        assertThat(call.earlyMedia()).isTrue();
        assertThat(call.streams().get(1).firstArrivalNanos()).isLessThan(call.answerNanos());

        SipView update = ladder.get(7).view();
        assertThat(update.header("Contact")).isNotNull();
        long v0 = Long.parseLong(invite.sdp("o=").split(" ")[2]);
        assertThat(Long.parseLong(update.sdp("o=").split(" ")[2])).isEqualTo(v0 + 1);
        assertThat(ladder.get(8).view().header("Content-Type")).isEqualTo("application/sdp");
        SipView info = ladder.get(9).view();
        assertThat(info.header("Content-Type")).isEqualTo("application/dtmf-relay");
        assertThat(info.body()).isEqualTo("Signal=5\r\nDuration=160\r\n");
        assertThat(ladder.get(11).view().body()).contains("a=sendonly");
        assertThat(ladder.get(14).view().body()).contains("a=sendrecv");
        assertThat(Long.parseLong(ladder.get(14).view().sdp("o=").split(" ")[2])).isEqualTo(v0 + 3);

        DialogTruth dialog = call.dialogs().get(0);
        assertThat(call.dialogs()).hasSize(1);
        assertThat(ladder.subList(2, ladder.size())).allMatch(p -> p.truth().dialog() == dialog);
        assertThat(call.transactions()).extracting(TransactionTruth::method).containsExactly("INVITE", "PRACK", "ACK",
                "UPDATE", "INFO", "INVITE", "ACK", "INVITE", "ACK", "BYE");
        assertThat(call.transactions().subList(1, 10)).allMatch(t -> t.dialog() == dialog);
        assertThat(call.holds()).hasSize(1);
        assertThat(call.holds().get(0).fromNanos()).isEqualTo(ladder.get(11).truth().tsNanos());
        assertThat(call.holds().get(0).toNanos()).isEqualTo(ladder.get(14).truth().tsNanos());

        CallTruth cancelled = g.truth().call("prack-cancel");
        List<SipTruthCheck.Pair> other = Ladders.of(Ladders.read(g), cancelled.callId());
        assertThat(other).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "100 INVITE", "180 INVITE",
                "PRACK", "200 PRACK", "CANCEL", "200 CANCEL", "487 INVITE", "ACK");
        assertThat(other.get(2).view().header("Require")).isEqualTo("100rel");
        assertThat(cancelled.state()).isEqualTo(CallState.CANCELLED);
    }

    @Test
    void lostAcksBringBackTheSameOkAndTheSameAck() throws Exception {
        Scenario.Generated g = SampleCaptures.callRetransmissions().generate();
        List<SipTruthCheck.Pair> all = Ladders.read(g);
        CallTruth lost = g.truth().call("lost-ack");
        List<SipTruthCheck.Pair> ladder = Ladders.of(all, lost.callId());
        assertThat(ladder).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "100 INVITE", "180 INVITE",
                "200 INVITE", "ACK", "200 INVITE", "ACK", "200 INVITE", "ACK", "BYE", "200 BYE");
        assertThat(ladder).extracting(p -> p.truth().retransmission())
                .containsExactly(false, false, false, false, false, true, true, true, true, false, false);
        assertThat(ladder.get(6).bytes()).isEqualTo(ladder.get(4).bytes());
        assertThat(ladder.get(8).bytes()).isEqualTo(ladder.get(4).bytes());
        assertThat(ladder.get(7).bytes()).isEqualTo(ladder.get(3).bytes());
        // timer G: T1, then 2*T1 after the first 200 (RFC 3261 13.3.1.4)
        assertThat(ladder.get(5).truth().tsNanos() - ladder.get(3).truth().tsNanos()).isEqualTo(500_000_000L);
        assertThat(ladder.get(7).truth().tsNanos() - ladder.get(5).truth().tsNanos()).isEqualTo(1_000_000_000L);
        TransactionTruth ack = ladder.get(4).truth().transaction();
        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(ack.requests()).isEqualTo(3);
        assertThat(ack.retransmissions()).isEqualTo(2);
        assertThat(ladder.get(3).truth().transaction().provisionalStatuses()).containsExactly(100, 180);

        CallTruth resent = g.truth().call("invite-bye");
        List<SipTruthCheck.Pair> r = Ladders.of(all, resent.callId());
        assertThat(r).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "INVITE", "INVITE",
                "100 INVITE", "180 INVITE", "200 INVITE", "ACK", "BYE", "BYE", "BYE", "200 BYE");
        TransactionTruth bye = r.get(7).truth().transaction();
        assertThat(bye.requests()).isEqualTo(3);
        assertThat(bye.finalStatus()).isEqualTo(200);
        CallTruth slow = g.truth().call("slow-ack");
        assertThat(Ladders.of(all, slow.callId())).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE",
                "100 INVITE", "180 INVITE", "200 INVITE", "200 INVITE", "200 INVITE", "ACK", "BYE", "200 BYE");
    }

    @Test
    void everyEndStateAUserReadsIsThereWithItsTruth() throws Exception {
        Scenario.Generated g = SampleCaptures.callStates().generate();
        Ladders.read(g);
        Map<String, CallTruth> byLabel = g.truth().calls().stream().collect(Collectors.toMap(CallTruth::label, c -> c));
        assertThat(byLabel.get("completed-by-caller").state()).isEqualTo(CallState.COMPLETED);
        assertThat(byLabel.get("completed-by-caller").hangupBy()).isEqualTo("a1");
        assertThat(byLabel.get("completed-by-callee").state()).isEqualTo(CallState.COMPLETED);
        assertThat(byLabel.get("completed-by-callee").hangupBy()).isEqualTo("b2");
        assertThat(byLabel.get("busy-486").state()).isEqualTo(CallState.BUSY);
        assertThat(byLabel.get("busy-600").state()).isEqualTo(CallState.BUSY);
        assertThat(byLabel.get("busy-600").finalStatus()).isEqualTo(600);
        for (String[] s : new String[][] {{"not-found-404", "404"}, {"timeout-408", "408"}, {"unavailable-480", "480"},
                {"unavailable-503", "503"}}) {
            CallTruth c = byLabel.get(s[0]);
            assertThat(c.state()).as(s[0]).isEqualTo(CallState.REJECTED);
            assertThat(c.finalStatus()).isEqualTo(Integer.parseInt(s[1]));
            assertThat(c.messages()).extracting(SipMessageTruth::statusCode).contains(Integer.parseInt(s[1]));
            assertThat(c.hangupBy()).isNull();
        }
        assertThat(byLabel.get("timeout-408").answerNanos()).isEqualTo(-1);
        assertThat(byLabel.get("timeout-408").dialogs().get(0).end()).isEqualTo(DialogTruth.End.FINAL_RESPONSE);
        assertThat(byLabel.get("not-found-404").dialogs()).isEmpty(); // no provisional with a tag: no dialog
        assertThat(byLabel.get("cancelled-487").state()).isEqualTo(CallState.CANCELLED);
        CallTruth none = byLabel.get("no-response");
        assertThat(none.state()).isEqualTo(CallState.NO_RESPONSE);
        assertThat(none.messages()).hasSize(7).allMatch(m -> m.method().equals("INVITE"));
        assertThat(none.dialogs()).isEmpty();
        assertThat(none.transactions().get(0).finalStatus()).isZero();

        CallTruth ringing = byLabel.get("ringing-at-end");
        assertThat(ringing.state()).isEqualTo(CallState.SETUP);
        assertThat(ringing.outcome()).isEqualTo(CallOutcome.UNANSWERED);
        assertThat(ringing.messages()).extracting(Ladders::label).containsExactly("INVITE", "100 INVITE", "180 INVITE");
        assertThat(ringing.dialogs().get(0).state()).isEqualTo(DialogTruth.State.EARLY);
        CallTruth talking = byLabel.get("in-call-at-end");
        assertThat(talking.state()).isEqualTo(CallState.IN_CALL);
        assertThat(talking.byeNanos()).isEqualTo(-1);
        assertThat(talking.dialogs().get(0).state()).isEqualTo(DialogTruth.State.CONFIRMED);
        assertThat(talking.streams()).hasSize(2);
        // the call still up is what the capture ends with
        List<Frame> frames = g.frames();
        long lastRtp = Math.max(talking.streams().get(0).lastArrivalNanos(), talking.streams().get(1).lastArrivalNanos());
        assertThat(frames.get(frames.size() - 1).timestampNanos()).isEqualTo(lastRtp);
        assertThat(ringing.messages().get(2).tsNanos()).isLessThan(lastRtp);
        assertThat(g.truth().calls()).filteredOn(c -> c != talking).allMatch(c -> c.streams().isEmpty());
    }

    @Test
    void newCallOptionsAreChecked() {
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060)
                .reject(486).update(1)).build()).hasMessageContaining("answered");
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060)
                .prack().reject(404)).build()).hasMessageContaining("ringing phase");
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060)
                .ackLost(1).retransmitOk(1)).build()).hasMessageContaining("choose one");
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060)
                .inCallAtEnd().hangupByCallee()).build()).hasMessageContaining("no BYE");
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060)
                .talkSeconds(2).info(3, '1')).build()).hasMessageContaining("within the talk time");
        assertThatThrownBy(() -> new CallBuilder().info(1, 'x')).hasMessageContaining("DTMF");
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 5060)
                .transport(Transport.TCP).ackLost(1)).build()).hasMessageContaining("does not retransmit");
    }
}
