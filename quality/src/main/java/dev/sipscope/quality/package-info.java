/**
 * RTP stream quality (QUALITY.md): the {@link dev.sipscope.quality.QualityEngine} takes every UDP
 * datagram that is not signalling, recognises RTP (streams keyed by source, destination and SSRC; bound
 * to SDP endpoints the correlator declares with {@link dev.sipscope.quality.MediaEndpoint}, or found by
 * a strict heuristic) and RTCP, and keeps per-stream statistics for the profiles {@code RFC} (strict
 * RFC 3550), {@code ANALYZER} (duplicates, late packets, restarts, jitter-buffer simulation, loss
 * pattern, E-model) and {@code WS40} (what tshark 4.0 shows). Results are immutable
 * {@link dev.sipscope.quality.StreamSummary} records.
 *
 * <p>Owns no notion of calls: a stream carries the opaque {@code callRef} of the SDP it is bound to.
 * Single-threaded (the engine thread); the per-packet path for an existing stream is one hash probe
 * and allocates nothing. Memory is bounded by {@link dev.sipscope.quality.QualityConfig} limits.
 * {@link dev.sipscope.quality.QualityPipeline} feeds an engine in batches (on a thread of its own for
 * batch analysis, or inline), grouped by 5-tuple for cache locality, with the same results.
 *
 * <p>Subpackages hold the building blocks, each usable and tested on its own: {@code seq} (sequence
 * trackers, timestamps), {@code jitter} (RFC 3550 and WS40), {@code jb} (jitter buffer), {@code loss}
 * (Markov, Gmin burst/gap), {@code emodel} (G.107), {@code rtcp} (report blocks, XR, round trip),
 * {@code dtmf} (RFC 4733 events).
 */
package dev.sipscope.quality;
