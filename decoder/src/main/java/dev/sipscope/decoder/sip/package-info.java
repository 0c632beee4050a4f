/**
 * SIP messages (RFC 3261) from transport payloads.
 *
 * <ul>
 *   <li>{@link dev.sipscope.decoder.sip.SipDecoder}: the {@link dev.sipscope.decoder.PacketSink}
 *       that routes datagrams and TCP streams to the parsers and reports to a
 *       {@link dev.sipscope.decoder.sip.SipSink}, with the packet as context and the
 *       {@link dev.sipscope.decoder.sip.SipTransport} the message came over.</li>
 *   <li>{@link dev.sipscope.decoder.sip.SipDatagramParser}: one message per UDP/SCTP/HEP/WebSocket
 *       payload. {@link dev.sipscope.decoder.sip.SipStreamFramer}: resumable Content-Length framing
 *       of TCP streams, keep-alives, resynchronisation after gaps, and SIP over WebSocket
 *       (RFC 7118) after an HTTP upgrade.</li>
 *   <li>{@link dev.sipscope.decoder.sip.SipMessage}: the delivered message, a compact owned copy with
 *       a header index built in the framing scan ({@link dev.sipscope.decoder.sip.SipHeaderId}:
 *       case-insensitive names and compact forms); structured values parsed lazily:
 *       {@link dev.sipscope.decoder.sip.SipUri}, {@link dev.sipscope.decoder.sip.SipAddress},
 *       {@link dev.sipscope.decoder.sip.SipVia}, {@link dev.sipscope.decoder.sip.SipCSeq},
 *       {@link dev.sipscope.decoder.sip.SipContentType}, {@link dev.sipscope.decoder.sip.SipReason},
 *       bodies and multipart parts ({@link dev.sipscope.decoder.sip.SipBody}) with their SDP;
 *       {@link dev.sipscope.decoder.sip.ByteKey} for Call-ID, tag and branch map keys.</li>
 *   <li>Bounds in {@link dev.sipscope.decoder.sip.SipLimits}; every failure is a
 *       {@link dev.sipscope.decoder.sip.SipMalformed} reason, never an exception. A message whose
 *       start line and headers are intact but whose body framing is not is still delivered, with
 *       {@link dev.sipscope.decoder.sip.SipMessage#problem()} set.</li>
 * </ul>
 */
package dev.sipscope.decoder.sip;
