package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the ground truth a scenario declares agrees with what its SIP bytes say, using only
 * RFC 3261 rules applied by this test code to the messages read back from the frames:
 * <ul>
 *   <li>every message on the wire is in the truth (same start line, length, last frame, capture time);
 *   <li>Content-Length is exact, every Via branch has the magic cookie, requests carry Max-Forwards;
 *   <li>transactions: the key of 17.1.3/17.2.3 (top Via branch and sent-by, method, ACK of a non-2xx
 *       with its INVITE) computed from the bytes is the declared transaction's key, one key per
 *       transaction; all its messages share the CSeq number; responses repeat the request's Vias;
 *   <li>dialogs: a message belongs to the declared dialog whose Call-ID and tags it carries, and
 *       to none when it carries no To tag or no dialog has its tags;
 *   <li>retransmission flags: a message is flagged exactly when an earlier one on the same path had
 *       the same bytes;
 *   <li>inside each dialog each side's CSeq numbers rise.
 * </ul>
 */
final class SipTruthCheck {
    private SipTruthCheck() {
    }

    /** A message of the truth paired with what the wire shows. */
    record Pair(SipMessageTruth truth, SipView view, byte[] bytes) {
    }

    static List<Pair> verify(Scenario.Generated g) {
        ScenarioTruth t = g.truth();
        List<CaptureReader.Message> wire = CaptureReader.sipMessages(g.frames());
        List<SipMessageTruth> byLastFrame = new ArrayList<>(t.sipMessageList());
        byLastFrame.sort((a, b) -> Long.compare(last(a), last(b)));
        assertThat(wire).as("SIP messages on the wire").hasSize(byLastFrame.size());
        assertThat((long) byLastFrame.size()).isEqualTo(t.sipMessages());
        Map<SipMessageTruth, Pair> pairs = new HashMap<>();
        for (int i = 0; i < wire.size(); i++) {
            SipMessageTruth m = byLastFrame.get(i);
            CaptureReader.Message w = wire.get(i);
            String where = "message " + m.id() + " (" + m.firstLine() + ")";
            assertThat(w.lastFrame()).as(where + " last frame").isEqualTo(last(m));
            assertThat(w.bytes()).as(where + " length").hasSize(m.bytes());
            SipView v = SipView.parse(w.bytes());
            assertThat(v.firstLine()).as(where).isEqualTo(m.firstLine());
            long firstFrameTs = g.frames().get((int) (m.frames().get(0) - 1)).timestampNanos();
            assertThat(firstFrameTs).as(where + " capture time").isEqualTo(m.tsNanos());
            pairs.put(m, new Pair(m, v, w.bytes()));
        }
        List<Pair> ordered = new ArrayList<>();
        for (SipMessageTruth m : t.sipMessageList()) {
            ordered.add(pairs.get(m));
        }
        for (int i = 0; i < ordered.size(); i++) {
            assertThat(ordered.get(i).truth().id()).isEqualTo(i);
        }
        checkMessages(ordered);
        checkTransactions(t, ordered);
        checkDialogs(t, ordered);
        checkRetransmissions(ordered);
        checkDialogCseq(t, ordered);
        return ordered;
    }

    private static long last(SipMessageTruth m) {
        return m.frames().get(m.frames().size() - 1);
    }

    private static void checkMessages(List<Pair> pairs) {
        for (Pair p : pairs) {
            SipView v = p.view();
            SipMessageTruth m = p.truth();
            String where = "message " + m.id() + " (" + m.firstLine() + ")";
            assertThat(v.header("Call-ID")).as(where + " Call-ID").isEqualTo(m.callId());
            assertThat(v.cseqNumber()).as(where + " CSeq").isEqualTo(m.cseq());
            assertThat(v.method()).as(where + " method").isEqualTo(m.method());
            assertThat(v.status()).as(where + " status").isEqualTo(m.statusCode());
            List<String> vias = v.all("Via");
            assertThat(vias).as(where + " Via").isNotEmpty();
            for (String via : vias) {
                assertThat(SipView.branchOf(via)).as(where + " branch").startsWith("z9hG4bK");
            }
            if (v.isRequest()) {
                assertThat(v.header("Max-Forwards")).as(where + " Max-Forwards").isNotNull();
                assertThat(v.cseqMethod()).as(where + " CSeq method").isEqualTo(v.method());
            }
            assertThat(v.header("From")).as(where).isNotNull();
            assertThat(SipView.tagOf(v.header("From"))).as(where + " From tag").isNotNull();
            assertThat(m.transaction()).as(where + " transaction").isNotNull();
        }
    }

