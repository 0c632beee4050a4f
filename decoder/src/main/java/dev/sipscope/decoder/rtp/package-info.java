/**
 * Zero-allocation views over RTP and RTCP bytes: {@link dev.sipscope.decoder.rtp.RtpView} (RFC 3550
 * §5.1 header, CSRCs, extension, padding, with the RFC 3550 A.1 validity checks),
 * {@link dev.sipscope.decoder.rtp.RtcpView} (compound walk, SR/RR report blocks, SDES, BYE, APP, XR
 * blocks including VoIP Metrics, RRT and DLRR), {@link dev.sipscope.decoder.rtp.TelephoneEventView}
 * (RFC 4733 event payload), {@link dev.sipscope.decoder.rtp.RtpDemux} (RFC 5761 rtcp-mux
 * demultiplexing) and {@link dev.sipscope.decoder.rtp.NtpTime}.
 *
 * <p>Views are mutable flyweights: wrap the bytes, read, move on. They never read outside
 * {@code (offset, length)} and never throw on bad input from {@code wrap}; accessors that take an index
 * throw {@link java.lang.IndexOutOfBoundsException} only for an index the counts did not offer.
 * Statistics built on these views live in the {@code quality} module.
 */
package dev.sipscope.decoder.rtp;
