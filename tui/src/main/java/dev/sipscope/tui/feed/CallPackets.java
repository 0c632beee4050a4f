package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;

import java.util.List;

/**
 * Where a call's packets are, as published for saving (immutable; the frames are private copies).
 *
 * @param key         the call
 * @param sipFrames   numbers of the frames (0-based, in the source's order) that carried its SIP messages
 * @param liveFrames  copies of those frames when the source cannot be read again (live capture)
 * @param media       the SDP media endpoints of the call: RTP to or from them belongs to it
 * @param firstNanos  first message
 * @param lastNanos   last message or media packet
 */
record CallPackets(long key, long[] sipFrames, List<Frame> liveFrames, List<Endpoint> media, long firstNanos,
                   long lastNanos) {
}