    /** The RFC 3261 17.2.3 key of a message, from its bytes; {@code inviteKeys} decides what an ACK matches. */
    private static String wireKey(SipView v, Set<String> inviteKeys) {
        String top = v.all("Via").get(0);
        String base = SipView.branchOf(top) + "|" + SipView.sentByOf(top) + "|";
        String method = v.isRequest() ? v.method() : v.cseqMethod();
        if ("ACK".equals(method) && inviteKeys.contains(base + "INVITE")) {
            return base + "INVITE";
        }
        return base + method;
    }

    private static void checkTransactions(ScenarioTruth t, List<Pair> pairs) {
        Set<String> inviteKeys = new HashSet<>();
        for (Pair p : pairs) {
            if (p.view().isRequest() && "INVITE".equals(p.view().method())) {
                inviteKeys.add(wireKey(p.view(), Set.of()));
            }
        }
        Map<String, TransactionTruth> byKey = new HashMap<>();
        for (Pair p : pairs) {
            SipMessageTruth m = p.truth();
            TransactionTruth tx = m.transaction();
            String key = wireKey(p.view(), inviteKeys);
            assertThat(key).as("message %d (%s): wire key vs declared transaction", m.id(), m.firstLine())
                    .isEqualTo(tx.key());
            TransactionTruth before = byKey.putIfAbsent(key, tx);
            assertThat(before == null || before == tx).as("two transactions share key %s", key).isTrue();
            assertThat(m.cseq()).as("CSeq within transaction %d", tx.id()).isEqualTo(tx.messages().get(0).cseq());
            assertThat(m.callId()).isEqualTo(tx.callId());
            String expectedCseqMethod = "ACK".equals(m.method()) && m.isRequest() ? "ACK" : tx.method();
            assertThat(p.view().cseqMethod()).as("CSeq method of message %d", m.id()).isEqualTo(expectedCseqMethod);
        }
        assertThat(byKey.values()).as("every declared transaction appears").hasSize(t.transactions().size());
        Map<TransactionTruth, SipView> requestOf = new HashMap<>();
        for (Pair p : pairs) {
            if (p.view().isRequest() && !("ACK".equals(p.view().method()) && !"ACK".equals(p.truth().transaction().method()))) {
                requestOf.putIfAbsent(p.truth().transaction(), p.view());
            }
        }
        for (Pair p : pairs) {
            if (p.view().isRequest()) {
                continue;
            }
            SipView request = requestOf.get(p.truth().transaction());
            assertThat(request).as("response %d has its request in the capture", p.truth().id()).isNotNull();
            List<String> rv = p.view().all("Via");
            List<String> qv = request.all("Via");
            assertThat(rv).as("response %d repeats the request's Vias", p.truth().id()).hasSameSizeAs(qv);
            for (int i = 0; i < rv.size(); i++) {
                assertThat(SipView.branchOf(rv.get(i))).isEqualTo(SipView.branchOf(qv.get(i)));
                assertThat(SipView.sentByOf(rv.get(i))).isEqualTo(SipView.sentByOf(qv.get(i)));
            }
            assertThat(p.view().header("From")).isEqualTo(request.header("From"));
            String requestToTag = SipView.tagOf(request.header("To"));
            if (requestToTag != null) {
                assertThat(SipView.tagOf(p.view().header("To"))).isEqualTo(requestToTag);
            }
        }
        for (TransactionTruth tx : t.transactions()) {
            assertThat(tx.requests()).as("transaction %d has a request", tx.id()).isPositive();
            assertThat(tx.requestNanos()).isEqualTo(tx.messages().get(0).tsNanos());
            if (tx.cancels() != null) {
                assertThat(tx.method()).isEqualTo("CANCEL");
                assertThat(tx.branch()).isEqualTo(tx.cancels().branch());
                assertThat(tx.messages().get(0).cseq()).isEqualTo(tx.cancels().messages().get(0).cseq());
            }
            if (tx.forwardOf() != null) {
                assertThat(tx.forwardOf().method()).isEqualTo(tx.method());
                assertThat(tx.forwardOf().callId()).isEqualTo(tx.callId());
            }
        }
    }

