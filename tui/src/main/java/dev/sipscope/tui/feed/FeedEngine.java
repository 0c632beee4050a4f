package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.StatusCounters;

import java.util.Collection;
import java.util.List;

/**
 * What {@link CaptureFeed} drives on its engine thread: a packet sink that builds calls, and
 * publishes them as a {@link FeedSnapshot}. This is the seam where the correlator's engine plugs in
 * when it lands (an implementation wrapping its {@code Engine} and adapting its snapshots); today
 * {@link SipCallEngine} groups SIP by Call-ID. Every method runs on the engine thread.
 */
interface FeedEngine extends PacketSink {

    /** The frame about to be decoded and its number in the source (0-based), for saving calls later. */
    void beforeFrame(long frameNumber, Frame frame);

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
