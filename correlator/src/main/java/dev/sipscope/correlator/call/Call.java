package dev.sipscope.correlator.call;

import dev.sipscope.correlator.media.CallMedia;
import dev.sipscope.correlator.media.MediaOwner;
import dev.sipscope.decoder.sip.ByteKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the correlator knows of one Call-ID: its transactions, dialogs, messages (up to a
 * limit), state, timings, links and media. Mutable, engine thread only; {@link #summary} publishes
 * an immutable copy, rebuilt only when something changed.
 */
final class Call implements MediaOwner {
    static final int MAX_HOPS = 32;
    static final int MAX_LINKS = 32;

    final long number;
    final ByteKey callId;
    final CallMedia media;

    CallKind kind;
    CallState state;
    int finalStatus;
    String reason;

    String from;
    String to;
    /**
     * The hop of the message that describes the parties (the initial request, else the first message):
     * the caller is its source, or its destination when {@link #partiesReversed} (a response). Kept
     * as the hop, not as two {@code ip:port} texts, which are made when a summary is built.
     */
    Hop partiesHop;
    boolean partiesReversed;
    String userAgent;
    /** From tag of the initial request: the caller's tag. Null when the initial request was not seen. */
    String callerTag;
    /** Tag taken as the caller's for telling sides apart when the initial request was not seen. */
    String sideTag;
    boolean initialSeen;

    long startNanos;
    long lastMessageNanos;
    long inviteNanos = CallSummary.NO_TIME;
    long ringingNanos = CallSummary.NO_TIME;
    long answerNanos = CallSummary.NO_TIME;
    long ackNanos = CallSummary.NO_TIME;
    long byeNanos = CallSummary.NO_TIME;
    long endNanos = CallSummary.NO_TIME;
    Party hangupBy;
    boolean cancelSeen;
    /** Reason header of the CANCEL, used when the 487 carries none. */
    String cancelReason;
    /** True when the current terminal state came from a timer, not from a message (a later message may overrule it). */
    boolean timerVerdict;
    /** For {@link CallKind#OTHER}: the method name that started the call. */
    String kindMethodName;
    boolean earlyMedia;
    int holds;
    /** Bit {@code 1 << party.ordinal()} set while that party's latest SDP puts the other on hold. */
    private byte holdingParties;
    long expiresSeconds = -1;

    /** The INVITE transaction that decides the call (the latest root INVITE without To tag). */
    Transaction initialInvite;
    /** The latest root transaction of the kind's method, for non-INVITE kinds. */
    Transaction kindTransaction;

    int transactionCount;
    /**
     * Transactions of this call still in the correlator's table (removed when they leave it), newest
     * first, chained through {@link Transaction#nextLive}: a call holds no list object of its own.
     */
    Transaction firstLive;

    /*
     * The lists below start as the shared empty list and get a list of their own on their first
     * element: most calls never have a link, a batch run keeps no messages (so no hops), and a call
     * holds one or two dialogs, so that retained memory per call stays small (every retained object
     * is copied by each young collection until it is promoted).
     */
    /** The dialogs, in order of creation (add through {@link #addDialog}). */
    List<Dialog> dialogs = List.of();
    int dialogsNotKept;
    private List<Hop> hops = List.of();
    /** The messages kept (add through {@link #addMessage}). */
    List<CallMessage> messages = List.of();
    int messageCount;
    int retransmissions;
    int messagesNotKept;
    private List<CallLink> links = List.of();

    /** True while in the correlator's queue of finished calls (eviction candidates). */
    boolean queuedFinished;
    boolean evicted;
    private boolean dirty = true;
    private long mediaActivity;
    private CallSummary summary;
    /** The parties' hop {@link #summary} was made with. */
    private Hop summarizedPartiesHop;
    private boolean summarizedReversed;

    Call(long number, ByteKey callId, long startNanos) {
        this.number = number;
        this.callId = callId;
        this.startNanos = startNanos;
        this.lastMessageNanos = startNanos;
        this.media = new CallMedia(this);
    }

    @Override
    public long callNumber() {
        return number;
    }

    @Override
    public ByteKey callId() {
        return callId;
    }

    /** Something changed: the next summary is rebuilt. */
    void touch() {
        dirty = true;
    }

    boolean isTerminal() {
        return state != null && state.isTerminal();
    }

    int hopIndex(Hop hop) {
        int i = hops.indexOf(hop);
        if (i >= 0) {
            return i;
        }
        if (hops.size() >= MAX_HOPS) {
            return -1;
        }
        if (hops.isEmpty()) {
            hops = new ArrayList<>(2);
        }
        hops.add(hop);
        return hops.size() - 1;
    }

    void addDialog(Dialog d) {
        // Most calls have one dialog: an immutable one-element list (one small object) until a fork adds more.
        if (dialogs.isEmpty()) {
            dialogs = List.of(d);
            return;
        }
        if (dialogs.size() == 1) {
            List<Dialog> more = new ArrayList<>(4);
            more.add(dialogs.get(0));
            dialogs = more;
        }
        dialogs.add(d);
    }

    void addMessage(CallMessage m) {
        if (messages.isEmpty()) {
            messages = new ArrayList<>();
        }
        messages.add(m);
    }

    /** Whether {@code party}'s latest SDP put the other on hold. */
    boolean holding(Party party) {
        return (holdingParties & (1 << party.ordinal())) != 0;
    }

    void holding(Party party, boolean holding) {
        int bit = 1 << party.ordinal();
        holdingParties = (byte) (holding ? holdingParties | bit : holdingParties & ~bit);
    }

    int dialogIndex(Dialog d) {
        return d == null ? -1 : dialogs.indexOf(d);
    }

    void link(Call other, ByteKey otherCallId, LinkKind kind) {
        String id = otherCallId.toString();
        long n = other == null ? 0 : other.number;
        for (int i = 0; i < links.size(); i++) {
            CallLink l = links.get(i);
            if (l.callId().equals(id) && l.kind() == kind) {
                if (l.callNumber() == 0 && n != 0) {
                    links.set(i, new CallLink(l.callId(), n, kind));
                    touch();
                }
                return;
            }
        }
        if (links.size() < MAX_LINKS) {
            if (links.isEmpty()) {
                links = new ArrayList<>(1);
            }
            links.add(new CallLink(id, n, kind));
            touch();
        }
    }

    void addLiveTransaction(Transaction t) {
        t.nextLive = firstLive;
        firstLive = t;
    }

    /** A transaction left the table. */
    void transactionGone(Transaction t) {
        Transaction prev = null;
        for (Transaction x = firstLive; x != null; prev = x, x = x.nextLive) {
            if (x == t) {
                if (prev == null) {
                    firstLive = x.nextLive;
                } else {
                    prev.nextLive = x.nextLive;
                }
                x.nextLive = null;
                return;
            }
        }
    }

    CallSummary summary() {
        long activity = media.activity();
        if (!dirty && summary != null) {
            if (activity != mediaActivity) {
                // Only media counters moved (RTP flowing): keep everything else of the last summary.
                mediaActivity = activity;
                CallSummary s = summary;
                summary = new CallSummary(s.number(), s.callId(), s.kind(), s.from(), s.to(), s.caller(), s.callee(),
                        s.state(), s.finalStatus(), s.reason(), s.startNanos(), s.answerNanos(), s.endNanos(),
                        s.postDialDelayNanos(), s.setupNanos(), s.answerToAckNanos(), s.durationNanos(),
                        s.messageCount(), s.retransmissions(), s.messagesNotKept(), s.dialogs(), s.hangupBy(),
                        s.links(), s.userAgent(), s.earlyMedia(), s.holds(), s.expiresSeconds(), media.summaries(),
                        s.messages(), s.lastMessageNanos());
            }
            return summary;
        }
        mediaActivity = activity;
        // The Call-ID's text is made once per summary chain, not kept by the call itself; so are the
        // parties' addresses while the hop that describes them does not change.
        boolean sameParties = summary != null && partiesHop == summarizedPartiesHop
                && partiesReversed == summarizedReversed;
        summarizedPartiesHop = partiesHop;
        summarizedReversed = partiesReversed;
        summary = build(summary, sameParties);
        dirty = false;
        return summary;
    }

    /**
     * What {@link #summary()} would return now, built anew and kept nowhere: the call is left as it
     * was (nothing of it is written), so a report can make each call's summary when it writes it and
     * drop it after, instead of holding every summary at once. For use once no message is processed
     * any more; distinct calls may be summarised on distinct threads.
     */
    CallSummary freshSummary() {
        CallSummary kept = summary;
        if (!dirty && kept != null && media.activity() == mediaActivity) {
            return kept;
        }
        return build(kept, false);
    }

    /**
     * A summary of the call as it is now. {@code previous}, when not null, is an earlier summary of
     * this call: its Call-ID text is used again, and its parties' texts too when {@code sameParties}.
     */
    private CallSummary build(CallSummary previous, boolean sameParties) {
        List<DialogSummary> ds = new ArrayList<>(dialogs.size());
        for (Dialog d : dialogs) {
            ds.add(d.summary());
        }
        long pdd = interval(inviteNanos, ringingNanos);
        long setup = interval(inviteNanos, answerNanos);
        long answerToAck = interval(answerNanos, ackNanos);
        long talkFrom = ackNanos != CallSummary.NO_TIME ? ackNanos : answerNanos;
        long duration = answerNanos == CallSummary.NO_TIME ? -1 : interval(talkFrom, byeNanos);
        String callIdText = previous != null ? previous.callId() : callId.toString();
        String caller;
        String callee;
        if (previous != null && sameParties) {
            caller = previous.caller();
            callee = previous.callee();
        } else if (partiesHop == null) {
            caller = null;
            callee = null;
        } else {
            caller = partiesReversed ? partiesHop.destination() : partiesHop.source();
            callee = partiesReversed ? partiesHop.source() : partiesHop.destination();
        }
        return new CallSummary(number, callIdText, kind, from, to, caller, callee, state, finalStatus, reason,
                startNanos, answerNanos, endNanos, pdd, setup, answerToAck, duration, messageCount, retransmissions,
                messagesNotKept, List.copyOf(ds), hangupBy, List.copyOf(links), userAgent, earlyMedia, holds,
                expiresSeconds, media.summaries(), List.copyOf(messages), lastMessageNanos);
    }

    private static long interval(long from, long to) {
        return from == CallSummary.NO_TIME || to == CallSummary.NO_TIME || to < from ? -1 : to - from;
    }

    @Override
    public String toString() {
        return "Call[" + number + " " + callId + " " + kind + " " + state + "]";
    }
}