    private static void checkDialogs(ScenarioTruth t, List<Pair> pairs) {
        Map<String, DialogTruth> byTags = new HashMap<>();
        for (DialogTruth d : t.dialogs()) {
            assertThat(byTags.put(d.callId() + "|" + sorted(d.fromTag(), d.toTag()), d)).as("duplicate dialog %s", d).isNull();
            if (d.earlyNanos() >= 0 && d.confirmedNanos() >= 0) {
                assertThat(d.earlyNanos()).isLessThanOrEqualTo(d.confirmedNanos());
            }
            if (d.terminatedNanos() >= 0) {
                assertThat(d.terminatedNanos()).isGreaterThanOrEqualTo(Math.max(d.earlyNanos(), d.confirmedNanos()));
                assertThat(d.end()).isNotNull();
            }
            assertThat(d.messages()).as("dialog %d has messages", d.id()).isNotEmpty();
        }
        for (Pair p : pairs) {
            SipMessageTruth m = p.truth();
            String fromTag = SipView.tagOf(p.view().header("From"));
            String toTag = SipView.tagOf(p.view().header("To"));
            DialogTruth expected = toTag == null ? null : byTags.get(m.callId() + "|" + sorted(fromTag, toTag));
            assertThat(m.dialog()).as("dialog of message %d (%s)", m.id(), m.firstLine()).isSameAs(expected);
            if (expected != null) {
                assertThat(expected.messages()).contains(m);
            }
        }
    }

    private static String sorted(String a, String b) {
        String[] x = {a, b};
        Arrays.sort(x);
        return x[0] + "|" + x[1];
    }

    private static void checkRetransmissions(List<Pair> pairs) {
        Map<String, Set<String>> seen = new HashMap<>();
        for (Pair p : pairs) {
            SipMessageTruth m = p.truth();
            String path = m.src() + ">" + m.dst();
            String content = Arrays.toString(p.bytes());
            boolean repeat = !seen.computeIfAbsent(path, k -> new HashSet<>()).add(content);
            assertThat(m.retransmission()).as("retransmission flag of message %d (%s)", m.id(), m.firstLine())
                    .isEqualTo(repeat);
        }
    }

    private static void checkDialogCseq(ScenarioTruth t, List<Pair> pairs) {
        Map<SipMessageTruth, SipView> views = new HashMap<>();
        pairs.forEach(p -> views.put(p.truth(), p.view()));
        for (DialogTruth d : t.dialogs()) {
            Map<String, Long> lastBySender = new HashMap<>();
            Set<String> counted = new HashSet<>();
            for (SipMessageTruth m : d.messages()) {
                if (!m.isRequest() || m.retransmission() || "ACK".equals(m.method()) || "CANCEL".equals(m.method())) {
                    continue;
                }
                String sender = SipView.tagOf(views.get(m).header("From"));
                if (!counted.add(sender + "|" + m.cseq() + "|" + m.method())) {
                    continue; // the same request forwarded by a proxy
                }
                Long previous = lastBySender.put(sender, m.cseq());
                if (previous != null) {
                    assertThat(m.cseq()).as("CSeq of %s in dialog %d rises", m.firstLine(), d.id()).isGreaterThan(previous);
                }
            }
        }
    }
}
