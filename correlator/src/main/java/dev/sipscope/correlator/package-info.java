/**
 * Turns decoded packets into what users look at. {@link dev.sipscope.correlator.Engine} is the
 * single writer that owns every piece of correlation state (SIP decoder, the
 * {@code call.Correlator}, the {@code media.MediaRegistry}) and publishes immutable
 * {@link dev.sipscope.correlator.EngineSnapshot}s; {@link dev.sipscope.correlator.CaptureAnalysis}
 * drives a capture file through the decoder and an engine for {@code sipscope analyze}.
 * Subpackages: {@code call} (transactions, dialogs, calls, links), {@code media} (SDP endpoints
 * to calls), {@code export} (JSON and text).
 */
package dev.sipscope.correlator;
