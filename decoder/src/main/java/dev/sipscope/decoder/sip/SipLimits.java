package dev.sipscope.decoder.sip;

/**
 * Bounds applied while framing and parsing SIP. Exceeding one makes the message malformed (counted
 * with a {@link SipMalformed} reason), never an exception and never more memory.
 *
 * @param maxMessageBytes    largest message (start line, headers and body) accepted; also the most a
 *                           stream framer or WebSocket deframer buffers for one direction
 * @param maxHeaders         header lines per message (and per multipart body part)
 * @param maxHeaderLineBytes longest start line or header line, folded continuation lines included
 * @param maxMultipartDepth  multipart bodies nested deeper than this are kept opaque
 * @param maxMultipartParts  body parts read from one multipart body (all nesting levels together)
 * @param maxProbeBytes      on a connection not known to carry SIP (not a configured SIP port), how
 *                           many bytes a framer scans for a SIP start line before ignoring the direction
 */
public record SipLimits(int maxMessageBytes, int maxHeaders, int maxHeaderLineBytes, int maxMultipartDepth,
                        int maxMultipartParts, int maxProbeBytes) {

    /** 64 KiB messages, 256 headers, 8 KiB header lines, multipart depth 4 and 32 parts, 64 KiB probe. */
    public static final SipLimits DEFAULTS = new SipLimits(64 << 10, 256, 8 << 10, 4, 32, 64 << 10);

    public SipLimits {
        if (maxMessageBytes < 64) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 64, was " + maxMessageBytes);
        }
        if (maxHeaders < 1) {
            throw new IllegalArgumentException("maxHeaders must be at least 1, was " + maxHeaders);
        }
        if (maxHeaderLineBytes < 32 || maxHeaderLineBytes > maxMessageBytes) {
            throw new IllegalArgumentException("maxHeaderLineBytes must be between 32 and maxMessageBytes ("
                    + maxMessageBytes + "), was " + maxHeaderLineBytes);
        }
        if (maxMultipartDepth < 0) {
            throw new IllegalArgumentException("maxMultipartDepth must not be negative, was " + maxMultipartDepth);
        }
        if (maxMultipartParts < 1) {
            throw new IllegalArgumentException("maxMultipartParts must be at least 1, was " + maxMultipartParts);
        }
        if (maxProbeBytes < 0) {
            throw new IllegalArgumentException("maxProbeBytes must not be negative, was " + maxProbeBytes);
        }
    }

    public SipLimits withMaxMessageBytes(int bytes) {
        return new SipLimits(bytes, maxHeaders, Math.min(maxHeaderLineBytes, bytes), maxMultipartDepth,
                maxMultipartParts, maxProbeBytes);
    }

    public SipLimits withMaxHeaders(int headers) {
        return new SipLimits(maxMessageBytes, headers, maxHeaderLineBytes, maxMultipartDepth, maxMultipartParts,
                maxProbeBytes);
    }

    public SipLimits withMaxHeaderLineBytes(int bytes) {
        return new SipLimits(maxMessageBytes, maxHeaders, bytes, maxMultipartDepth, maxMultipartParts, maxProbeBytes);
    }

    public SipLimits withMaxMultipartDepth(int depth) {
        return new SipLimits(maxMessageBytes, maxHeaders, maxHeaderLineBytes, depth, maxMultipartParts, maxProbeBytes);
    }

    public SipLimits withMaxMultipartParts(int parts) {
        return new SipLimits(maxMessageBytes, maxHeaders, maxHeaderLineBytes, maxMultipartDepth, parts, maxProbeBytes);
    }

    public SipLimits withMaxProbeBytes(int bytes) {
        return new SipLimits(maxMessageBytes, maxHeaders, maxHeaderLineBytes, maxMultipartDepth, maxMultipartParts,
                bytes);
    }
}
