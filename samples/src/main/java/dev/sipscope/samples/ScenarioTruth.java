package dev.sipscope.samples;

import dev.sipscope.samples.rtp.StreamTruth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Ground truth of a whole generated capture: calls, registrations and stand-alone streams in
 * definition order, plus what the run wrote. {@link #toJson(String)} renders the sidecar file.
 */
public final class ScenarioTruth implements TruthSink {
    private final long seed;
    private final long startNanos;
    private final List<CallTruth> calls = new ArrayList<>();
    private final List<RegistrationTruth> registrations = new ArrayList<>();
    private final List<StreamGroupTruth> streamGroups = new ArrayList<>();
    private final List<ExchangeTruth> exchanges = new ArrayList<>();
    private final List<SipMessageTruth> sip = new ArrayList<>();
    private final List<TransactionTruth> transactions = new ArrayList<>();
    private final List<DialogTruth> dialogs = new ArrayList<>();
    private final List<CallLink> links = new ArrayList<>();
    private RunStats stats;

    ScenarioTruth(long seed, long startNanos) {
        this.seed = seed;
        this.startNanos = startNanos;
    }

    @Override
    public void call(CallTruth truth) {
        calls.add(truth);
    }

    @Override
    public void registration(RegistrationTruth truth) {
        registrations.add(truth);
    }

    @Override
    public void streams(StreamGroupTruth truth) {
        streamGroups.add(truth);
    }

    @Override
    public void exchange(ExchangeTruth truth) {
        exchanges.add(truth);
    }

    void done(RunStats runStats) {
        this.stats = runStats;
        calls.sort(Comparator.comparingInt(CallTruth::index));
        registrations.sort(Comparator.comparingInt(RegistrationTruth::index));
        streamGroups.sort(Comparator.comparingInt(StreamGroupTruth::index));
        exchanges.sort(Comparator.comparingInt(ExchangeTruth::index));
        Set<TransactionTruth> seenTx = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<DialogTruth> seenDialogs = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CallTruth c : calls) {
            sip.addAll(c.messages());
            c.transactions().forEach(t -> add(t, seenTx, transactions));
            c.dialogs().forEach(d -> add(d, seenDialogs, dialogs));
            for (CallLink l : c.links()) {
                if (!links.contains(l)) {
                    links.add(l);
                }
            }
        }
        for (RegistrationTruth r : registrations) {
            sip.addAll(r.messages());
            r.transactions().forEach(t -> add(t, seenTx, transactions));
        }
        for (ExchangeTruth e : exchanges) {
            sip.addAll(e.messages());
            e.transactions().forEach(t -> add(t, seenTx, transactions));
            e.dialogs().forEach(d -> add(d, seenDialogs, dialogs));
        }
        sip.sort(Comparator.comparingLong(ScenarioTruth::firstFrame));
        for (int i = 0; i < sip.size(); i++) {
            sip.get(i).id = i;
        }
        transactions.sort(Comparator.comparingInt(t -> t.messages().get(0).id));
        for (int i = 0; i < transactions.size(); i++) {
            transactions.get(i).id = i;
        }
        dialogs.sort(Comparator.comparingInt(d -> d.messages().isEmpty() ? Integer.MAX_VALUE : d.messages().get(0).id));
        for (int i = 0; i < dialogs.size(); i++) {
            dialogs.get(i).id = i;
        }
    }

    private static <T> void add(T item, Set<T> seen, List<T> into) {
        if (seen.add(item)) {
            into.add(item);
        }
    }

    private static long firstFrame(SipMessageTruth m) {
        return m.frames().isEmpty() ? Long.MAX_VALUE : m.frames().get(0);
    }

    public long seed() {
        return seed;
    }

    /** The scenario start (time origin of item offsets). */
    public long startNanos() {
        return startNanos;
    }

    public RunStats stats() {
        return stats;
    }

    /** Frames in the capture. */
    public long frames() {
        return stats.frames();
    }

    public List<CallTruth> calls() {
        return Collections.unmodifiableList(calls);
    }

    /** The call with this label (see {@link CallBuilder#label}). */
    public CallTruth call(String label) {
        for (CallTruth c : calls) {
            if (label.equals(c.label())) {
                return c;
            }
        }
        throw new IllegalArgumentException("no call labelled \"" + label + "\"");
    }

    public List<RegistrationTruth> registrations() {
        return Collections.unmodifiableList(registrations);
    }

    /** OPTIONS, MESSAGE and subscription exchanges, in start order. */
    public List<ExchangeTruth> exchanges() {
        return Collections.unmodifiableList(exchanges);
    }

    /** Every SIP message of the capture in capture order (by first frame); {@link SipMessageTruth#id()} is the position. */
    public List<SipMessageTruth> sipMessageList() {
        return Collections.unmodifiableList(sip);
    }

    /** Every transaction, numbered by its first message ({@link TransactionTruth#id()}). */
    public List<TransactionTruth> transactions() {
        return Collections.unmodifiableList(transactions);
    }

    /** Every dialog, numbered by its first message ({@link DialogTruth#id()}). */
    public List<DialogTruth> dialogs() {
        return Collections.unmodifiableList(dialogs);
    }

    /** Relations between calls: transfers, Replaces, B2BUA legs. */
    public List<CallLink> links() {
        return Collections.unmodifiableList(links);
    }

    /** The exchange with this label. */
    public ExchangeTruth exchange(String label) {
        for (ExchangeTruth e : exchanges) {
            if (label.equals(e.label())) {
                return e;
            }
        }
        throw new IllegalArgumentException("no exchange labelled \"" + label + "\"");
    }

    public List<StreamGroupTruth> streamGroups() {
        return Collections.unmodifiableList(streamGroups);
    }

    /** Every RTP stream: those of calls in call order, then the stand-alone ones. */
    public List<StreamTruth> allStreams() {
        List<StreamTruth> all = new ArrayList<>();
        for (CallTruth c : calls) {
            all.addAll(c.streams());
        }
        for (StreamGroupTruth g : streamGroups) {
            all.addAll(g.streams());
        }
        return all;
    }

    /** SIP messages sent (retransmissions included). */
    public long sipMessages() {
        long n = 0;
        for (CallTruth c : calls) {
            n += c.messages().size();
        }
        for (RegistrationTruth r : registrations) {
            n += r.messages().size();
        }
        for (ExchangeTruth e : exchanges) {
            n += e.messages().size();
        }
        return n;
    }

    /** RTP packets captured over all streams (duplicates included). */
    public long rtpPacketsCaptured() {
        long n = 0;
        for (StreamTruth s : allStreams()) {
            n += s.captured();
        }
        return n;
    }

    /** The sidecar JSON document for a capture named {@code captureFileName}. */
    public String toJson(String captureFileName) {
        return TruthJson.render(this, captureFileName);
    }
}
