package dev.sipscope.correlator.call;

import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sipscope.correlator.Msg.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Links between calls: B2BUA legs (header, SDP) and transfers (REFER, Replaces, Referred-By). */
class CallLinkTest {
    static final String ALICE = "10.0.0.1:5060";
    static final String SBC = "10.0.0.10:5060";
    static final String BOB = "10.0.0.2:5060";
    static final String CAROL = "10.0.0.3:5060";

    static Msg leg(String callId, String from, String via, String fromUser, String toUser, String branch) {
        return Msg.request("INVITE", "sip:" + toUser, via, branch, fromUser, "t-" + callId, toUser, null, callId, 1);
    }

    @Test
    void b2buaLegsNamingEachOtherInXCallIdAreLinkedBothWays() {
        Wire w = new Wire();
        w.at(0).send(ALICE, SBC, leg("legA", ALICE, ALICE, "alice@a", "bob@b", "z9hG4bK1"));
        w.at(5).send(SBC, BOB, leg("legB", SBC, SBC, "alice@a", "bob@b", "z9hG4bK2").header("X-Call-ID", "legA"));
        assertThat(w.call("legA").links()).containsExactly(new CallLink("legB", 2, LinkKind.B2BUA_HEADER));
        assertThat(w.call("legB").links()).containsExactly(new CallLink("legA", 1, LinkKind.B2BUA_HEADER));
    }

    @Test
    void aLegNamedBeforeItAppearsIsLinkedWhenItDoes() {
        Wire w = new Wire();
        // The outgoing leg is captured first, naming two inbound legs in X-CID (one line, two values).
        w.at(0).send(SBC, BOB, leg("out", SBC, SBC, "alice@a", "bob@b", "z9hG4bK1").header("x-cid", "in1, in2"));
        assertThat(w.call("out").links()).extracting(CallLink::callId, CallLink::callNumber)
                .containsExactly(tuple("in1", 0L), tuple("in2", 0L));
        w.at(1).send(ALICE, SBC, leg("in2", ALICE, ALICE, "alice@a", "bob@b", "z9hG4bK2"));
        assertThat(w.call("in2").links()).containsExactly(new CallLink("out", 1, LinkKind.B2BUA_HEADER));
        assertThat(w.call("out").links()).extracting(CallLink::callId, CallLink::callNumber)
                .containsExactly(tuple("in1", 0L), tuple("in2", 2L));
    }

    @Test
    void aHeaderNamingItsOwnCallIdLinksNothing() {
        Wire w = new Wire();
        w.at(0).send(ALICE, SBC, leg("self", ALICE, ALICE, "alice@a", "bob@b", "z9hG4bK1").header("X-Call-ID", "self"));
        assertThat(w.call("self").links()).isEmpty();
    }

    @Test
    void b2buaPassingSdpThroughIsLinkedByTheSharedMediaEndpointWithinTheWindow() {
        Wire w = new Wire();
        w.at(0).send(ALICE, SBC, leg("a1", ALICE, ALICE, "alice@a", "bob@b", "z9hG4bK1").sdp("10.0.0.1", 4000, "sendrecv"));
        w.at(8).send(SBC, BOB, leg("b1", SBC, SBC, "alice@a", "bob@b", "z9hG4bK2").sdp("10.0.0.1", 4000, "sendrecv"));
        assertThat(w.call("a1").links()).containsExactly(new CallLink("b1", 2, LinkKind.B2BUA_SDP));
        assertThat(w.call("b1").links()).containsExactly(new CallLink("a1", 1, LinkKind.B2BUA_SDP));
        // Bob's media to Alice's endpoint binds to the leg that announced it last.
        w.at(100).rtp("10.0.0.2:6000", "10.0.0.1:4000", 2);
        assertThat(w.call("b1").media().get(0).packets()).isEqualTo(2);

        // Outside the window: a later call announcing the same endpoint is not a leg of the first.
        w.at(60_000).send(ALICE, SBC, leg("c1", ALICE, ALICE, "alice@a", "carol@c", "z9hG4bK3")
                .sdp("10.0.0.1", 4000, "sendrecv"));
        assertThat(w.call("c1").links()).isEmpty();
    }

    @Test
    void sdpLinkingCanBeTurnedOff() {
        Engine e = new Engine(EngineConfig.DEFAULTS.withCorrelator(CorrelatorConfig.DEFAULTS.withSdpLinkWindowNanos(0)));
        Wire w = new Wire(e);
        w.at(0).send(ALICE, SBC, leg("a1", ALICE, ALICE, "alice@a", "bob@b", "z9hG4bK1").sdp("10.0.0.1", 4000, "sendrecv"));
        w.at(0).send(SBC, BOB, leg("b1", SBC, SBC, "alice@a", "bob@b", "z9hG4bK2").sdp("10.0.0.1", 4000, "sendrecv"));
        assertThat(w.call("a1").links()).isEmpty();
    }

    @Test
    void configuredHeadersReplaceTheDefaults() {
        Engine e = new Engine(EngineConfig.DEFAULTS.withCorrelator(
                CorrelatorConfig.DEFAULTS.withLinkHeaders(List.of("P-Leg-ID"))));
        Wire w = new Wire(e);
        w.at(0).send(ALICE, SBC, leg("a1", ALICE, ALICE, "alice@a", "bob@b", "z9hG4bK1"));
        w.at(1).send(SBC, BOB, leg("b1", SBC, SBC, "alice@a", "bob@b", "z9hG4bK2").header("X-Call-ID", "a1"));
        w.at(2).send(SBC, BOB, leg("b2", SBC, SBC, "alice@a", "bob@b", "z9hG4bK3").header("P-Leg-ID", "a1"));
        assertThat(w.call("a1").links()).extracting(CallLink::callId).containsExactly("b2");
    }

