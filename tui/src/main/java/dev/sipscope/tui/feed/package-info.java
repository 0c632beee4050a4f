/**
 * The feed that turns packets into the UI's snapshots: a packet source (capture files, a live
 * interface, a HEP listener) read on one engine thread, decoded into the correlator's engine
 * (transactions, dialogs, calls, B2BUA links, media bindings) with the quality module's stream
 * statistics, and immutable {@link dev.sipscope.tui.model.FeedSnapshot}s published a few times a
 * second.
 *
 * <p>Owns: {@link dev.sipscope.tui.feed.CaptureFeed} (the engine thread, commands from the UI,
 * saving calls' packets), {@link dev.sipscope.tui.feed.CorrelatorFeedEngine} (the adapter from
 * the correlator's and the quality engine's summaries to the UI's model, plus what only the UI
 * needs: sngrep's keep rules and the frames of each call), the
 * {@link dev.sipscope.tui.feed.PacketSource}s.
 */
package dev.sipscope.tui.feed;
