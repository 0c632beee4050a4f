package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.sdp.SdpParser;
import dev.sipscope.decoder.sdp.SdpSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A message body or body part, with its Content-Type. Multipart bodies ({@code multipart/mixed},
 * {@code alternative}, {@code related}, any {@code multipart/*}) are split into {@link #parts()}
 * per RFC 2046 §5.1.1: delimiter lines {@code --boundary} at line starts (the line end before a
 * delimiter belongs to it), optional preamble and epilogue ignored, transport padding after a
 * delimiter tolerated, parts with their own headers and Content-Type, nested multiparts read up to
 * {@link SipLimits#maxMultipartDepth()} levels and {@link SipLimits#maxMultipartParts()} parts in
 * all. What could not be read is reported by {@link #problem()}; the body itself is still there.
 *
 * <p>Immutable. Shares the (never modified) bytes of its {@link SipMessage}.
 */
public final class SipBody {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final SipContentType contentType;
    private final List<SipBodyPart> parts;
    private final SipMalformed problem;
    private volatile SdpSession sdp;

    private SipBody(byte[] bytes, int offset, int length, SipContentType contentType, List<SipBodyPart> parts,
                    SipMalformed problem) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.contentType = contentType;
        this.parts = parts;
        this.problem = problem;
    }

    static SipBody read(byte[] b, int off, int len, SipContentType contentType, SipLimits limits) {
        return read(b, off, len, contentType, limits, 1, new int[] {limits.maxMultipartParts()});
    }

    private static SipBody read(byte[] b, int off, int len, SipContentType ct, SipLimits limits, int depth,
                                int[] partsLeft) {
        if (ct == null || !ct.isMultipart() || len == 0) {
            return new SipBody(b, off, len, ct, List.of(), null);
        }
        if (depth > limits.maxMultipartDepth()) {
            return new SipBody(b, off, len, ct, List.of(), SipMalformed.MULTIPART_TOO_DEEP);
        }
        String boundary = ct.boundary();
        if (boundary == null || boundary.isEmpty()) {
            return new SipBody(b, off, len, ct, List.of(), SipMalformed.MULTIPART_NO_BOUNDARY);
        }
        byte[] delimiter = ("--" + boundary).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int end = off + len;
        int d = findDelimiter(b, off, off, end, delimiter);
        if (d < 0) {
            return new SipBody(b, off, len, ct, List.of(), SipMalformed.MULTIPART_NO_BOUNDARY);
        }
        List<SipBodyPart> parts = new ArrayList<>();
        SipMalformed problem = null;
        SipHeaderScanner scanner = new SipHeaderScanner(limits);
        while (true) {
            int q = d + delimiter.length;
            if (q + 1 < end && b[q] == '-' && b[q + 1] == '-') {
                break;
            }
            int lf = SipHeaderScanner.findLf(b, q, end);
            if (lf < 0) {
                problem = SipMalformed.MULTIPART_UNTERMINATED;
                break;
            }
            int partStart = lf + 1;
            int next = findDelimiter(b, off, partStart, end, delimiter);
            int contentEnd;
            if (next < 0) {
                contentEnd = end;
            } else if (next == partStart) {
                contentEnd = partStart;
            } else {
                contentEnd = next - 1;
                if (contentEnd > partStart && b[contentEnd - 1] == '\r') {
                    contentEnd--;
                }
            }
            if (partsLeft[0] == 0) {
                problem = SipMalformed.MULTIPART_TOO_MANY_PARTS;
                break;
            }
            partsLeft[0]--;
            SipBodyPart part = readPart(b, partStart, contentEnd, scanner, limits, depth, partsLeft);
            parts.add(part);
            if (problem == null && part.body().problem() != null) {
                problem = part.body().problem();
            }
            if (next < 0) {
                problem = SipMalformed.MULTIPART_UNTERMINATED;
                break;
            }
            d = next;
        }
        return new SipBody(b, off, len, ct, List.copyOf(parts), problem);
    }

    private static SipBodyPart readPart(byte[] b, int start, int end, SipHeaderScanner scanner, SipLimits limits,
                                        int depth, int[] partsLeft) {
        int[] index = new int[0];
        int contentStart;
        if (start < end && (b[start] == '\n' || b[start] == '\r')) {
            contentStart = b[start] == '\r' && start + 1 < end && b[start + 1] == '\n' ? start + 2 : start + 1;
        } else {
            int bodyStart = scanner.scanHeaders(b, start, end, 0);
            if (bodyStart < 0 || (scanner.count == 0 && scanner.invalidLines > 0)) {
                // No MIME headers at all (or unreadable ones): the whole part is content.
                contentStart = start;
            } else {
                contentStart = bodyStart;
                index = Arrays.copyOf(scanner.index, scanner.count * SipHeaderScanner.STRIDE);
            }
        }
        SipContentType ct = null;
        for (int i = 0; i < index.length; i += SipHeaderScanner.STRIDE) {
            if (index[i + SipHeaderScanner.ID] == SipHeaderId.CONTENT_TYPE.ordinal()) {
                ct = SipContentType.parse(b, index[i + SipHeaderScanner.VALUE_OFF],
                        index[i + SipHeaderScanner.VALUE_OFF] + index[i + SipHeaderScanner.VALUE_LEN]);
                break;
            }
        }
        SipBody body = read(b, contentStart, end - contentStart, ct, limits, depth + 1, partsLeft);
        return new SipBodyPart(b, index, body);
    }

    /**
     * The first delimiter {@code --boundary} at or after {@code from} that starts a line (or starts
     * the body) and is followed by white space, a line end, {@code --} or the end; -1 if none.
     */
    private static int findDelimiter(byte[] b, int bodyStart, int from, int end, byte[] delimiter) {
        int last = end - delimiter.length;
        for (int i = from; i <= last; i++) {
            if ((i == bodyStart || b[i - 1] == '\n') && b[i] == '-'
                    && SipBytes.regionEquals(b, i, delimiter, 0, delimiter.length)) {
                int q = i + delimiter.length;
                if (q == end || b[q] == '-' || SipBytes.isLws(b[q])) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The declared type; null when the message or part had no Content-Type. */
    public SipContentType contentType() {
        return contentType;
    }

    /** Length in bytes. */
    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Offset of the body in {@link SipMessage#toByteArray()}. */
    public int offset() {
        return offset;
    }

    public byte byteAt(int i) {
        return bytes[offset + i];
    }

    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return SipBytes.text(bytes, offset, length);
    }

    /**
     * Whether this body is SDP: Content-Type {@code application/sdp}, or no Content-Type at all and
     * content starting with {@code v=0} (some agents omit the header).
     */
    public boolean isSdp() {
        if (contentType != null) {
            return contentType.isSdp();
        }
        return SipBytes.startsWith(bytes, offset, offset + length, "v=0");
    }

    public boolean isMultipart() {
        return contentType != null && contentType.isMultipart();
    }

    /** The parts of a multipart body (empty otherwise, or when none could be read). */
    public List<SipBodyPart> parts() {
        return parts;
    }

    /** What could not be read in this body or in a nested part; null when all was read. */
    public SipMalformed problem() {
        return problem;
    }

    /** This body parsed as SDP when {@link #isSdp()}, else null. Parsed once, on first call. */
    public SdpSession sdp() {
        if (!isSdp()) {
            return null;
        }
        SdpSession s = sdp;
        if (s == null) {
            s = SdpParser.parse(bytes, offset, length);
            sdp = s;
        }
        return s;
    }

    /** The first SDP found depth-first in this body and its parts, or null. */
    public SdpSession findSdp() {
        if (isSdp()) {
            return sdp();
        }
        for (SipBodyPart p : parts) {
            SdpSession s = p.body().findSdp();
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return (contentType == null ? "(no type)" : contentType.mediaType()) + " " + length + " bytes"
                + (parts.isEmpty() ? "" : ", " + parts.size() + " parts");
    }
}
