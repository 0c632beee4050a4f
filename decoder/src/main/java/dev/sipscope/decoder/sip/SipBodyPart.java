package dev.sipscope.decoder.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * One part of a multipart body (RFC 2046 §5.1): its MIME headers and its content as a
 * {@link SipBody} (which may itself be multipart). Immutable.
 */
public final class SipBodyPart {
    private final byte[] bytes;
    /** {@link SipHeaderScanner} layout, offsets absolute in {@code bytes}. */
    private final int[] index;
    private final SipBody body;

    SipBodyPart(byte[] bytes, int[] index, SipBody body) {
        this.bytes = bytes;
        this.index = index;
        this.body = body;
    }

    public int headerCount() {
        return index.length / SipHeaderScanner.STRIDE;
    }

    public SipHeaderId headerId(int i) {
        return SipHeaderId.ofOrdinal(index[i * SipHeaderScanner.STRIDE + SipHeaderScanner.ID]);
    }

    public String headerName(int i) {
        int base = i * SipHeaderScanner.STRIDE;
        return SipBytes.text(bytes, index[base + SipHeaderScanner.NAME_OFF], index[base + SipHeaderScanner.NAME_LEN]);
    }

    public String headerValue(int i) {
        int base = i * SipHeaderScanner.STRIDE;
        return SipValueReader.collapsedText(bytes, index[base + SipHeaderScanner.VALUE_OFF],
                index[base + SipHeaderScanner.VALUE_OFF] + index[base + SipHeaderScanner.VALUE_LEN]);
    }

    /** The value of the first header with {@code id}, or null. */
    public String header(SipHeaderId id) {
        for (int i = 0; i < headerCount(); i++) {
            if (headerId(i) == id) {
                return headerValue(i);
            }
        }
        return null;
    }

    /** The value of the first header named {@code name} (any case, long or compact form), or null. */
    public String header(String name) {
        SipHeaderId id = SipHeaderId.lookup(name);
        for (int i = 0; i < headerCount(); i++) {
            if (id != SipHeaderId.OTHER ? headerId(i) == id : headerName(i).equalsIgnoreCase(name)) {
                return headerValue(i);
            }
        }
        return null;
    }

    /** Every header as {@code name: value} lines, for display. */
    public List<String> headerLines() {
        List<String> out = new ArrayList<>(headerCount());
        for (int i = 0; i < headerCount(); i++) {
            out.add(headerName(i) + ": " + headerValue(i));
        }
        return out;
    }

    /** The part's content, typed by the part's own Content-Type (null type: RFC 2046 default text/plain). */
    public SipBody body() {
        return body;
    }

    @Override
    public String toString() {
        return body.toString();
    }
}
