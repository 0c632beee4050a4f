/**
 * The call filter language shared by the command line ({@code --filter}) and the terminal UI's
 * filter bar: {@link dev.sipscope.correlator.query.CallFilter} parses an expression (terms such as
 * {@code from:alice}, {@code state:busy}, {@code code:5xx}, {@code mos<3.5}, {@code after:10:00},
 * {@code diag:ONE_WAY_AUDIO}, combined with {@code and}, {@code or}, {@code not} and parentheses)
 * and tests it against a {@link dev.sipscope.correlator.query.CallFacts}, the call as a filter sees
 * it. {@link dev.sipscope.correlator.query.SummaryFacts} presents a correlator
 * {@link dev.sipscope.correlator.call.CallSummary} that way, {@link
 * dev.sipscope.correlator.query.MessageTextIndex} finds the calls whose messages hold a free-text
 * needle while a capture is read. docs/FILTERS.md documents the language.
 */
package dev.sipscope.correlator.query;
