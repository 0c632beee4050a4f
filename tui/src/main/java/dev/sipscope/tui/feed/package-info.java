/**
 * The interim feed that turns packets into the UI's snapshots until the correlator's engine lands:
 * a packet source (capture files, a live interface, a HEP listener) read on one engine thread,
 * SIP messages grouped into calls by Call-ID with their state, RTP counted per stream on the SDP
 * endpoints of each call, and immutable {@link dev.sipscope.tui.model.FeedSnapshot}s published a
 * few times a second.
 *
 * <p>Owns: {@link dev.sipscope.tui.feed.CaptureFeed} (the engine thread, commands from the UI,
 * saving calls' packets), {@link dev.sipscope.tui.feed.CallTable} (calls and their media,
 * confined to the engine thread), the {@link dev.sipscope.tui.feed.PacketSource}s.
 *
 * <p>Deliberately simple where the correlator will be thorough: no transaction matching
 * (retransmissions are byte-identical repeats), no dialog forking, no B2BUA leg linking, RTP
 * figures limited to packets and sequence-number loss (jitter and MOS come with the quality
 * module). When the engine lands, an adapter from its snapshots replaces this package.
 */
package dev.sipscope.tui.feed;
