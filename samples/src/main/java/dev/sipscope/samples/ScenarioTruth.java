package dev.sipscope.samples;

import dev.sipscope.samples.rtp.StreamTruth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

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

    void done(RunStats runStats) {
        this.stats = runStats;
        calls.sort(Comparator.comparingInt(CallTruth::index));
        registrations.sort(Comparator.comparingInt(RegistrationTruth::index));
        streamGroups.sort(Comparator.comparingInt(StreamGroupTruth::index));
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