    @Test
    void blindTransferLinksTheReferringCallToTheNewCall() {
        Wire w = new Wire();
        // Alice and Bob talk (call t1); Bob refers Alice to Carol; Alice calls Carol (call t2).
        Msg inv = Msg.request("INVITE", "sip:bob@10.0.0.2", ALICE, "z9hG4bK1", "alice@10.0.0.1", "at", "bob@10.0.0.2",
                null, "t1", 1);
        w.at(0).send(ALICE, BOB, inv);
        w.at(10).send(BOB, ALICE, response(inv, 200, "OK").toTag("bt"));
        Msg refer = Msg.request("REFER", "sip:alice@10.0.0.1", BOB, "z9hG4bK2", "bob@10.0.0.2", "bt", "alice@10.0.0.1",
                "at", "t1", 5).header("Refer-To", "<sip:carol@10.0.0.3>").header("Referred-By", "<sip:bob@10.0.0.2>");
        w.at(1000).send(BOB, ALICE, refer);
        w.at(1005).send(ALICE, BOB, response(refer, 202, "Accepted"));
        // An unrelated call to Carol from someone else in the meantime is not the transfer.
        w.at(1100).send("10.0.0.7:5060", CAROL, Msg.request("INVITE", "sip:carol@10.0.0.3", "10.0.0.7:5060",
                "z9hG4bK3", "dan@10.0.0.7", "dt", "carol@10.0.0.3", null, "other", 1));
        w.at(1200).send(ALICE, CAROL, Msg.request("INVITE", "sip:carol@10.0.0.3", ALICE, "z9hG4bK4", "alice@10.0.0.1",
                "at2", "carol@10.0.0.3", null, "t2", 1).header("Referred-By", "<sip:bob@10.0.0.2>"));
        assertThat(w.call("t1").links()).containsExactly(new CallLink("t2", 3, LinkKind.REFER));
        assertThat(w.call("t2").links()).containsExactly(new CallLink("t1", 1, LinkKind.REFER));
        assertThat(w.call("other").links()).isEmpty();
        assertThat(w.call("t1").dialogs()).singleElement().extracting(DialogSummary::requests).isEqualTo(1);
    }

    @Test
    void attendedTransferLinksThroughReplaces() {
        Wire w = new Wire();
        // Bob talks to Alice (x1) and to Carol (x2); he refers Alice to Carol replacing x2; Alice's new
        // INVITE to Carol (x3) carries Replaces: x2.
        w.at(0).send(ALICE, BOB, Msg.request("INVITE", "sip:bob@10.0.0.2", ALICE, "z9hG4bK1", "alice@10.0.0.1", "at",
                "bob@10.0.0.2", null, "x1", 1));
        w.at(10).send(BOB, CAROL, Msg.request("INVITE", "sip:carol@10.0.0.3", BOB, "z9hG4bK2", "bob@10.0.0.2", "b2",
                "carol@10.0.0.3", null, "x2@10.0.0.2", 1));
        Msg refer = Msg.request("REFER", "sip:alice@10.0.0.1", BOB, "z9hG4bK3", "bob@10.0.0.2", "bt", "alice@10.0.0.1",
                "at", "x1", 2).header("Refer-To",
                "<sip:carol@10.0.0.3?Replaces=x2%4010.0.0.2%3Bto-tag%3Dct%3Bfrom-tag%3Db2>");
        w.at(1000).send(BOB, ALICE, refer);
        w.at(1100).send(ALICE, CAROL, Msg.request("INVITE", "sip:carol@10.0.0.3", ALICE, "z9hG4bK4", "alice@10.0.0.1",
                "a3", "carol@10.0.0.3", null, "x3", 1).header("Replaces", "x2@10.0.0.2;to-tag=ct;from-tag=b2"));
        assertThat(w.call("x1").links()).extracting(CallLink::callId, CallLink::kind)
                .containsExactly(tuple("x2@10.0.0.2", LinkKind.REFER), tuple("x3", LinkKind.REFER));
        assertThat(w.call("x2@10.0.0.2").links()).extracting(CallLink::callId, CallLink::kind)
                .containsExactly(tuple("x1", LinkKind.REFER), tuple("x3", LinkKind.REPLACES));
        assertThat(w.call("x3").links()).extracting(CallLink::callId, CallLink::kind)
                .containsExactly(tuple("x2@10.0.0.2", LinkKind.REPLACES), tuple("x1", LinkKind.REFER));
    }

    @Test
    void percentDecodingAndReplacesParsingSurviveOddInput() {
        assertThat(Correlator.percentDecode("a%40b%3Bc")).isEqualTo("a@b;c");
        assertThat(Correlator.percentDecode("100%")).isEqualTo("100%");
        assertThat(Correlator.percentDecode("%zz%4")).isEqualTo("%zz%4");
        assertThat(Correlator.replacesCallId(" abc@h ;to-tag=1")).isEqualTo("abc@h");
        assertThat(Correlator.replacesCallId(";to-tag=1")).isNull();
    }
}
