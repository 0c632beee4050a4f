/**
 * Exports of what the engine found: the JSON of {@code sipscope analyze} ({@code SummaryJson},
 * {@code CallsJson}, {@code StreamsJson} over {@code JsonWriter}) and its text tables
 * ({@code CallsText}, {@code StreamsText}, every untrusted string through {@code TerminalText});
 * the CSV files ({@code CallsCsv}, {@code StreamsCsv}, every untrusted cell through
 * {@code SpreadsheetCell}); the ladder of one call as text, Mermaid or JSON ({@code CallLadder});
 * the figures of {@code sipscope stats} ({@code CaptureStats}).
 */
package dev.sipscope.correlator.export;
