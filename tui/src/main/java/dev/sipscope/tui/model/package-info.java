/**
 * The view model of the terminal UI: immutable values the screens draw from, and the machinery
 * that turns a feed of calls into what the call list shows.
 *
 * <p>Owns: the call, message and stream rows ({@link dev.sipscope.tui.model.CallRow},
 * {@link dev.sipscope.tui.model.MessageRow}, {@link dev.sipscope.tui.model.StreamRow}), a call's
 * detail ({@link dev.sipscope.tui.model.CallDetail}), the status counters, the snapshot a feed
 * publishes ({@link dev.sipscope.tui.model.FeedSnapshot}) and the one the UI reads
 * ({@link dev.sipscope.tui.model.UiSnapshot}); the filter language
 * ({@link dev.sipscope.tui.model.CallQuery}), the columns and their order
 * ({@link dev.sipscope.tui.model.Column}), and the {@link dev.sipscope.tui.model.ViewWorker}, the
 * thread that filters and sorts so that the UI thread never walks the whole list.
 *
 * <p>Everything here is immutable or confined to one documented thread; nothing depends on
 * Lanterna. A feed (in {@code dev.sipscope.tui.feed}, an adapter of the correlator's engine)
 * produces {@link dev.sipscope.tui.model.FeedSnapshot}s; the screens
 * only ever see {@link dev.sipscope.tui.model.UiSnapshot}s.
 */
package dev.sipscope.tui.model;
