package dev.sipscope.correlator.call;

import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import static dev.sipscope.correlator.Msg.response;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An evicted call must not stay reachable from the correlator: its ringing INVITE has a 181 s
 * ring timer pending (RFC 3261 §16.6 timer C), and before the timer entries were cancelled on
 * eviction, the timer queue kept the transaction, and through it the call, its messages and SDP,
 * until the timer fell due. Reachability is observed through the call's cached summary (a call
 * keeps the last summary it built) with weak references.
 */
class EvictedCallRetentionTest {

    @Test
    void ringingCallsEvictedBeforeTheirRingTimerFiresAreCollectable() {
        Engine engine = new Engine(EngineConfig.DEFAULTS.withCorrelator(CorrelatorConfig.DEFAULTS.withMaxCalls(2)));
        Wire w = new Wire(engine);
        List<WeakReference<CallSummary>> evicted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "ring-" + i;
            // each call its own media port, so that no two calls are linked (a link would rebuild
            // the other call's summary and make the weak reference meaningless)
            Msg inv = Msg.request("INVITE", "sip:bob@10.0.0.2", CallFlowTest.ALICE, "z9hG4bKr" + i, "alice@10.0.0.1",
                    "a" + i, "bob@10.0.0.2", null, id, 1).sdp("10.0.0.1", 4000 + 2 * i, "sendrecv");
            w.at(i * 100L).send(CallFlowTest.ALICE, CallFlowTest.BOB, inv);
            w.at(i * 100L + 10).send(CallFlowTest.BOB, CallFlowTest.ALICE,
                    response(inv, 180, "Ringing").toTag("b" + i));
            evicted.add(new WeakReference<>(w.call(id)));
        }
        assertThat(engine.correlator().callCount()).isEqualTo(2);
        assertThat(engine.correlator().callsEvicted()).isEqualTo(38);
        assertThat(w.call("ring-39").links()).isEmpty();
        // the two calls still kept are reachable (the weak references work), the 38 others are not
        CallSummary kept = w.call("ring-39");
        assertThat(kept).isNotNull();
        for (int round = 0; round < 5 && alive(evicted.subList(0, 38)) > 0; round++) {
            System.gc();
        }
        assertThat(alive(evicted.subList(0, 38))).as("evicted calls still reachable").isZero();
        assertThat(evicted.get(39).get()).isSameAs(kept);
        // and the ring timers of the kept calls still fire: 181 s later they end as not answered
        engine.correlator().advanceTime(Wire.START + 200_000 * CallFlowTest.MS);
        assertThat(w.call("ring-38").state()).isEqualTo(CallState.NO_ANSWER);
        assertThat(w.call("ring-39").state()).isEqualTo(CallState.NO_ANSWER);
        assertThat(w.call("ring-39").reason()).isEqualTo("no final response");
    }

    private static int alive(List<WeakReference<CallSummary>> refs) {
        int n = 0;
        for (WeakReference<CallSummary> r : refs) {
            if (r.get() != null) {
                n++;
            }
        }
        return n;
    }
}
