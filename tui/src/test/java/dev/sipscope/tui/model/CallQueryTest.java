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
        "idx>5                            | 6 7"})
    void filtersSelectTheExpectedCalls(String filter, String expected) throws QuerySyntaxException {
        List<Long> want = new ArrayList<>();
        for (String k : expected.trim().split(" +")) {
            want.add(Long.parseLong(k));
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
        "diag:maybe      | diag takes yes or no, not 'maybe'",
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
