/**
 * The screens of the terminal UI and the loop that runs them.
 *
 * <p>Owns: {@link dev.sipscope.tui.screen.TerminalUi} (the UI thread's loop: read keys, hand them
 * to the top page, draw the newest snapshot), the pages (call list, call flow, message, diff,
 * streams, help, save, columns), their key bindings ({@link dev.sipscope.tui.screen.Binding}: every
 * key maps to a named action, and the footer and the help page are generated from the same
 * tables), and the ladder layout ({@link dev.sipscope.tui.screen.Ladder}), which is also used to
 * write a call flow as text.
 *
 * <p>Threads: everything here runs on the UI thread, except the text exports, which only read
 * immutable snapshots. Pages read the newest {@link dev.sipscope.tui.model.UiSnapshot} and send
 * requests (a new filter or sort, a save) through the view worker or the feed; they never wait on
 * the engine.
 */
package dev.sipscope.tui.screen;
