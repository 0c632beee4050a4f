package dev.sipscope.correlator.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Correlator#summaries()} builds half of many calls' summaries on a second thread: the list is
 * equal to the one built on one thread, calls sharing media endpoints included, and stays equal when
 * asked again after more traffic.
 */
class ParallelSummariesTest {

    /**
     * Calls answered with SDP or rejected, every 4th pair announcing the same media endpoint (shared
     * bindings); the answered calls' callers announce {@code 10.1.<i/250>.<i%250>:<20000+2i>} (every
     * 4th: {@code 10.9.9.9:40000}), their callees {@code 10.2.0.1:<30000+2(i%1000)>}.
     */
    static void traffic(Wire w, int from, int to) {
        for (int i = from; i < to; i++) {
            String callId = "c" + i;
            String media = "10.1." + (i / 250) + "." + (i % 250);
            int port = i % 4 == 0 ? 40000 : 20000 + 2 * i;
            Msg inv = Msg.request("INVITE", "sip:b@example.com", "10.0.0.1:5060", "z9hG4bK" + i, "a" + i + "@example.com",
                    "f" + i, "b@example.com", null, callId, 1).sdp(i % 4 == 0 ? "10.9.9.9" : media, port, "sendrecv");
            w.at(i * 10L).send("10.0.0.1:5060", "10.0.0.2:5060", inv);
            if (i % 2 == 0) {
                w.at(i * 10L + 1).send("10.0.0.2:5060", "10.0.0.1:5060",
                        Msg.response(inv, 200, "OK").toTag("t" + i).sdp("10.2.0.1", 30000 + 2 * (i % 1000), "sendrecv"));
            } else {
                w.at(i * 10L + 1).send("10.0.0.2:5060", "10.0.0.1:5060", Msg.response(inv, 404, "Not Found").toTag("t" + i));
            }
        }
    }

    @Test
    void twoThreadsGiveTheListOneThreadGives() {
        int n = Correlator.PARALLEL_SUMMARIES + 1001;
        Wire a = new Wire();
        Wire b = new Wire();
        traffic(a, 0, n);
        traffic(b, 0, n);
        List<CallSummary> one = a.engine().correlator().summaries(false);
        List<CallSummary> two = b.engine().correlator().summaries(true);
        assertSame("first", two, one);
        assertSame("the public method, with this many calls", b.engine().correlator().summaries(), one);

        traffic(a, n, n + 100);
        traffic(b, n, n + 100);
        assertSame("after more traffic", b.engine().correlator().summaries(true), a.engine().correlator().summaries(false));
    }

    /**
     * Equal lists, or the first pair that differs (whole lists would make an unreadable message);
     * compared as text, as the kept messages of two engines are different objects.
     */
    private static void assertSame(String what, List<CallSummary> got, List<CallSummary> expected) {
        assertThat(got).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).toString()).as("%s: call %d", what, i).isEqualTo(expected.get(i).toString());
        }
    }
}
