package dev.sipscope.correlator.call;

import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import org.junit.jupiter.api.Test;

import static dev.sipscope.correlator.Msg.response;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Correlator#focusOn}: the call {@code sipscope ladder --call} draws keeps its messages and stays, however
 * many calls come after it; the others keep none. Before, a ladder of a capture with more calls than the
 * correlator kept could not find a call that had been evicted.
 */
class FocusedCallTest {

    @Test
    void theFocusedCallKeepsItsMessagesAndIsNeverTheOneEvicted() {
        Engine engine = threeCalls("call-2");
        Wire w = new Wire(engine);
        for (int i = 0; i < 40; i++) {
            answeredAndEnded(w, i);
        }
        assertThat(engine.correlator().callCount()).isEqualTo(3);
        assertThat(engine.correlator().callsEvicted()).isEqualTo(37);
        assertThat(callIds(engine)).as("the focused call, finished first of all, and the two newest others")
                .containsExactly("call-2", "call-38", "call-39");
        CallSummary focused = w.call("call-2");
        assertThat(focused.state()).isEqualTo(CallState.COMPLETED);
        assertThat(focused.messages()).hasSize(6);
        assertThat(focused.messagesNotKept()).isZero();
        CallSummary other = w.call("call-39");
        assertThat(other.messages()).as("other calls keep no message").isEmpty();
        assertThat(other.messagesNotKept()).isEqualTo(6);
    }

    @Test
    void whenNoCallHasFinishedTheOldestActiveCallThatIsNotFocusedGoes() {
        Engine engine = threeCalls("ring-0");
        Wire w = new Wire(engine);
        for (int i = 0; i < 10; i++) {
            Msg inv = Msg.request("INVITE", "sip:bob@10.0.0.2", CallFlowTest.ALICE, "z9hG4bKr" + i, "alice@10.0.0.1",
                    "a" + i, "bob@10.0.0.2", null, "ring-" + i, 1).sdp("10.0.0.1", 4000 + 2 * i, "sendrecv");
            w.at(i * 100L).send(CallFlowTest.ALICE, CallFlowTest.BOB, inv);
            w.at(i * 100L + 10).send(CallFlowTest.BOB, CallFlowTest.ALICE, response(inv, 180, "Ringing").toTag("b" + i));
        }
        assertThat(callIds(engine)).containsExactly("ring-0", "ring-8", "ring-9");
        assertThat(engine.correlator().activeCallsEvicted()).isEqualTo(7);
        assertThat(w.call("ring-0").messages()).hasSize(2);
    }

    @Test
    void withoutFocusEveryCallKeepsItsMessagesAndTheOldestFinishedGoesFirst() {
        Engine engine = threeCalls(null);
        Wire w = new Wire(engine);
        for (int i = 0; i < 40; i++) {
            answeredAndEnded(w, i);
        }
        assertThat(callIds(engine)).containsExactly("call-37", "call-38", "call-39");
        assertThat(w.call("call-39").messages()).hasSize(6);
    }

    /** An engine that keeps at most three calls, focused on {@code callId} (null: none). */
    private static Engine threeCalls(String callId) {
        Engine engine = new Engine(EngineConfig.DEFAULTS.withCorrelator(CorrelatorConfig.DEFAULTS.withMaxCalls(3)));
        engine.correlator().focusOn(callId);
        return engine;
    }

    private static java.util.List<String> callIds(Engine engine) {
        return engine.snapshot().calls().stream().map(CallSummary::callId).toList();
    }

    /** INVITE, 180, 200, ACK, BYE, 200, with a media port of its own so that no two calls are linked. */
    private static void answeredAndEnded(Wire w, int i) {
        String id = "call-" + i;
        long t = i * 1_000L;
        Msg inv = Msg.request("INVITE", "sip:bob@10.0.0.2", CallFlowTest.ALICE, "z9hG4bKf" + i, "alice@10.0.0.1",
                "a" + i, "bob@10.0.0.2", null, id, 1).sdp("10.0.0.1", 4000 + 2 * i, "sendrecv");
        w.at(t).send(CallFlowTest.ALICE, CallFlowTest.BOB, inv);
        w.at(t + 10).send(CallFlowTest.BOB, CallFlowTest.ALICE, response(inv, 180, "Ringing").toTag("b" + i));
        w.at(t + 20).send(CallFlowTest.BOB, CallFlowTest.ALICE,
                response(inv, 200, "OK").toTag("b" + i).sdp("10.0.0.2", 6000 + 2 * i, "sendrecv"));
        w.at(t + 30).send(CallFlowTest.ALICE, CallFlowTest.BOB, Msg.request("ACK", "sip:bob@10.0.0.2", CallFlowTest.ALICE,
                "z9hG4bKfa" + i, "alice@10.0.0.1", "a" + i, "bob@10.0.0.2", "b" + i, id, 1));
        Msg bye = Msg.request("BYE", "sip:bob@10.0.0.2", CallFlowTest.ALICE, "z9hG4bKfb" + i, "alice@10.0.0.1",
                "a" + i, "bob@10.0.0.2", "b" + i, id, 2);
        w.at(t + 500).send(CallFlowTest.ALICE, CallFlowTest.BOB, bye);
        w.at(t + 510).send(CallFlowTest.BOB, CallFlowTest.ALICE, response(bye, 200, "OK"));
    }
}
