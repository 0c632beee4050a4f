package dev.sipscope.correlator.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallFilterTest {

    /** A call as plain values; {@code text} is what its messages hold beyond the fields. */
    record Fake(long index, long startNanos, String method, String from, String to, String callId, String caller,
                String callee, String state, int finalCode, int messages, double durationSeconds,
                double postDialDelaySeconds, double mos, Set<String> diags, int streamCount, double worstLossPercent,
                double worstJitterMillis, String text, String addresses) implements CallFacts {
        public boolean inState(String s) {
            return state.equals(s);
        }

        public int diagnosticCount() {
            return diags.size();
        }

        public boolean hasDiagnostic(String code) {
            return diags.contains(code);
        }

        public boolean textContains(String needle) {
            return CallFilter.containsIgnoreCase(text, needle);
        }

        public boolean addressContains(String needle) {
            return CallFilter.containsIgnoreCase(addresses, needle);
        }
    }

    private static long at(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static final double NaN = Double.NaN;

    static final List<Fake> CALLS = List.of(
            new Fake(1, at("2026-01-15T09:59:00Z"), "INVITE", "sip:alice@example.com", "sip:bob@example.net", "c1@h",
                    "10.0.0.1:5060", "10.0.0.2:5060", "completed", 200, 7, 63.0, 0.8, 4.4, Set.of(), 2, 0.0, 1.5,
                    "User-Agent: PhoneA", "10.0.0.1:4000 10.0.0.2:4002"),
            new Fake(2, at("2026-01-15T10:00:00Z"), "INVITE", "sip:carol@example.com", "sip:dave@example.net", "c2@h",
                    "10.0.0.3:5060", "10.0.0.4:5060", "busy", 486, 5, NaN, 1.2, NaN, Set.of(), 0, NaN, NaN,
                    "Reason: Q.850;cause=17", ""),
            new Fake(3, at("2026-01-15T10:00:30Z"), "INVITE", "sip:alice@example.com", "sip:erin@example.net", "c3@h",
                    "10.0.0.1:5060", "192.168.1.5:5060", "completed", 200, 9, 20.0, 4.0, 2.9,
                    Set.of("LOW_MOS", "HIGH_LOSS"), 2, 6.5, 40.0, "", "192.168.1.5:30000"),
            new Fake(4, at("2026-01-15T10:05:00Z"), "INVITE", "sip:frank@example.com", "sip:gina@example.net", "c4@h",
                    "10.0.0.5:5060", "10.0.0.6:5060", "rejected", 503, 3, NaN, NaN, NaN, Set.of("SERVER_ERROR"), 0,
                    NaN, NaN, "", ""),
            new Fake(5, at("2026-01-15T10:10:00Z"), "REGISTER", "sip:uma@example.com", "sip:uma@example.com", "r5@h",
                    "10.0.0.9:5060", "10.0.0.254:5060", "registered", 200, 4, NaN, NaN, NaN, Set.of(), 0, NaN, NaN,
                    "Expires: 3600", ""),
            new Fake(6, Long.MIN_VALUE, "INVITE", "", "", "c6@h", "", "", "calling", 0, 1, NaN, NaN, NaN, Set.of(), 0,
                    NaN, NaN, "", ""));

    private static List<Long> select(String filter) throws FilterSyntaxException {
        CallFilter f = CallFilter.parse(filter);
        List<Long> out = new ArrayList<>();
        for (Fake c : CALLS) {
            if (f.matches(c)) {
                out.add(c.index());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''                                    | 1 2 3 4 5 6",
        "from:alice                            | 1 3",
        "to:dave,gina                          | 2 4",
        "user:uma                              | 5",
        "user:ALICE                            | 1 3",
        "callid:c2                             | 2",
        "method:register                       | 5",
        "caller:10.0.0.1                       | 1 3",
        "ip:192.168.1.5                        | 3",
        "ip:10.0.0.2:4002                      | 1",
        "state:busy                            | 2",
        "state:completed,rejected              | 1 3 4",
        "state:\"no answer\" or state:calling  | 6",
        "code:486                              | 2",
        "code:5xx                              | 4",
        "code:48x                              | 2",
        "code:400-599                          | 2 4",
        "code:0                                | 6",
        "code>=400                             | 2 4",
        "mos<3.5                               | 3",
        "mos>=3.5                              | 1",
        "not mos<3.5                           | 1 2 4 5 6",
        "dur>60                                | 1",
        "pdd>1                                 | 2 3",
        "msgs=7                                | 1",
        "idx<=2                                | 1 2",
        "loss>5                                | 3",
        "jitter>=40                            | 3",
        "streams=0                             | 2 4 5 6",
        "rtp                                   | 1 3",
        "rtp:no                                | 2 4 5 6",
        "diag                                  | 3 4",
        "diag:no                               | 1 2 5 6",
        "diag:low_mos                          | 3",
        "diag:SERVER_ERROR,HIGH_LOSS           | 3 4",
        "after:10:00                           | 2 3 4 5",
        "before:10:00                          | 1",
        "time:10:00..10:05                     | 2 3",
        "time:10:00:30..                       | 3 4 5",
        "time:..10:00:00.000000001             | 1 2",
        "after:2026-01-15T10:00:30Z            | 3 4 5",
        "before:2026-01-15T10:00:30            | 1 2",
        "after:2026-01-15T11:00:00+01:00       | 2 3 4 5",
        "after:2026-01-16                      | ''",
        "before:2026-01-16                     | 1 2 3 4 5",
        "PhoneA                                | 1",
        "\"cause=17\"                          | 2",
        "example.net                           | 1 2 3 4",
        "sip:frank                             | 4",
        "\"or\"                                | ''",
        "from:alice state:completed            | 1 3",
        "from:alice and mos<3.5                | 3",
        "from:alice AND mos<3.5 OR code:5xx    | 3 4",
        "from:alice and (mos<3.5 or code:5xx)  | 3",
        "-from:alice -state:busy               | 4 5 6",
        "!(from:alice or to:dave)              | 4 5 6",
        "-(-(from:alice))                      | 1 3",
        "not not from:alice                    | 1 3",
        "((code:5xx))                          | 4",
        "(state:busy)or(state:rejected)        | 2 4",
        "from:alice (mos<3.5)                  | 3",
        "-                                     | 1",
        "code!=200                             | 2 4 6",
        "state!=completed from:alice           | ''",
        "from!=alice                           | 2 4 5 6",
        "x!=y                                  | ''",
        "zz(from:alice)                        | ''"})
    void expressionsSelectTheExpectedCalls(String filter, String expected) throws FilterSyntaxException {
        List<Long> want = new ArrayList<>();
        for (String k : expected.trim().split(" +")) {
            if (!k.isEmpty()) {
                want.add(Long.parseLong(k));
            }
        }
        assertThat(select(filter)).as(filter).containsExactlyElementsOf(want);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "mos<abc                 | mos needs a number, not 'abc' at position 1",
        "from:a state:sleeping   | unknown state 'sleeping' at position 8 (known: calling,",
        "code:5xxx               | code takes a code or a pattern like 5xx, not '5xxx' at position 1",
        "code:599-400            | the code range '599-400' runs backwards at position 1",
        "code:abc                | not 'abc'",
        "from<3                  | from takes ':' and text, e.g. from:alice at position 1",
        "\"unclosed              | a double quote is not closed at position 1",
        "a \"b                   | a double quote is not closed at position 3",
        "diag:maybe              | unknown diagnostic code 'maybe' at position 1 (known: yes, no, HIGH_JITTER",
        "rtp:maybe               | rtp takes yes or no, not 'maybe' at position 1",
        "state:                  | state: needs a value at position 1",
        "after:                  | after: needs a time at position 1",
        "after:noon              | after needs a time such as",
        "after:25:00             | not '25:00' at position 1",
        "time:10:00              | time takes a range FROM..TO",
        "time:..                 | time: needs at least one end of the range",
        "mos>nan                 | mos needs a number, not 'nan'",
        "mos>1e999               | mos needs a number",
        "mos>5d                  | mos needs a number",
        "a or                    | nothing follows 'or' at position 3",
        "a and                   | nothing follows 'and' at position 3",
        "or a                    | 'or' needs a term before it at position 1",
        "a and or b              | 'or' needs a term before it at position 7",
        "not                     | nothing follows 'not' at position 1",
        "(a                      | '(' is not closed at position 1",
        "a (b or (c)             | '(' is not closed at position 3",
        "a)                      | ')' closes nothing at position 2",
        "()                      | empty parentheses at position 1",
        "state:busy ( )          | empty parentheses at position 12",
        "x(y))                   | ')' closes nothing at position 5"})
    void badExpressionsSayWhatAndWhereInOneSentence(String filter, String message) {
        assertThatThrownBy(() -> CallFilter.parse(filter)).isInstanceOf(FilterSyntaxException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void positionsPointAtTheOffendingToken() {
        FilterSyntaxException e = catchSyntax("from:alice   mos<x");
        assertThat(e.position()).isEqualTo(14);
        assertThat(e.reason()).isEqualTo("mos needs a number, not 'x'");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() throws FilterSyntaxException {
        String deep = "(".repeat(CallFilter.MAX_DEPTH + 1) + "a" + ")".repeat(CallFilter.MAX_DEPTH + 1);
        assertThat(catchSyntax(deep).getMessage()).contains("nested more than " + CallFilter.MAX_DEPTH + " deep");
        String ok = "(".repeat(CallFilter.MAX_DEPTH) + "from:alice" + ")".repeat(CallFilter.MAX_DEPTH);
        assertThat(CallFilter.parse(ok).matches(CALLS.get(0))).isTrue();
        // thousands of negations are a loop, not a recursion
        assertThat(CallFilter.parse("!".repeat(3001) + "from:alice").matches(CALLS.get(0))).isFalse();
        assertThat(catchSyntax("x".repeat(CallFilter.MAX_LENGTH + 1)).getMessage()).contains("longer than");
    }

    @Test
    void randomAndHostileInputOnlyEverGivesASyntaxError() {
        String alphabet = "()!-\"':<>=,. .abcxyzORandNOT059\u0000\u001b[\u202e\uD83D\uDE00\t\n";
        Random r = new Random(20260115);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(24);
            for (int k = 0; k < n; k++) {
                b.append(r.nextInt(4) == 0 ? CallFilter.STATES.get(r.nextInt(CallFilter.STATES.size()))
                        : r.nextInt(5) == 0 ? List.of("from:", "code:", "mos<", "time:", "diag:", " or ", " and ")
                        .get(r.nextInt(7)) : String.valueOf(alphabet.charAt(r.nextInt(alphabet.length()))));
            }
            try {
                CallFilter f = CallFilter.parse(b.toString());
                for (Fake c : CALLS) {
                    f.matches(c);
                }
                parsed++;
            } catch (FilterSyntaxException e) {
                assertThat(e.position()).as(b.toString()).isBetween(1, b.length() + 1);
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        assertThat(parsed).isGreaterThan(1000);
    }

    @Test
    void timesWithoutAnOffsetAreReadInTheFiltersZone() throws FilterSyntaxException {
        CallFilter paris = CallFilter.parse("after:11:00 before:11:01", ZoneId.of("Europe/Paris"));
        List<Long> out = new ArrayList<>();
        for (Fake c : CALLS) {
            if (paris.matches(c)) {
                out.add(c.index());
            }
        }
        assertThat(out).containsExactly(2L, 3L);
        assertThat(paris.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void detailIsNeededOnlyByTermsThatLookAtMessagesOrStreams() throws FilterSyntaxException {
        assertThat(CallFilter.parse("state:busy code:5xx mos<3 from:a after:10:00 diag").needsDetail()).isFalse();
        for (String f : new String[] {"alice", "ip:1.2.3.4", "loss>1", "jitter>1", "streams>0", "rtp",
                "diag:LOW_MOS", "state:busy or (x)"}) {
            assertThat(CallFilter.parse(f).needsDetail()).as(f).isTrue();
        }
        assertThat(CallFilter.parse("alice or -(bob and \"two words\") alice").textNeedles())
                .containsExactly("alice", "bob", "two words");
    }

    @Test
    void emptyIsAllAndEqualityFollowsTheText() throws FilterSyntaxException {
        assertThat(CallFilter.parse(" \t")).isSameAs(CallFilter.ALL);
        assertThat(CallFilter.parse(null)).isSameAs(CallFilter.ALL);
        assertThat(CallFilter.ALL.isEmpty()).isTrue();
        assertThat(CallFilter.parse(" code:5xx ")).isEqualTo(CallFilter.parse("code:5xx"));
        assertThat(CallFilter.parse("code:5xx").text()).isEqualTo("code:5xx");
        assertThat(CallFilter.parse("code:5xx")).isNotEqualTo(CallFilter.parse("code:4xx"));
    }

    @Test
    void stateNamesAndAliases() {
        assertThat(CallFilter.stateName("In Call")).isEqualTo("in_call");
        assertThat(CallFilter.stateName("no-answer")).isEqualTo("no_answer");
        assertThat(CallFilter.stateName("canceled")).isEqualTo("cancelled");
        assertThat(CallFilter.stateName("diverted")).isEqualTo("redirected");
        assertThat(CallFilter.stateName("call setup")).isEqualTo("setup");
        assertThat(CallFilter.stateName("sleeping")).isNull();
    }

    private static FilterSyntaxException catchSyntax(String filter) {
        try {
            CallFilter.parse(filter);
        } catch (FilterSyntaxException e) {
            return e;
        }
        throw new AssertionError("no syntax error for " + filter);
    }
}
