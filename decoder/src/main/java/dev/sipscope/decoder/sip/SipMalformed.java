package dev.sipscope.decoder.sip;

/**
 * Why bytes offered as SIP did not give a message, or why part of a message could not be read.
 * Names are stable: they appear in JSON output.
 *
 * <p>The {@code MULTIPART_*} reasons never stop a message from being delivered: they describe a
 * body that {@link SipBody} could only partly read.
 */
public enum SipMalformed {
    /** The first line is not a SIP start line: another protocol, binary garbage, or nothing but spaces. */
    NOT_SIP,
    /** The first line starts like SIP but its request line or status line is malformed (RFC 3261 §7.1, §7.2). */
    BAD_START_LINE,
    /** The message is larger than {@link SipLimits#maxMessageBytes()}. */
    TOO_LARGE,
    /** More header lines than {@link SipLimits#maxHeaders()}. */
    TOO_MANY_HEADERS,
    /** A start line or header line longer than {@link SipLimits#maxHeaderLineBytes()}. */
    HEADER_LINE_TOO_LONG,
    /** Content-Length is not a non-negative decimal number, or two Content-Length headers disagree. */
    BAD_CONTENT_LENGTH,
    /** Content-Length announces more than {@link SipLimits#maxMessageBytes()} allows. */
    CONTENT_LENGTH_TOO_LARGE,
    /** In a datagram, Content-Length announces more bytes than the datagram holds after the headers. */
    CONTENT_LENGTH_EXCEEDS_DATAGRAM,
    /** Bytes of a TCP stream were lost (a gap) inside a message; the partial message was dropped. */
    STREAM_GAP,
    /** A TCP stream ended in the middle of a message. */
    STREAM_UNTERMINATED,
    /** A WebSocket frame breaks RFC 6455 §5 (reserved opcode, bad control frame, stray continuation, bad length). */
    WEBSOCKET_FRAME,
    /** A WebSocket message compressed by an extension (RSV1, permessage-deflate), which is not decoded. */
    WEBSOCKET_COMPRESSED,
    /** A multipart body without a boundary parameter, or with no delimiter line (RFC 2046 §5.1.1). */
    MULTIPART_NO_BOUNDARY,
    /** A multipart body whose last part is not closed by a close-delimiter. */
    MULTIPART_UNTERMINATED,
    /** Multipart bodies nested deeper than {@link SipLimits#maxMultipartDepth()}. */
    MULTIPART_TOO_DEEP,
    /** More body parts than {@link SipLimits#maxMultipartParts()}. */
    MULTIPART_TOO_MANY_PARTS
}
