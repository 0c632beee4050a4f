package dev.sipscope.correlator.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link Correlator#summariesOnDemand()}: each element equals what {@link Correlator#summaries()}
 * gives for the same traffic, whether or not summaries were taken before and whatever changed since
 * (new messages, RTP counted on a binding), read on one thread or two; it keeps nothing (each read
 * makes a new summary) and changes nothing (the kept summaries are the same afterwards). Both follow
 * a change of the hop that describes the parties.
 */
class OnDemandSummariesTest {

    /** RTP to the caller's announced endpoint of a few answered calls: only their media counters move. */
    private static void rtp(Wire w, int from, int to) {
        for (int i = from; i < to; i += 2) {
            if (i % 4 != 0) {
                w.rtp("10.2.0.1:" + (30000 + 2 * (i % 1000)), "10.1." + (i / 250) + "." + (i % 250) + ":" + (20000 + 2 * i), 3);
            }
        }
    }

    @Test
    void eachElementIsTheSummaryTheKeptListHas() {
        int n = 600;
        Wire a = new Wire();
        Wire b = new Wire();
        ParallelSummariesTest.traffic(a, 0, n);
        ParallelSummariesTest.traffic(b, 0, n);
        // Never summarised before.
        List<CallSummary> onDemand = b.engine().correlator().summariesOnDemand();
        assertSame("fresh", onDemand, a.engine().correlator().summaries(false));
        // Taken once, then RTP moves some media counters and new calls come.
        b.engine().correlator().summaries(false);
        rtp(a, 0, 40);
        rtp(b, 0, 40);
        ParallelSummariesTest.traffic(a, n, n + 50);
        ParallelSummariesTest.traffic(b, n, n + 50);
        assertSame("after RTP and more calls", b.engine().correlator().summariesOnDemand(),
                a.engine().correlator().summaries(false));
        // Only media counters moved since the last kept summaries.
        a.engine().correlator().summaries(false);
        b.engine().correlator().summaries(false);
        long before = packets(a.engine().correlator().summaries(false).get(2));
        rtp(a, 0, 40);
        rtp(b, 0, 40);
        assertThat(packets(a.engine().correlator().summaries(false).get(2))).as("call 2's RTP packets")
                .isGreaterThan(before).isGreaterThan(0);
        assertSame("after RTP only", b.engine().correlator().summariesOnDemand(),
                a.engine().correlator().summaries(false));
        // Nothing of b changed: its kept summaries still equal a's.
        assertSame("the kept list afterwards", b.engine().correlator().summaries(false),
                a.engine().correlator().summaries(false));
    }

    @Test
    void itKeepsNothingAndTwoThreadsReadItAsOne() throws Exception {
        Wire a = new Wire();
        Wire b = new Wire();
        ParallelSummariesTest.traffic(a, 0, 3000);
        ParallelSummariesTest.traffic(b, 0, 3000);
        List<CallSummary> onDemand = b.engine().correlator().summariesOnDemand();
        assertThat(onDemand.get(7)).isNotSameAs(onDemand.get(7)).isEqualTo(onDemand.get(7));
        // Even and odd elements on two threads at once, as the JSON report's two threads read it.
        CallSummary[] read = new CallSummary[onDemand.size()];
        CompletableFuture<Void> odd = CompletableFuture.runAsync(() -> {
            for (int i = 1; i < read.length; i += 2) {
                read[i] = onDemand.get(i);
            }
        });
        for (int i = 0; i < read.length; i += 2) {
            read[i] = onDemand.get(i);
        }
        odd.get();
        assertSame("two threads", List.of(read), a.engine().correlator().summaries(false));
    }

    @Test
    void partiesTakenFromAResponseGiveWayToTheInitialRequest() {
        Wire w = new Wire();
        Msg inv = Msg.request("INVITE", "sip:b@example.com", "10.0.0.1:5060", "z9hG4bKp", "a@example.com",
                "fp", "b@example.com", null, "parties", 1);
        Msg earlier = Msg.request("INVITE", "sip:b@example.com", "10.0.0.8:5060", "z9hG4bKq", "a@example.com",
                "fp", "b@example.com", null, "parties", 1);
        // The capture starts with a 180 to an INVITE it missed, on another hop: the parties are
        // guessed from it until an initial INVITE shows up.
        w.at(0).send("10.0.0.9:5060", "10.0.0.8:5060", Msg.response(earlier, 180, "Ringing").toTag("tp"));
        CallSummary guessed = w.engine().correlator().summaries(false).get(0);
        assertThat(guessed.caller()).isEqualTo("10.0.0.8:5060");
        assertThat(guessed.callee()).isEqualTo("10.0.0.9:5060");
        w.at(5).send("10.0.0.1:5060", "10.0.0.2:5060", inv);
        CallSummary kept = w.engine().correlator().summaries(false).get(0);
        assertThat(kept.caller()).isEqualTo("10.0.0.1:5060");
        assertThat(kept.callee()).isEqualTo("10.0.0.2:5060");
        assertThat(w.engine().correlator().summariesOnDemand().get(0)).isEqualTo(kept);
    }

    private static long packets(CallSummary c) {
        return c.media().stream().mapToLong(m -> m.packets()).sum();
    }

    /** Equal lists, or the first pair that differs; compared as text (two engines' objects differ). */
    private static void assertSame(String what, List<CallSummary> got, List<CallSummary> expected) {
        assertThat(got).as(what).hasSameSizeAs(expected);
        List<String> g = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).toString()).as("%s: call %d", what, i).isEqualTo(expected.get(i).toString());
            g.add(got.get(i).callId());
        }
        assertThat(g).doesNotHaveDuplicates();
    }
}
