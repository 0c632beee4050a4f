package dev.sipscope.tui.model;

import dev.sipscope.tui.fixtures.UiFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallQueryTest {
    private static final FeedSnapshot FEED = UiFixtures.standard();

    /** Keys of the fixture calls the filter lets through. */
    private static List<Long> keys(String filter) throws QuerySyntaxException {
        CallQuery q = CallQuery.parse(filter);
        List<Long> out = new ArrayList<>();
        for (CallRow r : FEED.calls()) {
            if (q.matches(r, () -> FEED.detail(r.key()))) {
                out.add(r.key());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                              | 1 2 3 4 5 6 7",
        "state:rejected,busy              | 2 7",
        "state:in_call                    | 4 5",
        "state:\"in call\"                | 4 5",
        "code:5xx                         | 7",
        "code:4xx,5xx                     | 2 3 7",
        "code:48x                         | 2 3",
        "-code:2xx                        | 2 3 7",
        "mos<3.5                          | 4",
        "mos>=4                           | 1",
        "msgs>6                           | 1 3",
        "dur>=30                          | 1 4",
        "loss>1                           | 4",
        "jitter>30                        | 4",
        "streams=0                        | 2 3 5 6 7",
        "rtp                              | 1 4",
        "diag                             | 4 7",
        "diag:no                          | 1 2 3 5 6",
        "from:alice                       | 1 4",
        "from:alice to:bob                | 1",
        "ALICE                            | 1 4",
        "callee:192.168.50.10             | 4",
        "ip:192.168.50.10                 | 4 5",
        "method:register                  | 6",
        "fixture-switch/2.4               | 1 2 3 4 5 6 7",
        "\"Request Terminated\"           | 3",
        "sip:frank                        | 3",
        "!from:alice -state:ok            | 2 3 5 7",
        "idx>5                            | 6 7",
        "state:busy or code:5xx           | 2 7",
        "from:alice and (mos<3.5 or diag) | 4",
        "not (rtp or diag)                | 2 3 5 6",
        "user:mallory,frank               | 3 6",
        "state:calling                    | ''"})
    void filtersSelectTheExpectedCalls(String filter, String expected) throws QuerySyntaxException {
        List<Long> want = new ArrayList<>();
        for (String k : expected.trim().split(" +")) {
            if (!k.isEmpty()) {
                want.add(Long.parseLong(k));
            }
        }
        assertThat(keys(filter)).as(filter).containsExactlyElementsOf(want);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "mos<abc         | mos needs a number, not 'abc'",
        "state:sleeping  | unknown state 'sleeping'",
        "code:5xxx       | code takes a code or a pattern like 5xx, not '5xxx'",
        "from<3          | from takes ':' and text",
        "\"unclosed      | a double quote is not closed",
        "diag:maybe      | unknown diagnostic code 'maybe' at position 1",
        "a or            | nothing follows 'or' at position 3",
        "(state:busy     | '(' is not closed at position 1",
        "state:          | state: needs a value"})
    void badFiltersSayWhatIsWrongInOneSentence(String filter, String message) {
        assertThatThrownBy(() -> CallQuery.parse(filter)).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining(message);
    }

    @Test
    void noAnswerIsAStateOfItsOwnInFilters() throws QuerySyntaxException {
        CallRow unanswered = new CallRow(9, 1_000_000_000L, "INVITE", "ivan@example.com", "judy@example.net",
                "na@1", "1.2.3.4:5060", "5.6.7.8:5060", CallState.NO_ANSWER, 480, 4, 30_000_000_000L, Double.NaN, 0);
        for (String f : new String[] {"state:no_answer", "state:\"no answer\"", "state:noanswer", "state:busy,no-answer"}) {
            assertThat(CallQuery.parse(f).matches(unanswered, () -> null)).as(f).isTrue();
        }
        assertThat(CallQuery.parse("state:rejected").matches(unanswered, () -> null)).isFalse();
        assertThat(CallQuery.parse("-state:no_answer").matches(unanswered, () -> null)).isFalse();
        assertThat(keys("state:no_answer")).isEmpty();
        assertThat(CallState.NO_ANSWER.label()).isEqualTo("NO ANSWER");
        assertThat(CallState.NO_ANSWER.isFinal()).isTrue();
    }

    @Test
    void diagnosticCodesAndTimesOfDayWorkOnRows() throws QuerySyntaxException {
        CallRow row = new CallRow(3, 1_768_471_230_000_000_000L, "INVITE", "a@x", "b@y", "d@1", "1.2.3.4:5060",
                "5.6.7.8:5060", CallState.COMPLETED, 200, 7, 30_000_000_000L, 2.5, 1);
        CallDetail detail = new CallDetail(3, List.of(), List.of(), List.of("MOS 2.5 is low."), List.of(),
                List.of("LOW_MOS"));
        assertThat(CallQuery.parse("diag:low_mos").matches(row, () -> detail)).isTrue();
        assertThat(CallQuery.parse("diag:ONE_WAY_AUDIO").matches(row, () -> detail)).isFalse();
        // 1768471230 s is 2026-01-15T10:00:30Z, 11:00:30 in Paris
        assertThat(CallQuery.parse("after:10:00 before:10:01").matches(row, () -> detail)).isTrue();
        assertThat(CallQuery.parse("after:11:00", java.time.ZoneId.of("Europe/Paris")).matches(row, () -> detail))
                .isTrue();
        assertThat(CallQuery.parse("time:2026-01-15T10:00:31Z..").matches(row, () -> detail)).isFalse();
    }

    @Test
    void aComparisonWithoutAFigureNeverHolds() throws QuerySyntaxException {
        // calls 2, 3, 5, 6, 7 have no MOS: neither mos<5 nor mos>=0 holds for them
        assertThat(keys("mos<5")).containsExactly(1L, 4L);
        assertThat(keys("mos>=0")).containsExactly(1L, 4L);
    }

    @Test
    void detailIsOnlyAskedForTermsThatNeedIt() throws QuerySyntaxException {
        int[] asked = new int[1];
        CallRow row = FEED.calls().get(0);
        CallQuery.parse("state:completed code:200 mos>4").matches(row, () -> {
            asked[0]++;
            return FEED.detail(row.key());
        });
        assertThat(asked[0]).isZero();
        CallQuery text = CallQuery.parse("fixture");
        assertThat(text.needsDetail()).isTrue();
        text.matches(row, () -> {
            asked[0]++;
            return FEED.detail(row.key());
        });
        assertThat(asked[0]).isEqualTo(1);
    }

    @Test
    void equalityFollowsTheTextAndEmptyMeansAll() throws QuerySyntaxException {
        assertThat(CallQuery.parse("  ")).isSameAs(CallQuery.ALL);
        assertThat(CallQuery.parse("code:5xx")).isEqualTo(CallQuery.parse("code:5xx"));
        assertThat(CallQuery.parse("code:5xx").text()).isEqualTo("code:5xx");
    }

    @Test
    void containsIgnoreCaseHandlesEdges() {
        assertThat(CallQuery.containsIgnoreCase("", "")).isTrue();
        assertThat(CallQuery.containsIgnoreCase("abc", "")).isTrue();
        assertThat(CallQuery.containsIgnoreCase("", "a")).isFalse();
        assertThat(CallQuery.containsIgnoreCase("xxAbC", "abc")).isTrue();
        assertThat(CallQuery.containsIgnoreCase("ab", "abc")).isFalse();
    }
}
