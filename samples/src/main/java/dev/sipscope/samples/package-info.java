/**
 * The scenario builder: synthetic SIP calls, registrations and RTP streams written as captures with
 * exact ground truth, for every other module's tests and for the benchmarks.
 *
 * <p>{@link dev.sipscope.samples.Scenario} describes a small capture fluently and writes it with
 * its {@link dev.sipscope.samples.ScenarioTruth}; {@link dev.sipscope.samples.LoadProfile} streams
 * captures of any size in bounded memory; {@link dev.sipscope.samples.SampleCaptures} defines the
 * committed files under {@code samples/captures/}; {@link dev.sipscope.samples.Generate} is the
 * command line. Everything is deterministic for a given seed.
 */
package dev.sipscope.samples;
