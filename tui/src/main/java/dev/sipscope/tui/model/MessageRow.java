package dev.sipscope.tui.model;

/**
 * One SIP message of a call, as the ladder draws it.
 *
 * @param callKey        the call it belongs to ({@link CallRow#key()})
 * @param tsNanos        capture time, ns since the epoch
 * @param src            source address, {@code ip:port}
 * @param dst            destination address, {@code ip:port}
 * @param transport      UDP, TCP, TLS, SCTP, WS or WSS
 * @param firstLine      the request or status line as received
 * @param request        true for a request, false for a response
 * @param method         the request method, or for a response the CSeq method
 * @param statusCode     the response code, 0 for a request
 * @param sdp            true when the message carries an SDP body
 * @param retransmission true when this is a retransmission of an earlier message of the call
 * @param text           the full message, loaded on demand
 */
public record MessageRow(long callKey, long tsNanos, String src, String dst, String transport, String firstLine,
                         boolean request, String method, int statusCode, boolean sdp, boolean retransmission,
                         MessageText text) {

    public MessageRow {
        src = src == null ? "" : src;
        dst = dst == null ? "" : dst;
        transport = transport == null ? "" : transport;
        firstLine = firstLine == null ? "" : firstLine;
        method = method == null ? "" : method;
        if (text == null) {
            text = MessageText.of(firstLine);
        }
    }

    /**
     * The label of the arrow: the method for a request, code and reason for a response
     * ({@code 200 OK}), with {@code (SDP)} when a body offers or answers media.
     */
    public String label() {
        String base;
        if (request) {
            base = method;
        } else {
            int sp = firstLine.indexOf(' ');
            base = sp >= 0 ? firstLine.substring(sp + 1).trim() : String.valueOf(statusCode);
            if (base.isEmpty()) {
                base = String.valueOf(statusCode);
            }
        }
        return sdp ? base + " (SDP)" : base;
    }

    /** The full text (see {@link MessageText}). */
    public String fullText() {
        String t = text.load();
        return t == null ? "" : t;
    }
}
