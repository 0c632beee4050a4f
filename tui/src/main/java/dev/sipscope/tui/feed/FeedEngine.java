package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.StatusCounters;

import java.util.Collection;
import java.util.List;

/**
 * What {@link CaptureFeed} drives on its engine thread: a packet sink that builds calls, and
 * publishes them as a {@link FeedSnapshot}: {@link CorrelatorFeedEngine} wraps the correlator's
 * engine and the quality module. Every method runs on the engine thread.
 */
interface FeedEngine extends PacketSink {

    /** The frame about to be decoded and its number in the source (0-based), for saving calls later. */
    void beforeFrame(long frameNumber, Frame frame);

    /** Moves capture time forward without a packet (a quiet live capture: timers, media releases). */
    void advanceTime(long nowNanos);

    /** The frame's packets have been delivered. */
    void afterFrame();

    /** True when calls changed since the last {@link #publish}. */
    boolean changed();

    /** An immutable snapshot of every call; {@code status} completed with the engine's counts. */
    FeedSnapshot publish(long version, StatusCounters status);

    /** Calls currently held. */
    int calls();

    /** SIP messages decoded so far. */
    long sipMessages();

    /** Forgets every call. */
    void clear();

    /** Copies of where the packets of the calls {@code keys} are (those still held). */
    List<CallPackets> packetsOf(Collection<Long> keys);
}
