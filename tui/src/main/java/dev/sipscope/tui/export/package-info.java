/**
 * Saving calls from the UI: the formats ({@link dev.sipscope.tui.export.SaveFormat}), the CSV of
 * the call list ({@link dev.sipscope.tui.export.CallCsv}), the call flow as text
 * ({@link dev.sipscope.tui.export.LadderText}) and the background {@link
 * dev.sipscope.tui.export.Saver} that writes them (and asks the feed for packet captures) off the
 * UI thread. Everything here reads immutable snapshots only.
 */
package dev.sipscope.tui.export;
