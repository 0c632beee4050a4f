/**
 * SDP (RFC 4566/8866) session descriptions as carried in SIP bodies: {@link dev.sipscope.decoder.sdp.SdpParser}
 * turns the text into an immutable {@link dev.sipscope.decoder.sdp.SdpSession} with its
 * {@link dev.sipscope.decoder.sdp.SdpMedia} lines, the codecs they offer (a=rtpmap, or the RFC 3551
 * static table in {@link dev.sipscope.decoder.sdp.StaticPayloadTypes}), the effective connection
 * address and direction of each stream, and the markers of SRTP (a=crypto), DTLS-SRTP
 * (a=fingerprint, a=setup) and ICE. Parsing is lenient: a malformed line is counted and skipped,
 * never fatal. This package knows nothing of SIP.
 */
package dev.sipscope.decoder.sdp;
