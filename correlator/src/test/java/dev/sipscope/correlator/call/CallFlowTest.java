package dev.sipscope.correlator.call;

import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import dev.sipscope.correlator.media.MediaSide;
import dev.sipscope.correlator.media.MediaSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sipscope.correlator.Msg.response;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call flows written by hand, fed as UDP datagrams through the engine: states, timings, dialogs and
 * retransmissions as a user reads them.
 */
class CallFlowTest {
    static final String ALICE = "10.0.0.1:5060";
    static final String BOB = "10.0.0.2:5060";
    static final String PROXY = "10.0.0.10:5060";
    static final long MS = 1_000_000L;

    static Msg invite(String callId, String branch, long cseq) {
        return Msg.request("INVITE", "sip:bob@10.0.0.2", ALICE, branch, "alice@10.0.0.1", "atag", "bob@10.0.0.2", null,
                callId, cseq).header("Contact", "<sip:alice@10.0.0.1:5060>").header("User-Agent", "AliceUA/1.0")
                .sdp("10.0.0.1", 4000, "sendrecv");
    }

    static Msg inDialog(String method, String callId, String branch, long cseq, boolean fromCaller) {
        return fromCaller
                ? Msg.request(method, "sip:bob@10.0.0.2", ALICE, branch, "alice@10.0.0.1", "atag", "bob@10.0.0.2", "btag",
                callId, cseq)
                : Msg.request(method, "sip:alice@10.0.0.1", BOB, branch, "bob@10.0.0.2", "btag", "alice@10.0.0.1", "atag",
                callId, cseq);
    }

