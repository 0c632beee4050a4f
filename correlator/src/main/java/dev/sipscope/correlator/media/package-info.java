/**
 * The media registry: which call an RTP or RTCP packet belongs to.
 *
 * <p>Every SDP offer and answer a call carries (RFC 3264) announces, per m= line, where its author
 * wants to receive RTP (connection address + port) and RTCP (port + 1, {@code a=rtcp} of RFC 3605,
 * or the RTP port itself with {@code a=rtcp-mux} of RFC 5761). {@link dev.sipscope.correlator.media.CallMedia}
 * turns each SDP into {@link dev.sipscope.correlator.media.MediaBinding}s and
 * {@link dev.sipscope.correlator.media.MediaRegistry} indexes them by endpoint in an open-addressing
 * hash table, so that binding a packet costs one or two hash probes and no allocation, whatever the
 * number of calls. The registry knows nothing of how RTP statistics are computed; it only says which
 * call, m= line and payload-type map a packet belongs to, and records what it saw (symmetric RTP and
 * NAT mismatches) for diagnostics.
 *
 * <p>All mutable state here belongs to the engine thread.
 */
package dev.sipscope.correlator.media;
