package dev.sipscope.correlator.call;

import dev.sipscope.correlator.media.MediaBinding;
import dev.sipscope.correlator.media.MediaOwner;
import dev.sipscope.correlator.media.MediaRegistry;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sdp.SdpSession;
import dev.sipscope.decoder.sip.ByteKey;
import dev.sipscope.decoder.sip.SipAddress;
import dev.sipscope.decoder.sip.SipCSeq;
import dev.sipscope.decoder.sip.SipHeaderId;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipMethod;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.decoder.sip.SipUri;
import dev.sipscope.decoder.sip.SipVia;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Correlates SIP messages into transactions, dialogs and calls, and keeps each call's state,
 * timings, links and media announcements. It is the {@link SipSink} of the engine's SIP decoder.
 *
 * <h2>Transactions (RFC 3261 §17)</h2>
 * A message's transaction is found by its top Via branch, sent-by and method ({@link TransactionKey};
 * RFC 2543 fallback without magic cookie). An ACK is looked up as the INVITE it acknowledges: found,
 * it is the ACK of a non-2xx final response (part of the INVITE transaction, §17.1.1.3) or the ACK
 * of a 2xx reusing the INVITE's branch; not found, it is a 2xx ACK, a transaction of its own
 * (§13.2.2.4). A CANCEL is its own transaction, tied to the INVITE with its branch (§9.1).
 * <ul>
 *   <li>A request equal to its transaction's request on the same hop, or a response equal in status,
 *       To tag and RSeq to one already seen on the same hop, is a <em>retransmission</em>: counted,
 *       kept flagged, and without effect on the call.</li>
 *   <li>A request whose second Via is the top Via of a request already seen is the same request
 *       <em>forwarded</em> by a proxy onto another hop: a new transaction (the proxy's branch), a
 *       new step of the ladder, and not the one that decides the call (only the first hop seen,
 *       the root, does; responses relayed back on it carry the verdict).</li>
 *   <li>The same transaction seen on another hop without a new Via (two capture points, NAT) is a
 *       new message, not a retransmission.</li>
 * </ul>
 *
 * <h2>Dialogs (RFC 3261 §12)</h2>
 * Within a call, a dialog is its creator's tag and the To tag of the branch that answered.
 * Provisional responses with a To tag create early dialogs; each fork of a forked INVITE has its
 * own; 2xx confirm (or create) them, non-2xx finals end them. Requests carrying a To tag (re-INVITE,
 * UPDATE, BYE, INFO, REFER, NOTIFY, PRACK, ACK) attach to the dialog whose tags they carry, in
 * either direction; one is created confirmed when the capture missed its start.
 *
 * <h2>Calls, state and timings</h2>
 * A call is everything sharing a Call-ID; its {@link CallKind} comes from its first request and its
 * {@link CallState} from the root transaction of that request's method: for INVITE, 100 →
 * proceeding, 180/183 → ringing, 2xx → in call, BYE → completed, 487 after a CANCEL → cancelled,
 * 486/600 → busy, 408/480 or an unrequested 487 → no answer, 3xx → redirected, other 4xx-6xx →
 * rejected; no response at all within 64*T1 → failed; a new INVITE after a failure (an
 * authentication challenge, a redirect) starts over. Post-dial delay, setup time, answer-to-ACK and
 * duration are measured from the first INVITE seen.
 *
 * <h2>Links</h2>
 * Calls are linked when a message of one names the other's Call-ID in a configured header (B2BUA),
 * when both announce the same media endpoint within a window (B2BUA passing SDP through), when an
 * INVITE carries Replaces (RFC 3891) or a REFER's Refer-To embeds one, and when an INVITE follows a
 * REFER (RFC 3515) to its target from the referred party, or carries its Referred-By (RFC 3892).
 *
 * <h2>Bounds</h2>
 * See {@link CorrelatorConfig}: calls (finished ones evicted first), messages, dialogs and hops per
 * call, transactions remembered, pending links (16,384) and pending transfers (4,096). Nothing here
 * throws on hostile input; a message without Call-ID is counted and dropped.
 *
 * <p>Not thread-safe: the engine thread owns it.
 */
public final class Correlator implements SipSink {
    static final int MAX_PENDING_LINKS = 16_384;
    static final int MAX_PENDING_TRANSFERS = 4_096;
    private static final long TIMER_CHECK_NANOS = 100_000_000L;

    private final CorrelatorConfig config;
    private final MediaRegistry registry;

    private final LinkedHashMap<ByteKey, Call> calls = new LinkedHashMap<>();
    /** {@link #focusOn}: the only Call-ID whose calls keep messages and are kept, or null for none. */
    private ByteKey focus;
    private final LinkedHashMap<TransactionKey, Transaction> transactions;
    /**
     * Pending timers, one FIFO per duration: every timer of a queue is set {@code duration} after
     * the capture time it was set at, so each queue is (nearly) in due order and costs O(1) per
     * timer. An entry is cancelled (its transaction cleared) when its transaction is rescheduled,
     * forgotten or evicted with its call, so a queue never keeps an evicted call reachable until the
     * 181 s ring timeout; cancelled entries are dropped when they reach the head, and a queue is
     * compacted once it holds more than twice the live entries plus 1,024 (live entries are at most
     * one per live transaction), so cancelled entries never outnumber the live ones by much.
     */
    private final ArrayDeque<TimerEntry> shortTimers = new ArrayDeque<>();
    private final ArrayDeque<TimerEntry> ringTimers = new ArrayDeque<>();
    /** Timer entries not cancelled, in both queues (at most one per live transaction). */
    private int liveTimers;
    private final ArrayDeque<Call> finished = new ArrayDeque<>();
    private final LinkedHashMap<ByteKey, List<PendingLink>> pendingLinks;
    private final ArrayDeque<PendingTransfer> transfers = new ArrayDeque<>();
    /** Texts calls repeat (addresses, User-Agents, URIs), kept once. */
    private final SharedTexts texts = new SharedTexts();

    private long nowNanos = Long.MIN_VALUE;
    private long nextWorkNanos = Long.MIN_VALUE;
    private long nextCallNumber = 1;

    private long messages;
    private long messagesWithoutCallId;
    private long retransmissions;
    private long callsCreated;
    private long callsEvicted;
    private long activeCallsEvicted;
    private long transactionsForgotten;

    /** One pending timer; {@code tx} is null once cancelled. */
    static final class TimerEntry {
        final long dueNanos;
        Transaction tx;

        TimerEntry(long dueNanos, Transaction tx) {
            this.dueNanos = dueNanos;
            this.tx = tx;
        }
    }

    private record PendingLink(Call from, LinkKind kind) {
    }

    private record PendingTransfer(Call call, String target, String transferee, String referredBy, long nanos) {
    }

    public Correlator(CorrelatorConfig config, MediaRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.transactions = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TransactionKey, Transaction> eldest) {
                if (size() <= config.maxTransactions()) {
                    return false;
                }
                Transaction t = eldest.getValue();
                t.live = false;
                cancelTimer(t);
                t.release();
                t.call.transactionGone(t);
                transactionsForgotten++;
                return true;
            }
        };
        registry.onRelay(this::relayed, config.sdpLinkWindowNanos());
        this.pendingLinks = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteKey, List<PendingLink>> eldest) {
                return size() > MAX_PENDING_LINKS;
            }
        };
    }

    public CorrelatorConfig config() {
        return config;
    }

    public MediaRegistry registry() {
        return registry;
    }

    // ---------------------------------------------------------------- time

    /**
     * Moves capture time forward to {@code timeNanos} (never back): fires the RFC 3261 timers that
     * are due and lets the media registry drop released endpoints. Cheap when nothing is due (two
     * comparisons), so it may be called for every packet.
     */
    public void advanceTime(long timeNanos) {
        // Called for every packet: the common case (nothing due) is kept small enough to be inlined.
        if (timeNanos > nowNanos) {
            nowNanos = timeNanos;
            if (timeNanos >= nextWorkNanos) {
                work(timeNanos);
            }
        }
    }

    /** Fires what is due at {@code timeNanos} and releases expired media; sets the next time to look. */
    private void work(long timeNanos) {
        fire(shortTimers, timeNanos);
        fire(ringTimers, timeNanos);
        registry.sweep(timeNanos);
        nextWorkNanos = Math.min(Math.min(due(shortTimers), due(ringTimers)), timeNanos + TIMER_CHECK_NANOS);
    }

    /** The latest capture time seen, or {@code Long.MIN_VALUE} before the first packet. */
    public long nowNanos() {
        return nowNanos;
    }

    private void fire(ArrayDeque<TimerEntry> queue, long timeNanos) {
        TimerEntry e;
        while ((e = queue.peek()) != null && e.dueNanos <= timeNanos) {
            queue.poll();
            Transaction tx = e.tx;
            if (tx != null) {
                e.tx = null;
                tx.timer = null;
                liveTimers--;
                onTimer(tx, e.dueNanos);
            }
        }
    }

    private static long due(ArrayDeque<TimerEntry> queue) {
        TimerEntry e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.dueNanos;
    }

    /** Sets the transaction's timer to {@code t} plus the ring timeout or the transaction timeout. */
    private void schedule(Transaction tx, long t, boolean ring) {
        long dueNanos = t + (ring ? config.ringTimeoutNanos() : config.transactionTimeoutNanos());
        cancelTimer(tx);
        TimerEntry entry = new TimerEntry(dueNanos, tx);
        tx.timer = entry;
        liveTimers++;
        ArrayDeque<TimerEntry> queue = ring ? ringTimers : shortTimers;
        queue.add(entry);
        if (queue.size() > 2 * liveTimers + 1024) {
            queue.removeIf(e -> e.tx == null);
        }
        if (dueNanos < nextWorkNanos) {
            nextWorkNanos = dueNanos;
        }
    }

    /** Cancels the transaction's pending timer, if any: its queue entry no longer refers to it. */
    private void cancelTimer(Transaction tx) {
        TimerEntry e = tx.timer;
        if (e != null) {
            e.tx = null;
            tx.timer = null;
            liveTimers--;
        }
    }

    private void onTimer(Transaction tx, long dueNanos) {
        Call call = tx.call;
        if (!tx.live || call.evicted) {
            return;
        }
        if (tx.finalStatus == 0 && !tx.timedOut) {
            tx.timedOut = true;
            if (tx == call.initialInvite && call.answerNanos == CallSummary.NO_TIME && !call.isTerminal()) {
                // RFC 3261 §17.1.1.2 timer B (no response at all) or, after provisional responses,
                // the proxy's timer C (§16.6): nobody answered.
                boolean rang = call.ringingNanos != CallSummary.NO_TIME || tx.provisional > 100;
                call.state = rang ? CallState.NO_ANSWER : CallState.FAILED;
                call.reason = tx.provisional == 0 ? "no response" : "no final response";
                call.endNanos = dueNanos;
                call.timerVerdict = true;
                call.touch();
                finish(call, dueNanos);
            } else if (tx == call.kindTransaction && !call.isTerminal()) {
                // Timer F (§17.1.2.2).
                call.state = CallState.FAILED;
                call.reason = tx.provisional == 0 ? "no response" : "no final response";
                call.endNanos = dueNanos;
                call.timerVerdict = true;
                call.touch();
                finish(call, dueNanos);
            }
        }
        forget(tx);
    }

    // ---------------------------------------------------------------- messages

    @Override
    public void onSipMessage(SipMessage m, SipTransport transport, Packet packet) {
        long t = packet.timestampNanos;
        advanceTime(t);
        ByteKey callId = m.callId();
        if (callId == null) {
            // RFC 3261 §8.1.1.4: Call-ID is mandatory; without it nothing can be correlated.
            messagesWithoutCallId++;
            return;
        }
        messages++;
        Hop hop = Hop.of(packet, transport);
        Call call = calls.get(callId);
        boolean created = call == null;
        if (created) {
            call = createCall(callId, m, hop, t);
        }
        SipCSeq cseq = m.cseq();
        long cseqNumber = cseq == null ? -1 : cseq.number();
        String fromTag = m.fromTag();
        String toTag = m.toTag();
        if (m.isRequest()) {
            onRequest(call, m, hop, t, cseqNumber, fromTag, toTag);
        } else {
            onResponse(call, m, hop, t, cseq, cseqNumber, fromTag, toTag);
        }
        if (created) {
            resolvePendingLinks(call);
        }
    }

    private Call createCall(ByteKey callId, SipMessage m, Hop hop, long t) {
        while (calls.size() >= config.maxCalls()) {
            evictOne();
        }
        Call call = new Call(nextCallNumber++, callId, t);
        callsCreated++;
        calls.put(callId, call);
        // Until the initial request shows up, describe the call from its first message.
        SipMethod method = m.method();
        call.kind = CallKind.of(method);
        boolean inDialog = m.toTag() != null;
        call.state = inDialog && call.kind == CallKind.CALL && method != SipMethod.CANCEL
                ? CallState.IN_CALL : CallState.CALLING;
        call.partiesHop = hop;
        call.partiesReversed = !m.isRequest();
        call.from = m.fromUri();
        call.to = sameOr(call.from, m.toUri());
        call.sideTag = m.fromTag();
        return call;
    }

    private void onRequest(Call call, SipMessage m, Hop hop, long t, long cseqNumber, String fromTag, String toTag) {
        SipMethod method = m.method();
        String methodName = m.methodName();
        TransactionKey key = TransactionKey.of(call.callId, m.topVia(), methodName, cseqNumber, fromTag);
        Transaction tx;
        boolean retransmission = false;
        boolean fresh = false;
        if (method == SipMethod.ACK) {
            Transaction invite = transactions.get(key.withMethod(SipMethod.INVITE.name()));
            if (invite != null) {
                tx = invite;
                if (hop.equals(invite.ackHop)) {
                    retransmission = true;
                } else if (invite.ackHop == null) {
                    invite.ackHop = hop;
                }
            } else {
                tx = transactions.get(key);
                if (tx == null) {
                    tx = newTransaction(call, key, method, methodName);
                    fresh = true;
                } else {
                    retransmission = hop.equals(tx.requestHop);
                }
            }
        } else {
            tx = transactions.get(key);
            if (tx == null) {
                tx = newTransaction(call, key, method, methodName);
                fresh = true;
            } else if (tx.requestHop == null) {
                fresh = true;
            } else {
                retransmission = hop.equals(tx.requestHop);
            }
        }
        boolean forwarded = false;
        if (fresh) {
            tx.requestHop = hop;
            if (method == SipMethod.REGISTER) {
                noteRegister(tx, m);
            }
            tx.outOfDialog = toTag == null;
            tx.requestParty = requestParty(call, fromTag);
            List<SipVia> vias = m.vias();
            if (vias.size() >= 2) {
                Transaction parent = transactions.get(
                        TransactionKey.of(call.callId, vias.get(1), methodName, cseqNumber, fromTag));
                if (parent != null && parent != tx && parent.call == call) {
                    tx.parent = parent;
                    forwarded = true;
                }
            }
            if (method == SipMethod.ACK || tx.finalStatus == 0) {
                // Timers B/F for a request (RFC 3261 §17.1); for a 2xx ACK, how long to recognise its copies.
                schedule(tx, t, false);
            }
        }
        if (retransmission) {
            record(call, m, hop, t, true, false, tx, toTag == null ? null : findDialog(call, fromTag, toTag));
            return;
        }

        if (call.kind != CallKind.CALL && CallKind.of(method) == CallKind.CALL
                && (method == SipMethod.INVITE || toTag != null && method != SipMethod.CANCEL)) {
            // An INVITE, or a request of an INVITE dialog (BYE, ACK, PRACK, UPDATE, INFO), makes this a call;
            // in a dialog whose start the capture missed, a call that is up.
            call.kind = CallKind.CALL;
            if (toTag != null && !call.initialSeen && !call.isTerminal()) {
                call.state = CallState.IN_CALL;
            }
        }
        Party sender = requestParty(call, fromTag);
        Dialog dialog = null;
        switch (method) {
            case INVITE:
                if (toTag == null) {
                    onInitialInvite(call, tx, m, hop, t, fromTag);
                } else {
                    dialog = inDialog(call, fromTag, toTag, t);
                    midCall(call);
                }
                break;
            case ACK:
                if (tx.method != SipMethod.INVITE || isSuccess(tx.finalStatus)) {
                    // The ACK of a 2xx (RFC 3261 §13.2.2.4) confirms its dialog.
                    dialog = toTag == null ? null : inDialog(call, fromTag, toTag, t);
                    if (dialog != null) {
                        dialog.confirm(t);
                    }
                    if (call.answerNanos != CallSummary.NO_TIME && call.ackNanos == CallSummary.NO_TIME) {
                        call.ackNanos = t;
                    }
                    midCall(call);
                } else {
                    // The ACK of a non-2xx final response belongs to the INVITE transaction (§17.1.1.3).
                    dialog = toTag == null ? null : findDialog(call, fromTag, toTag);
                }
                break;
            case CANCEL: {
                Transaction invite = transactions.get(key.withMethod(SipMethod.INVITE.name()));
                if (invite != null) {
                    invite.cancelled = true;
                }
                call.cancelSeen = true;
                if (call.reason == null && !call.isTerminal()) {
                    call.cancelReason = reasonHeader(m);
                }
                break;
            }
            case BYE:
                dialog = toTag == null ? null : inDialog(call, fromTag, toTag, t);
                if (dialog != null) {
                    dialog.terminate(t);
                }
                onBye(call, m, t, fromTag);
                break;
            default:
                if (toTag == null) {
                    onInitialNonInvite(call, tx, m, hop, t, fromTag);
                } else {
                    dialog = inDialog(call, fromTag, toTag, t);
                    if (method == SipMethod.NOTIFY && dialog != null && subscriptionTerminated(m)) {
                        dialog.terminate(t);
                    }
                }
                break;
        }
        if (dialog != null) {
            dialog.requests++;
        }
        announceMedia(call, m, sender, t);
        headerLinks(call, m);
        if (method == SipMethod.REFER) {
            onRefer(call, m, t);
        } else if (method == SipMethod.INVITE && toTag == null && tx.isRoot()) {
            onNewInviteLinks(call, m, t);
        }
        record(call, m, hop, t, false, forwarded, tx, dialog);
    }

    private void onResponse(Call call, SipMessage m, Hop hop, long t, SipCSeq cseq, long cseqNumber, String fromTag,
                            String toTag) {
        int status = m.statusCode();
        SipMethod method = cseq == null ? SipMethod.UNKNOWN : cseq.method();
        String methodName = cseq == null ? null : cseq.methodName();
        TransactionKey key = TransactionKey.of(call.callId, m.topVia(), methodName, cseqNumber, fromTag);
        Transaction tx = transactions.get(key);
        boolean orphan = false;
        if (tx == null) {
            if (call.initialInvite != null && call.initialInvite.key.equals(key)) {
                tx = revive(call.initialInvite);
            } else if (call.kindTransaction != null && call.kindTransaction.key.equals(key)) {
                tx = revive(call.kindTransaction);
            } else {
                tx = newTransaction(call, key, method, methodName);
                orphan = true;
            }
        }
        String rseq = status < 200 ? m.header(SipHeaderId.RSEQ) : null;
        if (tx.noteResponse(status, toTag, rseq, hop)) {
            record(call, m, hop, t, true, false, tx, toTag == null ? null : findDialog(call, fromTag, toTag));
            return;
        }
        if (orphan) {
            // The request was not captured: judge from the response alone.
            tx.outOfDialog = method == SipMethod.INVITE
                    ? call.answerNanos == CallSummary.NO_TIME && call.initialInvite == null
                    : toTag == null || call.kindTransaction == null;
            if (method == SipMethod.INVITE && tx.outOfDialog) {
                call.initialInvite = tx;
                call.kind = CallKind.CALL;
                if (call.inviteNanos == CallSummary.NO_TIME) {
                    call.callerTag = fromTag;
                    call.sideTag = fromTag;
                }
            } else if (method != SipMethod.INVITE && call.kind != CallKind.CALL && call.kindTransaction == null
                    && methodMatchesKind(call, method, methodName)) {
                call.kindTransaction = tx;
            }
        }
        Party sender = tx.requestParty != null ? tx.requestParty.other() : responseParty(call, toTag);
        Dialog dialog;
        if (method == SipMethod.INVITE) {
            dialog = onInviteResponse(call, tx, m, hop, t, status, fromTag, toTag);
        } else {
            dialog = onNonInviteResponse(call, tx, m, t, status, fromTag, toTag);
        }
        if (status >= 200) {
            if (tx.finalStatus == 0) {
                tx.finalStatus = status;
            }
            schedule(tx, t, false);
        } else {
            tx.provisional = Math.max(tx.provisional, status);
            if (method == SipMethod.INVITE && tx.finalStatus == 0) {
                schedule(tx, t, true);
            } else if (orphan) {
                schedule(tx, t, false);
            }
        }
        announceMedia(call, m, sender, t);
        headerLinks(call, m);
        record(call, m, hop, t, false, false, tx, dialog);
    }

    // ---------------------------------------------------------------- INVITE usage

    private void onInitialInvite(Call call, Transaction tx, SipMessage m, Hop hop, long t, String fromTag) {
        if (!tx.isRoot() || call.initialInvite == tx) {
            return;
        }
        if (call.initialInvite == null || call.inviteNanos == CallSummary.NO_TIME) {
            call.inviteNanos = t;
            describeInitial(call, m, hop, fromTag);
            if (call.answerNanos == CallSummary.NO_TIME) {
                call.state = CallState.CALLING;
            }
        } else if (call.answerNanos == CallSummary.NO_TIME && call.initialInvite.finalStatus >= 300) {
            // RFC 3261 §22.2 / §8.1.3.4: after a challenge or a redirect the UAC sends a new INVITE with
            // the same Call-ID; the call starts over (its start and post-dial clock do not).
            call.state = CallState.CALLING;
            call.finalStatus = 0;
            call.reason = null;
            call.cancelReason = null;
            call.endNanos = CallSummary.NO_TIME;
            call.timerVerdict = false;
        } else if (call.answerNanos != CallSummary.NO_TIME) {
            // An INVITE without To tag after the answer: not a re-INVITE; leave the established call alone.
            return;
        }
        call.initialInvite = tx;
    }

    private Dialog onInviteResponse(Call call, Transaction tx, SipMessage m, Hop hop, long t, int status,
                                    String fromTag, String toTag) {
        if (!tx.outOfDialog) {
            // A response to a re-INVITE.
            Dialog d = toTag == null ? null : inDialog(call, fromTag, toTag, t);
            if (isSuccess(status)) {
                midCall(call);
            }
            return d;
        }
        boolean decides = tx == call.initialInvite;
        if (status < 200) {
            Dialog d = null;
            if (status > 100 && toTag != null) {
                d = dialog(call, fromTag, toTag, DialogState.EARLY, t, hop);
            }
            if (decides && !call.isTerminal() && call.answerNanos == CallSummary.NO_TIME) {
                if (status == 180 || status == 183) {
                    if (call.ringingNanos == CallSummary.NO_TIME) {
                        call.ringingNanos = t;
                    }
                    if (call.state.progress() < CallState.RINGING.progress()) {
                        call.state = CallState.RINGING;
                    }
                } else if (call.state == CallState.CALLING) {
                    call.state = CallState.PROCEEDING;
                }
            } else if (!decides && (status == 180 || status == 183) && call.ringingNanos == CallSummary.NO_TIME
                    && call.answerNanos == CallSummary.NO_TIME) {
                // Ringing seen only on a downstream hop still tells when the callee rang.
                call.ringingNanos = t;
                if (!call.isTerminal() && call.state.progress() < CallState.RINGING.progress()) {
                    call.state = CallState.RINGING;
                }
            }
            if (status >= 180 && m.bodyLength() > 0 && m.sdp() != null) {
                call.earlyMedia = true;
            }
            return d;
        }
        if (isSuccess(status)) {
            Dialog d = dialog(call, fromTag, toTag, DialogState.CONFIRMED, t, hop);
            if (call.answerNanos == CallSummary.NO_TIME) {
                call.answerNanos = t;
                call.finalStatus = status;
                if (!call.isTerminal() || call.timerVerdict) {
                    call.state = CallState.IN_CALL;
                    call.reason = null;
                    call.endNanos = CallSummary.NO_TIME;
                    call.timerVerdict = false;
                }
            }
            return d;
        }
        Dialog d = null;
        if (toTag != null) {
            d = findDialog(call, fromTag, toTag);
            if (d != null && d.state == DialogState.EARLY) {
                d.terminate(t);
            }
        }
        if (decides && tx.finalStatus == 0 && call.answerNanos == CallSummary.NO_TIME
                && (!call.isTerminal() || call.timerVerdict)) {
            call.finalStatus = status;
            call.state = classifyInviteFailure(status, call.cancelSeen || tx.cancelled);
            String reason = reasonHeader(m);
            if (reason == null && call.state == CallState.CANCELLED) {
                reason = call.cancelReason;
            }
            call.reason = reason != null ? reason : texts.share(emptyToNull(m.reasonPhrase()));
            call.endNanos = t;
            call.timerVerdict = false;
            finish(call, t);
        }
        return d;
    }

    static CallState classifyInviteFailure(int status, boolean cancelled) {
        if (status < 400) {
            return CallState.REDIRECTED;
        }
        switch (status) {
            case 486: case 600:
                return CallState.BUSY;
            case 487:
                return cancelled ? CallState.CANCELLED : CallState.NO_ANSWER;
            case 408: case 480:
                return CallState.NO_ANSWER;
            default:
                return CallState.REJECTED;
        }
    }

    private void onBye(Call call, SipMessage m, long t, String fromTag) {
        if (call.byeNanos != CallSummary.NO_TIME) {
            return;
        }
        for (Dialog d : call.dialogs) {
            if (d.state == DialogState.CONFIRMED) {
                // Another branch of a forked call is still up (RFC 3261 §13.2.2.4: a caller may keep one
                // answer and end the others): this BYE ends a dialog, not the call.
                return;
            }
        }
        call.byeNanos = t;
        call.hangupBy = call.callerTag == null || fromTag == null ? null
                : call.callerTag.equals(fromTag) ? Party.CALLER : Party.CALLEE;
        if (call.kind != CallKind.CALL) {
            return;
        }
        String reason = reasonHeader(m);
        if (call.answerNanos != CallSummary.NO_TIME || call.state == CallState.IN_CALL || call.timerVerdict) {
            call.state = CallState.COMPLETED;
            call.reason = reason;
        } else if (!call.isTerminal()) {
            // A BYE before any answer (RFC 3261 §15: only the caller may end an early dialog this way).
            call.state = CallState.CANCELLED;
            call.reason = reason;
        } else {
            return;
        }
        call.timerVerdict = false;
        call.endNanos = t;
        finish(call, t);
    }

    /** A request or response that only exists in an established dialog: the call is up even if its start was missed. */
    private static void midCall(Call call) {
        if (call.kind == CallKind.CALL && !call.initialSeen && call.answerNanos == CallSummary.NO_TIME
                && (call.state == CallState.CALLING || call.state == CallState.PROCEEDING)) {
            call.state = CallState.IN_CALL;
        }
    }

    // ---------------------------------------------------------------- non-INVITE usages

    private void onInitialNonInvite(Call call, Transaction tx, SipMessage m, Hop hop, long t, String fromTag) {
        if (!tx.isRoot() || call.kind == CallKind.CALL || call.kindTransaction == tx
                || !methodMatchesKind(call, m.method(), m.methodName())) {
            return;
        }
        if (call.kindTransaction == null || !call.initialSeen) {
            describeInitial(call, m, hop, fromTag);
            call.state = CallState.CALLING;
        } else if (call.kindTransaction.finalStatus != 0 && !isSuccess(call.kindTransaction.finalStatus)) {
            // A retry after a failure (typically a 401/407 challenge, RFC 3261 §22.2).
            call.state = CallState.CALLING;
            call.finalStatus = 0;
            call.reason = null;
            call.endNanos = CallSummary.NO_TIME;
            call.timerVerdict = false;
        }
        call.kindTransaction = tx;
    }

    private static boolean methodMatchesKind(Call call, SipMethod method, String methodName) {
        if (call.kind == CallKind.OTHER) {
            return call.kindMethodName == null || call.kindMethodName.equals(methodName);
        }
        return call.kind.method() == method;
    }

    private Dialog onNonInviteResponse(Call call, Transaction tx, SipMessage m, long t, int status, String fromTag,
                                       String toTag) {
        Dialog d = null;
        if (toTag != null) {
            if (tx.outOfDialog && isSuccess(status)
                    && (tx.method == SipMethod.SUBSCRIBE || tx.method == SipMethod.REFER)) {
                // RFC 6665 §4.1.2.1, RFC 3515: a 2xx to a SUBSCRIBE or an out-of-dialog REFER creates a dialog.
                d = dialog(call, fromTag, toTag, DialogState.CONFIRMED, t, null);
            } else {
                // An in-dialog request's response, or one that carries an existing dialog's tags (the 200 to
                // a CANCEL carries the early dialog's To tag).
                d = findDialog(call, fromTag, toTag);
            }
        }
        if (tx != call.kindTransaction || call.kind == CallKind.CALL) {
            return d;
        }
        if (status < 200) {
            if (call.state == CallState.CALLING) {
                call.state = CallState.PROCEEDING;
            }
            return d;
        }
        if (tx.finalStatus != 0) {
            return d;
        }
        call.finalStatus = status;
        call.endNanos = t;
        call.timerVerdict = false;
        if (isSuccess(status)) {
            call.reason = null;
            if (call.kind == CallKind.REGISTER) {
                registerResult(call, tx, m);
            } else {
                call.state = CallState.COMPLETED;
            }
        } else {
            call.state = status < 400 ? CallState.REDIRECTED : CallState.REJECTED;
            String reason = reasonHeader(m);
            call.reason = reason != null ? reason : texts.share(emptyToNull(m.reasonPhrase()));
        }
        finish(call, t);
        return d;
    }

    /**
     * RFC 3261 §10.3: the 200 to a REGISTER lists the current bindings, each with its expiry. The
     * granted expiry is the one of the Contact the request registered, else of the first Contact,
     * else the response's Expires, else what the request asked.
     */
    private static void registerResult(Call call, Transaction tx, SipMessage response) {
        String wanted = tx.registerContact;
        List<SipAddress> granted = response.contacts();
        long expires = -1;
        for (SipAddress a : granted) {
            if (wanted != null && a.uri() != null && a.uri().text().equals(wanted)) {
                expires = a.expiresSeconds();
                break;
            }
        }
        if (expires < 0 && !granted.isEmpty() && !granted.get(0).isWildcard()) {
            expires = granted.get(0).expiresSeconds();
        }
        if (expires < 0) {
            expires = response.expiresSeconds();
        }
        if (expires < 0) {
            expires = tx.registerExpires;
        }
        call.expiresSeconds = expires;
        boolean removed = tx.registerWildcard || expires == 0
                || (tx.registerSeen && !tx.registerHasContact && granted.isEmpty());
        call.state = removed ? CallState.UNREGISTERED : CallState.REGISTERED;
    }

    /** What {@link #registerResult} needs of a REGISTER request. */
    private static void noteRegister(Transaction tx, SipMessage request) {
        tx.registerSeen = true;
        List<SipAddress> contacts = request.contacts();
        tx.registerHasContact = !contacts.isEmpty();
        for (SipAddress a : contacts) {
            if (a.isWildcard()) {
                tx.registerWildcard = true;
            } else if (tx.registerContact == null && a.uri() != null) {
                tx.registerContact = a.uri().text();
                tx.registerExpires = a.expiresSeconds();
            }
        }
        if (tx.registerExpires < 0) {
            tx.registerExpires = request.expiresSeconds();
        }
    }

    private static boolean subscriptionTerminated(SipMessage m) {
        String s = m.header(SipHeaderId.SUBSCRIPTION_STATE);
        return s != null && s.trim().toLowerCase(Locale.ROOT).startsWith("terminated");
    }

    // ---------------------------------------------------------------- shared helpers

    private void describeInitial(Call call, SipMessage m, Hop hop, String fromTag) {
        call.initialSeen = true;
        call.callerTag = fromTag;
        call.sideTag = fromTag;
        call.from = m.fromUri();
        call.to = sameOr(call.from, m.toUri());
        call.partiesHop = hop;
        call.partiesReversed = false;
        call.userAgent = texts.share(m.userAgent());
        if (call.kind == CallKind.OTHER) {
            call.kindMethodName = m.methodName();
        }
    }

    /** {@code text}, or {@code kept} when equal to it (a REGISTER's To is its From): one String kept instead of two. */
    private static String sameOr(String kept, String text) {
        return kept != null && kept.equals(text) ? kept : text;
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The Reason header values (RFC 3326) as written, joined; null when absent. */
    private static String reasonHeader(SipMessage m) {
        List<String> values = m.headerValues(SipHeaderId.REASON);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    private static Party requestParty(Call call, String fromTag) {
        String ref = call.callerTag != null ? call.callerTag : call.sideTag;
        return ref == null || ref.equals(fromTag) ? Party.CALLER : Party.CALLEE;
    }

    private static Party responseParty(Call call, String toTag) {
        String ref = call.callerTag != null ? call.callerTag : call.sideTag;
        return ref != null && ref.equals(toTag) ? Party.CALLER : Party.CALLEE;
    }

    private Transaction newTransaction(Call call, TransactionKey key, SipMethod method, String methodName) {
        Transaction tx = new Transaction(call, key, ++call.transactionCount, method, methodName);
        tx.live = true;
        transactions.put(key, tx);
        call.addLiveTransaction(tx);
        return tx;
    }

    private Transaction revive(Transaction tx) {
        if (!tx.live) {
            tx.live = true;
            transactions.put(tx.key, tx);
            tx.call.addLiveTransaction(tx);
        }
        return tx;
    }

    private void forget(Transaction tx) {
        if (!tx.live) {
            return;
        }
        // Removed only when the key still maps to this transaction (Transaction compares by identity).
        transactions.remove(tx.key, tx);
        tx.live = false;
        cancelTimer(tx);
        tx.release();
        tx.call.transactionGone(tx);
    }

    private Dialog findDialog(Call call, String fromTag, String toTag) {
        for (Dialog d : call.dialogs) {
            if (d.matches(fromTag, toTag)) {
                return d;
            }
        }
        return null;
    }

    /** The dialog with these tags, created in {@code state} when missing; confirmed if asked to. */
    private Dialog dialog(Call call, String fromTag, String toTag, DialogState state, long t, Hop from) {
        Dialog d = findDialog(call, fromTag, toTag);
        if (d == null) {
            if (call.dialogs.size() >= config.maxDialogsPerCall()) {
                call.dialogsNotKept++;
                return null;
            }
            // The caller's tag is usually the call's own: keep that String rather than this message's copy.
            String creatorTag = fromTag != null && fromTag.equals(call.callerTag) ? call.callerTag : fromTag;
            d = new Dialog(creatorTag, toTag, state, t, from == null ? null : texts.source(from));
            call.addDialog(d);
        } else if (state == DialogState.CONFIRMED) {
            d.confirm(t);
        }
        return d;
    }

    /** The dialog an in-dialog request or response belongs to; created confirmed when its start was not seen. */
    private Dialog inDialog(Call call, String fromTag, String toTag, long t) {
        Dialog d = findDialog(call, fromTag, toTag);
        if (d != null) {
            return d;
        }
        String ref = call.callerTag != null ? call.callerTag : call.sideTag;
        boolean reversed = ref != null && ref.equals(toTag);
        return dialog(call, reversed ? toTag : fromTag, reversed ? fromTag : toTag, DialogState.CONFIRMED, t, null);
    }

    private void record(Call call, SipMessage m, Hop hop, long t, boolean retransmission, boolean forwarded,
                        Transaction tx, Dialog dialog) {
        if (retransmission) {
            call.retransmissions++;
            retransmissions++;
        } else {
            call.messageCount++;
        }
        if (call.messages.size() < config.maxMessagesPerCall() && (focus == null || focus.equals(call.callId))) {
            call.addMessage(new CallMessage(t, hop, call.hopIndex(hop), m, retransmission, forwarded, tx.number,
                    call.dialogIndex(dialog)));
        } else {
            call.messagesNotKept++;
        }
        if (t > call.lastMessageNanos) {
            call.lastMessageNanos = t;
        }
        call.touch();
    }

    // ---------------------------------------------------------------- media

    private void announceMedia(Call call, SipMessage m, Party sender, long t) {
        if (m.bodyLength() == 0) {
            return;
        }
        SdpSession sdp = m.sdp();
        if (sdp == null) {
            return;
        }
        List<MediaOwner> sharing = call.media.announce(registry, sender.mediaSide(), sdp, t,
                config.mediaReleaseGraceNanos(), config.sdpLinkWindowNanos());
        if (call.isTerminal() && call.kind == CallKind.CALL) {
            call.media.releaseAll(registry, t + config.mediaReleaseGraceNanos());
        }
        boolean holding = call.media.holding(sender.mediaSide());
        if (holding && !call.holding(sender)) {
            call.holds++;
        }
        call.holding(sender, holding);
        if (config.sdpLinkWindowNanos() > 0) {
            for (MediaOwner o : sharing) {
                if (o instanceof Call other && !other.evicted && other != call) {
                    call.link(other, other.callId, LinkKind.B2BUA_SDP);
                    other.link(call, call.callId, LinkKind.B2BUA_SDP);
                }
            }
        }
    }

    // ---------------------------------------------------------------- links

    /** One RTP stream reached two calls' endpoints: a B2BUA relaying media between its legs. */
    private void relayed(MediaBinding first, MediaBinding second) {
        if (config.sdpLinkWindowNanos() > 0 && first.owner() instanceof Call a && second.owner() instanceof Call b
                && !a.evicted && !b.evicted && a != b) {
            a.link(b, b.callId, LinkKind.B2BUA_RTP);
            b.link(a, a.callId, LinkKind.B2BUA_RTP);
        }
    }

    private void headerLinks(Call call, SipMessage m) {
        List<String> names = config.linkHeaders();
        if (names.isEmpty()) {
            return;
        }
        int n = m.headerCount();
        for (int i = 0; i < n; i++) {
            if (m.headerId(i) != SipHeaderId.OTHER) {
                continue;
            }
            for (String name : names) {
                if (nameIs(m, i, name)) {
                    for (String part : m.headerValue(i).split(",")) {
                        String id = part.trim();
                        if (!id.isEmpty() && id.length() <= 256) {
                            linkByCallId(call, ByteKey.of(id), LinkKind.B2BUA_HEADER);
                        }
                    }
                }
            }
        }
    }

    /** Whether header line {@code i} is named {@code name} (ASCII case-insensitive); allocates nothing. */
    private static boolean nameIs(SipMessage m, int i, String name) {
        int len = m.headerNameLength(i);
        if (len != name.length()) {
            return false;
        }
        int off = m.headerNameOffset(i);
        for (int k = 0; k < len; k++) {
            int a = m.byteAt(off + k);
            int b = name.charAt(k);
            if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }

    private void linkByCallId(Call call, ByteKey target, LinkKind kind) {
        if (target.equals(call.callId)) {
            return;
        }
        Call other = calls.get(target);
        call.link(other, target, kind);
        if (other != null) {
            other.link(call, call.callId, kind);
        } else {
            List<PendingLink> waiting = pendingLinks.computeIfAbsent(target, k -> new ArrayList<>(1));
            if (waiting.size() < Call.MAX_LINKS) {
                waiting.add(new PendingLink(call, kind));
            }
        }
    }

    private void resolvePendingLinks(Call call) {
        List<PendingLink> waiting = pendingLinks.remove(call.callId);
        if (waiting == null) {
            return;
        }
        for (PendingLink p : waiting) {
            if (!p.from.evicted) {
                p.from.link(call, call.callId, p.kind);
                call.link(p.from, p.from.callId, p.kind);
            }
        }
    }

    /** RFC 3515 REFER: remember its target; an embedded Replaces (RFC 3891 §7) names the call being transferred. */
    private void onRefer(Call call, SipMessage m, long t) {
        SipAddress referTo = m.address(SipHeaderId.REFER_TO);
        if (referTo == null || referTo.uri() == null) {
            return;
        }
        SipUri uri = referTo.uri();
        String replaces = uri.headers().get("Replaces");
        if (replaces != null) {
            String callId = replacesCallId(percentDecode(replaces));
            if (callId != null) {
                linkByCallId(call, ByteKey.of(callId), LinkKind.REFER);
            }
        }
        SipAddress referredBy = m.address(SipHeaderId.REFERRED_BY);
        String by = userAtHost(referredBy != null ? referredBy.uri() : null);
        if (by == null) {
            by = userAtHost(m.from() == null ? null : m.from().uri());
        }
        String transferee = userAtHost(m.to() == null ? null : m.to().uri());
        if (transfers.size() >= MAX_PENDING_TRANSFERS) {
            transfers.poll();
        }
        transfers.add(new PendingTransfer(call, userAtHost(uri), transferee, by, t));
    }

    /** A new INVITE: Replaces (RFC 3891) names the call it replaces; it may be what a recent REFER asked for. */
    private void onNewInviteLinks(Call call, SipMessage m, long t) {
        String replaces = m.header(SipHeaderId.REPLACES);
        if (replaces != null) {
            String callId = replacesCallId(replaces);
            if (callId != null) {
                linkByCallId(call, ByteKey.of(callId), LinkKind.REPLACES);
            }
        }
        while (!transfers.isEmpty() && t - transfers.peek().nanos > config.transferWindowNanos()) {
            transfers.poll();
        }
        if (transfers.isEmpty()) {
            return;
        }
        String target = userAtHost(m.requestUri());
        String toTarget = userAtHost(m.to() == null ? null : m.to().uri());
        String from = userAtHost(m.from() == null ? null : m.from().uri());
        SipAddress rb = m.address(SipHeaderId.REFERRED_BY);
        String referredBy = userAtHost(rb == null ? null : rb.uri());
        for (Iterator<PendingTransfer> it = transfers.descendingIterator(); it.hasNext(); ) {
            PendingTransfer p = it.next();
            if (p.call == call || p.call.evicted || t < p.nanos) {
                continue;
            }
            boolean toTargetOfRefer = p.target != null && (p.target.equals(target) || p.target.equals(toTarget));
            boolean fromReferred = p.transferee != null && p.transferee.equals(from);
            boolean byReferrer = referredBy != null && referredBy.equals(p.referredBy);
            if (toTargetOfRefer && (fromReferred || byReferrer) || byReferrer && toTargetOfRefer) {
                call.link(p.call, p.call.callId, LinkKind.REFER);
                p.call.link(call, call.callId, LinkKind.REFER);
                return;
            }
        }
    }

    /** The Call-ID part of a Replaces value {@code callid;to-tag=..;from-tag=..}, or null. */
    static String replacesCallId(String value) {
        int semi = value.indexOf(';');
        String id = (semi < 0 ? value : value.substring(0, semi)).trim();
        return id.isEmpty() || id.length() > 256 ? null : id;
    }

    /** {@code user@host} of a URI, host in lower case (the number for tel:); null without URI. */
    static String userAtHost(SipUri u) {
        if (u == null) {
            return null;
        }
        String host = u.host();
        String user = u.user();
        if (host == null) {
            return user;
        }
        return (user == null ? "" : user + "@") + host.toLowerCase(Locale.ROOT);
    }

    /** RFC 3986 §2.1 percent-decoding as UTF-8; malformed escapes are kept as written. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && Character.digit(b[i + 1], 16) >= 0
                    && Character.digit(b[i + 2], 16) >= 0) {
                out.write(Character.digit(b[i + 1], 16) * 16 + Character.digit(b[i + 2], 16));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- finishing and eviction

    private void finish(Call call, long t) {
        if (call.kind == CallKind.CALL) {
            call.media.releaseAll(registry, t + config.mediaReleaseGraceNanos());
        }
        if (!call.queuedFinished) {
            call.queuedFinished = true;
            finished.add(call);
        }
    }

    private void evictOne() {
        Call victim = null;
        Call c;
        while ((c = finished.poll()) != null) {
            c.queuedFinished = false;
            if (!c.evicted && c.isTerminal() && !c.callId.equals(focus)) {
                victim = c;
                break;
            }
        }
        if (victim == null) {
            for (Call oldest : calls.values()) {
                if (!oldest.callId.equals(focus)) {
                    victim = oldest;
                    break;
                }
            }
            if (victim == null) {
                victim = calls.values().iterator().next();
            }
            activeCallsEvicted++;
        }
        evict(victim);
    }

    /**
     * Keeps messages ({@link CorrelatorConfig#maxMessagesPerCall()} of them) for the calls with this Call-ID only,
     * and never evicts those while another call can go: what {@code sipscope ladder --call} needs from a capture of
     * any size. Set before the first message; null (the default) keeps messages for every call.
     */
    public void focusOn(String callId) {
        this.focus = callId == null ? null : ByteKey.of(callId);
    }

    private void evict(Call call) {
        calls.remove(call.callId);
        call.evicted = true;
        Transaction next;
        for (Transaction tx = call.firstLive; tx != null; tx = next) {
            next = tx.nextLive;
            tx.nextLive = null;
            if (tx.live) {
                transactions.remove(tx.key, tx);
            }
            tx.live = false;
            cancelTimer(tx);
        }
        call.firstLive = null;
        call.media.removeAll(registry);
        callsEvicted++;
    }

    // ---------------------------------------------------------------- publishing

    /**
     * Immutable summaries of the calls kept, in order of first message. Only calls that changed since
     * the previous call are rebuilt.
     */
    public List<CallSummary> summaries() {
        return summaries(calls.size() >= PARALLEL_SUMMARIES && Runtime.getRuntime().availableProcessors() >= 2);
    }

    /** {@link #summaries()}, on two threads or not. */
    List<CallSummary> summaries(boolean twoThreads) {
        Call[] all = calls.values().toArray(new Call[0]);
        CallSummary[] out = new CallSummary[all.length];
        int n = all.length;
        if (!twoThreads || n < 2) {
            summarize(all, out, 0, n);
            return List.of(out);
        }
        // The second half on a helper while this thread does the first: each call is summarised by one
        // thread only, nothing changes the calls meanwhile (this thread waits for the helper even when
        // its own half fails), and what calls share (media bindings' texts, payload maps) caches
        // immutable values, which a race only makes twice. CompletableFuture.join() waits
        // uninterruptibly.
        int mid = n / 2;
        java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(
                () -> summarize(all, out, mid, n), task -> {
                    Thread t = new Thread(task, "call-summaries");
                    t.setDaemon(true);
                    t.start();
                });
        RuntimeException failed = null;
        try {
            summarize(all, out, 0, mid);
        } catch (RuntimeException e) {
            failed = e;
        }
        try {
            second.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (failed == null) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (failed != null) {
            throw failed;
        }
        return List.of(out);
    }

    /**
     * The summaries of the calls kept, in order of first message, for one report written after the
     * last message: element {@code i} is made when it is asked for and kept nowhere (see
     * {@code Call.freshSummary}), so a report that writes each summary and drops it never holds
     * them all. Equal, element by element, to {@link #summaries()}, and no call changes. Read it
     * only while no message is processed; distinct elements may be read on distinct threads.
     */
    public List<CallSummary> summariesOnDemand() {
        Call[] all = calls.values().toArray(new Call[0]);
        return new OnDemandSummaries(all);
    }

    private static final class OnDemandSummaries extends java.util.AbstractList<CallSummary>
            implements java.util.RandomAccess {
        private final Call[] calls;

        OnDemandSummaries(Call[] calls) {
            this.calls = calls;
        }

        @Override
        public CallSummary get(int index) {
            return calls[index].freshSummary();
        }

        @Override
        public int size() {
            return calls.length;
        }
    }

    /** At or above this many calls {@link #summaries()} builds half of them on a second thread. */
    static final int PARALLEL_SUMMARIES = 4096;

    private static void summarize(Call[] calls, CallSummary[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = calls[i].summary();
        }
    }

    /** The summary of the call with this Call-ID, or null when it is not kept. */
    public CallSummary summary(ByteKey callId) {
        Call c = calls.get(callId);
        return c == null ? null : c.summary();
    }

    /** Calls kept now. */
    public int callCount() {
        return calls.size();
    }

    /** SIP messages correlated (with a Call-ID), retransmissions included. */
    public long messages() {
        return messages;
    }

    /** SIP messages dropped because they had no Call-ID. */
    public long messagesWithoutCallId() {
        return messagesWithoutCallId;
    }

    public long retransmissions() {
        return retransmissions;
    }

    /** Calls ever created. */
    public long callsCreated() {
        return callsCreated;
    }

    /** Calls evicted to stay within {@link CorrelatorConfig#maxCalls()}. */
    public long callsEvicted() {
        return callsEvicted;
    }

    /** Of those, calls evicted while not finished (no finished call was left to evict). */
    public long activeCallsEvicted() {
        return activeCallsEvicted;
    }

    /** Transactions forgotten early to stay within {@link CorrelatorConfig#maxTransactions()}. */
    public long transactionsForgotten() {
        return transactionsForgotten;
    }

    /** Transactions remembered now (for retransmission matching). */
    public int liveTransactions() {
        return transactions.size();
    }
}