    @Test
    void answeredCallMovesThroughEveryStateWithItsTimings() {
        Wire w = new Wire();
        Msg inv = invite("c1", "z9hG4bKinv1", 1);
        w.at(0).send(ALICE, BOB, inv);
        assertThat(w.call("c1").state()).isEqualTo(CallState.CALLING);
        w.at(10).send(BOB, ALICE, response(inv, 100, "Trying"));
        assertThat(w.call("c1").state()).isEqualTo(CallState.PROCEEDING);
        w.at(50).send(BOB, ALICE, response(inv, 180, "Ringing").toTag("btag"));
        CallSummary ringing = w.call("c1");
        assertThat(ringing.state()).isEqualTo(CallState.RINGING);
        assertThat(ringing.dialogs()).extracting(DialogSummary::state).containsExactly(DialogState.EARLY);
        w.at(2050).send(BOB, ALICE, response(inv, 200, "OK").toTag("btag").sdp("10.0.0.2", 5000, "sendrecv"));
        assertThat(w.call("c1").state()).isEqualTo(CallState.IN_CALL);
        w.at(2060).send(ALICE, BOB, inDialog("ACK", "c1", "z9hG4bKack1", 1, true));
        w.at(2100).rtp("10.0.0.1:4000", "10.0.0.2:5000", 10);
        w.at(2100).rtp("10.0.0.2:5000", "10.0.0.1:4000", 12);
        Msg bye = inDialog("BYE", "c1", "z9hG4bKbye1", 2, true);
        w.at(12060).send(ALICE, BOB, bye);
        w.at(12070).send(BOB, ALICE, response(bye, 200, "OK"));

        CallSummary c = w.call("c1");
        assertThat(c.kind()).isEqualTo(CallKind.CALL);
        assertThat(c.state()).isEqualTo(CallState.COMPLETED);
        assertThat(c.finalStatus()).isEqualTo(200);
        assertThat(c.from()).isEqualTo("sip:alice@10.0.0.1");
        assertThat(c.to()).isEqualTo("sip:bob@10.0.0.2");
        assertThat(c.caller()).isEqualTo(ALICE);
        assertThat(c.callee()).isEqualTo(BOB);
        assertThat(c.userAgent()).isEqualTo("AliceUA/1.0");
        assertThat(c.startNanos()).isEqualTo(Wire.START);
        assertThat(c.answerNanos()).isEqualTo(Wire.START + 2050 * MS);
        assertThat(c.endNanos()).isEqualTo(Wire.START + 12060 * MS);
        assertThat(c.postDialDelayNanos()).isEqualTo(50 * MS);
        assertThat(c.setupNanos()).isEqualTo(2050 * MS);
        assertThat(c.answerToAckNanos()).isEqualTo(10 * MS);
        assertThat(c.durationNanos()).isEqualTo(10_000 * MS);
        assertThat(c.hangupBy()).isEqualTo(Party.CALLER);
        assertThat(c.messageCount()).isEqualTo(7);
        assertThat(c.retransmissions()).isZero();
        assertThat(c.messages()).hasSize(7).noneMatch(CallMessage::retransmission);
        assertThat(c.dialogs()).singleElement().satisfies(d -> {
            assertThat(d.callerTag()).isEqualTo("atag");
            assertThat(d.calleeTag()).isEqualTo("btag");
            assertThat(d.state()).isEqualTo(DialogState.TERMINATED);
            assertThat(d.requests()).isEqualTo(2);
        });
        assertThat(c.media()).extracting(MediaSummary::side, MediaSummary::endpoint, MediaSummary::packets)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MediaSide.CALLER, "10.0.0.1:4000", 12L),
                        org.assertj.core.groups.Tuple.tuple(MediaSide.CALLEE, "10.0.0.2:5000", 10L));
        assertThat(c.media().get(0).codecs()).containsExactly("PCMU/8000", "telephone-event/8000");
        assertThat(c.media().get(0).expectedSource()).isEqualTo("10.0.0.2:5000");
    }

    @Test
    void calleeHangingUpIsTold() {
        Wire w = new Wire();
        Msg inv = invite("c2", "z9hG4bK2", 1);
        w.at(0).send(ALICE, BOB, inv);
        w.at(100).send(BOB, ALICE, response(inv, 200, "OK").toTag("btag"));
        w.at(110).send(ALICE, BOB, inDialog("ACK", "c2", "z9hG4bK2a", 1, true));
        w.at(5000).send(BOB, ALICE, inDialog("BYE", "c2", "z9hG4bK2b", 7, false));
        CallSummary c = w.call("c2");
        assertThat(c.hangupBy()).isEqualTo(Party.CALLEE);
        assertThat(c.state()).isEqualTo(CallState.COMPLETED);
        assertThat(c.postDialDelayNanos()).isEqualTo(-1);
        assertThat(c.durationNanos()).isEqualTo(4890 * MS);
    }

    @Test
    void retransmittedInviteOkAndAckAreCountedNotShownAsNewSteps() {
        Wire w = new Wire();
        Msg inv = invite("c3", "z9hG4bK3", 1);
        w.at(0).send(ALICE, BOB, inv);
        w.at(500).send(ALICE, BOB, inv);
        w.at(1500).send(ALICE, BOB, inv);
        w.at(1600).send(BOB, ALICE, response(inv, 100, "Trying"));
        Msg ok = response(inv, 200, "OK").toTag("btag").sdp("10.0.0.2", 5000, "sendrecv");
        w.at(1700).send(BOB, ALICE, ok);
        w.at(2200).send(BOB, ALICE, ok);
        w.at(3200).send(BOB, ALICE, ok);
        Msg ack = inDialog("ACK", "c3", "z9hG4bK3a", 1, true);
        w.at(3210).send(ALICE, BOB, ack);
        w.at(3220).send(ALICE, BOB, ack);

        CallSummary c = w.call("c3");
        assertThat(c.messageCount()).isEqualTo(4);
        assertThat(c.retransmissions()).isEqualTo(5);
        assertThat(c.messages()).hasSize(9);
        assertThat(c.messages()).filteredOn(CallMessage::retransmission)
                .extracting(m -> m.message().startLine())
                .containsExactly("INVITE sip:bob@10.0.0.2 SIP/2.0", "INVITE sip:bob@10.0.0.2 SIP/2.0", "SIP/2.0 200 OK",
                        "SIP/2.0 200 OK", "ACK sip:bob@10.0.0.2 SIP/2.0");
        assertThat(c.answerNanos()).as("the first 200 answers").isEqualTo(Wire.START + 1700 * MS);
        assertThat(c.setupNanos()).as("measured from the first INVITE").isEqualTo(1700 * MS);
        assertThat(c.answerToAckNanos()).isEqualTo(1510 * MS);
        assertThat(w.snapshot().retransmissions()).isEqualTo(5);
        assertThat(w.snapshot().sipMessages()).isEqualTo(9);
    }

    @Test
    void theSameRequestSeenOnAnotherHopIsNotARetransmission() {
        // Two capture points on either side of a NAT see the same datagram with different addresses.
        Wire w = new Wire();
        Msg inv = invite("c4", "z9hG4bK4", 1);
        w.at(0).send(ALICE, BOB, inv);
        w.at(1).send("203.0.113.1:5060", BOB, inv);
        CallSummary c = w.call("c4");
        assertThat(c.messageCount()).isEqualTo(2);
        assertThat(c.retransmissions()).isZero();
        assertThat(c.messages()).extracting(CallMessage::hopIndex).containsExactly(0, 1);
    }

    @Test
    void aRequestForwardedByAProxyIsANewHopAndOnlyTheFirstHopDecides() {
        Wire w = new Wire();
        Msg inv = invite("c5", "z9hG4bKa1", 1).set("Max-Forwards", "70");
        Msg fwd = inv.copy().topVia(PROXY, "z9hG4bKp1").set("Max-Forwards", "69");
        w.at(0).send(ALICE, PROXY, inv);
        w.at(2).send(PROXY, ALICE, response(inv, 100, "Trying"));
        w.at(3).send(PROXY, BOB, fwd);
        w.at(5).send(PROXY, BOB, fwd);
        w.at(50).send(BOB, PROXY, response(fwd, 180, "Ringing").toTag("btag"));
        w.at(52).send(PROXY, ALICE, response(inv, 180, "Ringing").toTag("btag"));
        w.at(1000).send(BOB, PROXY, response(fwd, 486, "Busy Here").toTag("btag"));
        CallSummary busyDownstream = w.call("c5");
        assertThat(busyDownstream.state()).as("the first hop is still waiting").isEqualTo(CallState.RINGING);
        w.at(1002).send(PROXY, ALICE, response(inv, 486, "Busy Here").toTag("btag"));

        CallSummary c = w.call("c5");
        assertThat(c.state()).isEqualTo(CallState.BUSY);
        assertThat(c.finalStatus()).isEqualTo(486);
        assertThat(c.reason()).isEqualTo("Busy Here");
        assertThat(c.caller()).isEqualTo(ALICE);
        assertThat(c.callee()).isEqualTo(PROXY);
        assertThat(c.messageCount()).isEqualTo(7);
        assertThat(c.retransmissions()).isEqualTo(1);
        assertThat(c.messages()).extracting(CallMessage::forwarded)
                .containsExactly(false, false, true, false, false, false, false, false);
        assertThat(c.messages()).extracting(CallMessage::hopIndex).containsExactly(0, 1, 2, 2, 3, 1, 3, 1);
        assertThat(c.postDialDelayNanos()).as("the first 180 seen, on any hop").isEqualTo(50 * MS);
        assertThat(c.dialogs()).singleElement().extracting(DialogSummary::state).isEqualTo(DialogState.TERMINATED);
    }

    @Test
    void forkedInviteKeepsEachBranchInItsOwnDialog() {
        Wire w = new Wire();
        String bob1 = "10.0.0.21:5060";
        String bob2 = "10.0.0.22:5060";
        Msg inv = invite("c6", "z9hG4bKa6", 1);
        Msg f1 = inv.copy().topVia(PROXY, "z9hG4bKp6x");
        Msg f2 = inv.copy().topVia(PROXY, "z9hG4bKp6y");
        w.at(0).send(ALICE, PROXY, inv);
        w.at(1).send(PROXY, bob1, f1);
        w.at(1).send(PROXY, bob2, f2);
        w.at(40).send(bob1, PROXY, response(f1, 180, "Ringing").toTag("b1"));
        w.at(41).send(PROXY, ALICE, response(inv, 180, "Ringing").toTag("b1"));
        w.at(60).send(bob2, PROXY, response(f2, 180, "Ringing").toTag("b2"));
        w.at(61).send(PROXY, ALICE, response(inv, 180, "Ringing").toTag("b2"));
        w.at(3000).send(bob2, PROXY, response(f2, 200, "OK").toTag("b2").sdp("10.0.0.22", 6000, "sendrecv"));
        w.at(3001).send(PROXY, ALICE, response(inv, 200, "OK").toTag("b2").sdp("10.0.0.22", 6000, "sendrecv"));
        Msg cancel = Msg.request("CANCEL", "sip:bob@10.0.0.2").via(PROXY, "z9hG4bKp6x").via(ALICE, "z9hG4bKa6")
                .from("alice@10.0.0.1", "atag").to("bob@10.0.0.2", null).callId("c6").cseq(1, "CANCEL");
        w.at(3002).send(PROXY, bob1, cancel);
        w.at(3010).send(bob1, PROXY, response(cancel, 200, "OK"));
        w.at(3011).send(bob1, PROXY, response(f1, 487, "Request Terminated").toTag("b1"));
        Msg ack = Msg.request("ACK", "sip:bob@10.0.0.22", ALICE, "z9hG4bKa6ack", "alice@10.0.0.1", "atag",
                "bob@10.0.0.2", "b2", "c6", 1);
        w.at(3020).send(ALICE, bob2, ack);

        CallSummary c = w.call("c6");
        assertThat(c.state()).as("the 487 of the cancelled branch is not the call's").isEqualTo(CallState.IN_CALL);
        assertThat(c.finalStatus()).isEqualTo(200);
        assertThat(c.dialogs()).extracting(DialogSummary::calleeTag, DialogSummary::state, DialogSummary::remote)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b1", DialogState.TERMINATED, bob1),
                        org.assertj.core.groups.Tuple.tuple("b2", DialogState.CONFIRMED, bob2));
        assertThat(c.postDialDelayNanos()).isEqualTo(40 * MS);
        assertThat(c.answerToAckNanos()).isEqualTo(20 * MS);
        assertThat(c.retransmissions()).isZero();
    }

    @Test
    void cancelAnsweredBy487IsCancelledAnUnrequested487IsNoAnswer() {
        Wire w = new Wire();
        Msg inv = invite("c7", "z9hG4bK7", 1);
        w.at(0).send(ALICE, BOB, inv);
        w.at(40).send(BOB, ALICE, response(inv, 180, "Ringing").toTag("btag"));
        Msg cancel = Msg.request("CANCEL", "sip:bob@10.0.0.2").via(ALICE, "z9hG4bK7").from("alice@10.0.0.1", "atag")
                .to("bob@10.0.0.2", null).callId("c7").cseq(1, "CANCEL").header("Reason", "SIP;cause=600;text=\"Busy\"");
        w.at(5000).send(ALICE, BOB, cancel);
        w.at(5010).send(BOB, ALICE, response(cancel, 200, "OK"));
        w.at(5011).send(BOB, ALICE, response(inv, 487, "Request Terminated").toTag("btag"));
        w.at(5020).send(ALICE, BOB, Msg.request("ACK", "sip:bob@10.0.0.2", ALICE, "z9hG4bK7", "alice@10.0.0.1", "atag",
                "bob@10.0.0.2", "btag", "c7", 1));
        CallSummary c = w.call("c7");
        assertThat(c.state()).isEqualTo(CallState.CANCELLED);
        assertThat(c.finalStatus()).isEqualTo(487);
        assertThat(c.reason()).as("the CANCEL's Reason").isEqualTo("SIP;cause=600;text=\"Busy\"");
        assertThat(c.endNanos()).isEqualTo(Wire.START + 5011 * MS);
        assertThat(c.messageCount()).isEqualTo(6);
        assertThat(c.messages().get(5).transactionNumber()).as("the non-2xx ACK is part of the INVITE transaction")
                .isEqualTo(c.messages().get(0).transactionNumber());
        assertThat(c.dialogs()).singleElement().extracting(DialogSummary::state).isEqualTo(DialogState.TERMINATED);

        Msg inv2 = invite("c8", "z9hG4bK8", 1);
        w.at(6000).send(ALICE, BOB, inv2);
        w.at(6040).send(BOB, ALICE, response(inv2, 180, "Ringing").toTag("b"));
        w.at(36000).send(BOB, ALICE, response(inv2, 487, "Request Terminated").toTag("b"));
        assertThat(w.call("c8").state()).isEqualTo(CallState.NO_ANSWER);
    }

    @Test
    void finalResponsesMapToTheStatesUsersRead() {
        int[] codes = {486, 600, 480, 408, 404, 503, 603, 302, 488};
        CallState[] states = {CallState.BUSY, CallState.BUSY, CallState.NO_ANSWER, CallState.NO_ANSWER,
            CallState.REJECTED, CallState.REJECTED, CallState.REJECTED, CallState.REDIRECTED, CallState.REJECTED};
        Wire w = new Wire();
        for (int i = 0; i < codes.length; i++) {
            Msg inv = invite("f" + i, "z9hG4bKf" + i, 1);
            w.at(i * 100L).send(ALICE, BOB, inv);
            Msg r = response(inv, codes[i], "Phrase " + codes[i]).toTag("t" + i);
            if (codes[i] == 603) {
                r.header("Reason", "Q.850;cause=21;text=\"Call rejected\"");
            }
            w.at(i * 100L + 50).send(BOB, ALICE, r);
            CallSummary c = w.call("f" + i);
            assertThat(c.state()).as("%d", codes[i]).isEqualTo(states[i]);
            assertThat(c.finalStatus()).isEqualTo(codes[i]);
            assertThat(c.reason()).isEqualTo(codes[i] == 603 ? "Q.850;cause=21;text=\"Call rejected\"" : "Phrase " + codes[i]);
            assertThat(c.endNanos()).isEqualTo(Wire.START + (i * 100L + 50) * MS);
            assertThat(c.setupNanos()).isEqualTo(-1);
        }
    }

    @Test
    void aChallengedInviteSentAgainWithCredentialsStartsOver() {
        Wire w = new Wire();
        Msg inv = invite("c9", "z9hG4bK9a", 1);
        w.at(0).send(ALICE, BOB, inv);
        w.at(20).send(BOB, ALICE, response(inv, 407, "Proxy Authentication Required").toTag("x"));
        assertThat(w.call("c9").state()).isEqualTo(CallState.REJECTED);
        w.at(21).send(ALICE, BOB, Msg.request("ACK", "sip:bob@10.0.0.2", ALICE, "z9hG4bK9a", "alice@10.0.0.1", "atag",
                "bob@10.0.0.2", "x", "c9", 1));
        Msg again = invite("c9", "z9hG4bK9b", 2).header("Proxy-Authorization", "Digest username=\"alice\"");
        w.at(30).send(ALICE, BOB, again);
        assertThat(w.call("c9").state()).isEqualTo(CallState.CALLING);
        assertThat(w.call("c9").finalStatus()).isZero();
        w.at(90).send(BOB, ALICE, response(again, 180, "Ringing").toTag("btag"));
        w.at(1090).send(BOB, ALICE, response(again, 200, "OK").toTag("btag"));
        CallSummary c = w.call("c9");
        assertThat(c.state()).isEqualTo(CallState.IN_CALL);
        assertThat(c.finalStatus()).isEqualTo(200);
        assertThat(c.reason()).isNull();
        assertThat(c.endNanos()).isEqualTo(CallSummary.NO_TIME);
        assertThat(c.setupNanos()).as("from the first INVITE").isEqualTo(1090 * MS);
        assertThat(c.postDialDelayNanos()).isEqualTo(90 * MS);
    }

    @Test
    void unansweredRequestsFailWhenTheirTimerFiresOnCaptureTime() {
        Engine engine = new Engine(EngineConfig.DEFAULTS);
        Wire w = new Wire(engine);
        w.at(0).send(ALICE, BOB, invite("t1", "z9hG4bKt1", 1));
        Msg ringing = invite("t2", "z9hG4bKt2", 1);
        w.at(0).send(ALICE, BOB, ringing);
        w.at(100).send(BOB, ALICE, response(ringing, 180, "Ringing").toTag("b"));
        Msg options = Msg.request("OPTIONS", "sip:bob@10.0.0.2", ALICE, "z9hG4bKt3", "alice@10.0.0.1", "o",
                "bob@10.0.0.2", null, "t3", 1);
        w.at(0).send(ALICE, BOB, options);
        engine.advanceTime(Wire.START + 31_000 * MS);
        assertThat(w.call("t1").state()).isEqualTo(CallState.CALLING);
        engine.advanceTime(Wire.START + 33_000 * MS);
        assertThat(w.call("t1").state()).isEqualTo(CallState.FAILED);
        assertThat(w.call("t1").reason()).isEqualTo("no response");
        assertThat(w.call("t1").endNanos()).isEqualTo(Wire.START + 32_000 * MS);
        assertThat(w.call("t3").state()).isEqualTo(CallState.FAILED);
        assertThat(w.call("t3").kind()).isEqualTo(CallKind.OPTIONS);
        assertThat(w.call("t2").state()).as("ringing: no timer B").isEqualTo(CallState.RINGING);
        engine.advanceTime(Wire.START + 200_000 * MS);
        assertThat(w.call("t2").state()).isEqualTo(CallState.NO_ANSWER);
        assertThat(w.call("t2").reason()).isEqualTo("no final response");
        assertThat(w.call("t2").finalStatus()).isZero();

        // A 200 after the verdict (the capture missed the provisional responses) still answers the call.
        w.at(200_100).send(BOB, ALICE, response(invite("t1", "z9hG4bKt1", 1), 200, "OK").toTag("late"));
        assertThat(w.call("t1").state()).isEqualTo(CallState.IN_CALL);
        assertThat(w.call("t1").reason()).isNull();
    }

    @Test
    void rfc2543MessagesWithoutMagicCookieStillMatchTheirTransactions() {
        Wire w = new Wire();
        Msg inv = invite("old1", null, 1);
        w.at(0).send(ALICE, BOB, inv);
        w.at(500).send(ALICE, BOB, inv);
        w.at(600).send(BOB, ALICE, response(inv, 486, "Busy Here").toTag("b").set("Via", "SIP/2.0/UDP " + ALICE
                + ";received=10.0.0.1"));
        w.at(610).send(ALICE, BOB, Msg.request("ACK", "sip:bob@10.0.0.2", ALICE, null, "alice@10.0.0.1", "atag",
                "bob@10.0.0.2", "b", "old1", 1));
        CallSummary c = w.call("old1");
        assertThat(c.state()).isEqualTo(CallState.BUSY);
        assertThat(c.retransmissions()).isEqualTo(1);
        assertThat(c.messageCount()).isEqualTo(3);
        List<CallMessage> m = c.messages();
        assertThat(m.get(2).transactionNumber()).isEqualTo(m.get(0).transactionNumber());
        assertThat(m.get(3).transactionNumber()).as("ACK of the 486").isEqualTo(m.get(0).transactionNumber());
    }

    @Test
    void registerChallengeThenSuccessGivesTheGrantedExpiry() {
        Wire w = new Wire();
        String registrar = "10.0.0.100:5060";
        Msg reg = Msg.request("REGISTER", "sip:example.com", ALICE, "z9hG4bKr1", "alice@example.com", "rt",
                "alice@example.com", null, "reg1", 1).header("Contact", "<sip:alice@10.0.0.1:5060>;expires=3600");
        w.at(0).send(ALICE, registrar, reg);
        w.at(10).send(registrar, ALICE, response(reg, 401, "Unauthorized").toTag("s1"));
        assertThat(w.call("reg1").state()).isEqualTo(CallState.REJECTED);
        Msg reg2 = Msg.request("REGISTER", "sip:example.com", ALICE, "z9hG4bKr2", "alice@example.com", "rt",
                "alice@example.com", null, "reg1", 2).header("Contact", "<sip:alice@10.0.0.1:5060>;expires=3600")
                .header("Authorization", "Digest username=\"alice\"");
        w.at(20).send(ALICE, registrar, reg2);
        assertThat(w.call("reg1").state()).isEqualTo(CallState.CALLING);
        w.at(30).send(registrar, ALICE, response(reg2, 200, "OK").toTag("s2")
                .header("Contact", "<sip:alice@10.0.0.9:5060>;expires=60")
                .header("Contact", "<sip:alice@10.0.0.1:5060>;expires=1800"));
        CallSummary c = w.call("reg1");
        assertThat(c.kind()).isEqualTo(CallKind.REGISTER);
        assertThat(c.state()).isEqualTo(CallState.REGISTERED);
        assertThat(c.expiresSeconds()).isEqualTo(1800);
        assertThat(c.finalStatus()).isEqualTo(200);
        assertThat(c.dialogs()).as("REGISTER creates no dialog").isEmpty();

        Msg unreg = Msg.request("REGISTER", "sip:example.com", ALICE, "z9hG4bKr3", "alice@example.com", "rt",
                "alice@example.com", null, "reg1", 3).header("Contact", "*").header("Expires", "0");
        w.at(40).send(ALICE, registrar, unreg);
        w.at(50).send(registrar, ALICE, response(unreg, 200, "OK").toTag("s3"));
        assertThat(w.call("reg1").state()).isEqualTo(CallState.UNREGISTERED);
        assertThat(w.call("reg1").expiresSeconds()).isZero();
    }

    @Test
    void subscriptionDialogEndsWithATerminatingNotify() {
        Wire w = new Wire();
        Msg sub = Msg.request("SUBSCRIBE", "sip:bob@10.0.0.2", ALICE, "z9hG4bKs1", "alice@10.0.0.1", "st",
                "bob@10.0.0.2", null, "sub1", 1).header("Event", "presence").header("Expires", "600");
        w.at(0).send(ALICE, BOB, sub);
        w.at(10).send(BOB, ALICE, response(sub, 200, "OK").toTag("nt"));
        Msg notify = Msg.request("NOTIFY", "sip:alice@10.0.0.1", BOB, "z9hG4bKn1", "bob@10.0.0.2", "nt",
                "alice@10.0.0.1", "st", "sub1", 1).header("Event", "presence")
                .header("Subscription-State", "terminated;reason=timeout");
        w.at(20).send(BOB, ALICE, notify);
        w.at(21).send(ALICE, BOB, response(notify, 200, "OK"));
        CallSummary c = w.call("sub1");
        assertThat(c.kind()).isEqualTo(CallKind.SUBSCRIBE);
        assertThat(c.state()).isEqualTo(CallState.COMPLETED);
        assertThat(c.dialogs()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DialogState.TERMINATED);
            assertThat(d.requests()).isEqualTo(1);
        });
    }

    @Test
    void reInviteHoldAndResumeKeepTheMediaBindingAndCountTheHold() {
        Wire w = new Wire();
        Msg inv = invite("h1", "z9hG4bKh1", 1);
        w.at(0).send(ALICE, BOB, inv);
        w.at(100).send(BOB, ALICE, response(inv, 200, "OK").toTag("btag").sdp("10.0.0.2", 5000, "sendrecv"));
        w.at(110).send(ALICE, BOB, inDialog("ACK", "h1", "z9hG4bKh1a", 1, true));
        w.at(200).rtp("10.0.0.2:5000", "10.0.0.1:4000", 5);
        Msg hold = inDialog("INVITE", "h1", "z9hG4bKh2", 2, true).sdp("10.0.0.1", 4000, "sendonly");
        w.at(1000).send(ALICE, BOB, hold);
        w.at(1010).send(BOB, ALICE, response(hold, 200, "OK").sdp("10.0.0.2", 5000, "recvonly"));
        w.at(1020).send(ALICE, BOB, inDialog("ACK", "h1", "z9hG4bKh2a", 2, true));
        CallSummary held = w.call("h1");
        assertThat(held.holds()).isEqualTo(1);
        assertThat(held.media()).extracting(MediaSummary::direction).containsExactly("sendonly", "recvonly");
        Msg resume = inDialog("INVITE", "h1", "z9hG4bKh3", 3, true).sdp("10.0.0.1", 4000, "sendrecv");
        w.at(5000).send(ALICE, BOB, resume);
        w.at(5010).send(BOB, ALICE, response(resume, 200, "OK").sdp("10.0.0.2", 5000, "sendrecv"));
        w.at(5100).rtp("10.0.0.2:5000", "10.0.0.1:4000", 5);
        CallSummary c = w.call("h1");
        assertThat(c.state()).isEqualTo(CallState.IN_CALL);
        assertThat(c.holds()).isEqualTo(1);
        assertThat(c.media()).as("same endpoints: same bindings, counters kept").hasSize(2);
        assertThat(c.media().get(0).packets()).isEqualTo(10);
        assertThat(c.media()).extracting(MediaSummary::direction).containsExactly("sendrecv", "sendrecv");
        assertThat(c.dialogs()).singleElement().extracting(DialogSummary::requests).isEqualTo(4);
        assertThat(c.messageCount()).isEqualTo(8);
        assertThat(c.answerNanos()).as("a re-INVITE's 200 is not the answer").isEqualTo(Wire.START + 100 * MS);
    }

    @Test
    void aCaptureStartingMidCallShowsTheCallUpThenCompleted() {
        Wire w = new Wire();
        Msg bye = inDialog("BYE", "mid", "z9hG4bKm", 9, false);
        w.at(0).send(BOB, ALICE, bye);
        w.at(5).send(ALICE, BOB, response(bye, 200, "OK"));
        CallSummary c = w.call("mid");
        assertThat(c.kind()).isEqualTo(CallKind.CALL);
        assertThat(c.state()).isEqualTo(CallState.COMPLETED);
        assertThat(c.hangupBy()).as("the caller's tag is unknown").isNull();
        assertThat(c.caller()).isEqualTo(BOB);
        assertThat(c.dialogs()).singleElement().extracting(DialogSummary::state).isEqualTo(DialogState.TERMINATED);
    }

    @Test
    void aCaptureStartingWithANotifyInACallStillEndsAsACompletedCall() {
        Wire w = new Wire();
        Msg notify = inDialog("NOTIFY", "mid2", "z9hG4bKn", 4, true).header("Event", "refer")
                .header("Subscription-State", "active;expires=60");
        w.at(0).send(ALICE, BOB, notify);
        assertThat(w.call("mid2").kind()).isEqualTo(CallKind.NOTIFY);
        w.at(5).send(BOB, ALICE, response(notify, 200, "OK"));
        w.at(1000).send(ALICE, BOB, inDialog("BYE", "mid2", "z9hG4bKb", 5, true));
        CallSummary c = w.call("mid2");
        assertThat(c.kind()).isEqualTo(CallKind.CALL);
        assertThat(c.state()).isEqualTo(CallState.COMPLETED);
        assertThat(c.dialogs()).singleElement().extracting(DialogSummary::requests).isEqualTo(2);
    }

    @Test
    void reliableProvisionalResponsesPrackAndUpdateInTheEarlyDialog() {
        Wire w = new Wire();
        Msg inv = invite("p1", "z9hG4bKp1", 1).header("Supported", "100rel");
        w.at(0).send(ALICE, BOB, inv);
        Msg r1 = response(inv, 183, "Session Progress").toTag("btag").header("Require", "100rel").header("RSeq", "1")
                .sdp("10.0.0.2", 5000, "sendrecv");
        w.at(50).send(BOB, ALICE, r1);
        w.at(550).send(BOB, ALICE, r1);
        Msg prack = inDialog("PRACK", "p1", "z9hG4bKp1pr", 2, true).header("RAck", "1 1 INVITE");
        w.at(560).send(ALICE, BOB, prack);
        w.at(570).send(BOB, ALICE, response(prack, 200, "OK"));
        Msg r2 = response(inv, 183, "Session Progress").toTag("btag").header("Require", "100rel").header("RSeq", "2");
        w.at(600).send(BOB, ALICE, r2);
        Msg update = inDialog("UPDATE", "p1", "z9hG4bKp1up", 3, true).sdp("10.0.0.1", 4002, "sendrecv");
        w.at(700).send(ALICE, BOB, update);
        w.at(710).send(BOB, ALICE, response(update, 200, "OK").sdp("10.0.0.2", 5000, "sendrecv"));
        w.at(720).rtp("10.0.0.2:5000", "10.0.0.1:4002", 3);
        w.at(2000).send(BOB, ALICE, response(inv, 200, "OK").toTag("btag"));
        CallSummary c = w.call("p1");
        assertThat(c.earlyMedia()).isTrue();
        assertThat(c.state()).isEqualTo(CallState.IN_CALL);
        assertThat(c.retransmissions()).as("the 183 with RSeq 1 twice").isEqualTo(1);
        assertThat(c.messageCount()).isEqualTo(8);
        assertThat(c.postDialDelayNanos()).isEqualTo(50 * MS);
        assertThat(c.dialogs()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DialogState.CONFIRMED);
            assertThat(d.requests()).isEqualTo(2);
        });
        assertThat(c.media()).extracting(MediaSummary::endpoint, MediaSummary::current, MediaSummary::packets)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.0.1:4000", false, 0L),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.2:5000", true, 0L),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.1:4002", true, 3L));
    }

    @Test
    void messagesWithoutCallIdAreCountedAsMalformedNotCorrelated() {
        Wire w = new Wire();
        w.udp(BOB, ALICE, "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(w.snapshot().calls()).isEmpty();
        assertThat(w.snapshot().sipMessages()).isZero();
        assertThat(w.snapshot().sipMessagesWithoutCallId()).isEqualTo(1);
        assertThat(w.snapshot().sipMalformedReasons()).containsEntry("missing_call_id", 1L);
    }
}
