/**
 * The scenario builder: synthetic SIP calls, registrations and RTP streams written as captures with
 * exact ground truth, for every other module's tests and for the benchmarks.
 *
 * <p>{@link dev.sipscope.samples.Scenario} describes a small capture fluently and writes it with
 * its {@link dev.sipscope.samples.ScenarioTruth}: two-party calls ({@link dev.sipscope.samples.CallBuilder},
 * over UDP, TCP or WebSocket), calls through a forking proxy ({@link dev.sipscope.samples.ForkedCallBuilder}),
 * REFER transfers ({@link dev.sipscope.samples.TransferBuilder}), B2BUA legs
 * ({@link dev.sipscope.samples.B2buaBuilder}), registrations, OPTIONS / MESSAGE / SUBSCRIBE exchanges
 * and stand-alone RTP. The truth names every message's transaction and dialog
 * ({@link dev.sipscope.samples.TransactionTruth}, {@link dev.sipscope.samples.DialogTruth}), each call's
 * {@link dev.sipscope.samples.CallState} and the {@link dev.sipscope.samples.CallLink}s between calls.
 * {@link dev.sipscope.samples.LoadProfile} streams captures of any size in bounded memory;
 * {@link dev.sipscope.samples.SampleCaptures} defines the committed files under
 * {@code samples/captures/}; {@link dev.sipscope.samples.Generate} is the command line. Everything
 * is deterministic for a given seed.
 */
package dev.sipscope.samples;
