/**
 * SIP correlation: transactions (RFC 3261 §17), dialogs (§12), calls (everything sharing a
 * Call-ID), the links between calls (B2BUA legs, transfers) and the call state a user reads.
 *
 * <p>{@link dev.sipscope.correlator.call.Correlator} is the {@code SipSink} that owns all of it; it
 * is fed on the engine thread and publishes {@link dev.sipscope.correlator.call.CallSummary}
 * records, immutable, for reports and the UI. Time is capture time (packet timestamps), so a file
 * analysed at full speed behaves as it did on the wire: RFC 3261 timers (B, F, C) run on it.
 */
package dev.sipscope.correlator.call;
