package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SIP message as sent: where, when, what, and the capture frames that carry it (several for
 * an IP-fragmented datagram or a message split across TCP segments; two messages coalesced into
 * one TCP segment share a frame).
 */
public final class SipMessageTruth {
    private final long tsNanos;
    private final Endpoint src;
    private final Endpoint dst;
    private final Transport transport;
    private final String firstLine;
    private final String method;
    private final int statusCode;
    private final long cseq;
    private final boolean retransmission;
    private final int bytes;
    private final List<Long> frames = new ArrayList<>(2);
    int id = -1;
    String callId;
    TransactionTruth transaction;
    DialogTruth dialog;

    SipMessageTruth(long tsNanos, Endpoint src, Endpoint dst, Transport transport, String firstLine, String method,
                    int statusCode, long cseq, boolean retransmission, int bytes) {
        this.tsNanos = tsNanos;
        this.src = src;
        this.dst = dst;
        this.transport = transport;
        this.firstLine = firstLine;
        this.method = method;
        this.statusCode = statusCode;
        this.cseq = cseq;
        this.retransmission = retransmission;
        this.bytes = bytes;
    }

    void addFrame(long frameNumber) {
        frames.add(frameNumber);
    }

    /** Capture time of the first frame carrying the message. */
    public long tsNanos() {
        return tsNanos;
    }

    public Endpoint src() {
        return src;
    }

    public Endpoint dst() {
        return dst;
    }

    public Transport transport() {
        return transport;
    }

    /** Request line or status line, without CRLF. */
    public String firstLine() {
        return firstLine;
    }

    /** The request method, or for a response the CSeq method. */
    public String method() {
        return method;
    }

    /** Status code of a response; 0 for a request. */
    public int statusCode() {
        return statusCode;
    }

    public boolean isRequest() {
        return statusCode == 0;
    }

    public long cseq() {
        return cseq;
    }

    /** True for a byte-identical resend of an earlier message (RFC 3261 section 17 timers). */
    public boolean retransmission() {
        return retransmission;
    }

    /** Message length in bytes (headers and body). */
    public int bytes() {
        return bytes;
    }

    /** Position in the scenario's capture order (by first frame), 0-based; -1 before the run ends. */
    public int id() {
        return id;
    }

    /** The Call-ID header of the message. */
    public String callId() {
        return callId;
    }

    /** The transaction the message belongs to (see {@link TransactionTruth} for the identity rule). */
    public TransactionTruth transaction() {
        return transaction;
    }

    /** The dialog the message belongs to (see {@link DialogTruth} for the membership rule), or null. */
    public DialogTruth dialog() {
        return dialog;
    }

    /** 1-based numbers of the frames that carry this message, in capture order. */
    public List<Long> frames() {
        return Collections.unmodifiableList(frames);
    }

    @Override
    public String toString() {
        return firstLine + (retransmission ? " (retransmission)" : "") + " " + src + " -> " + dst + " frames " + frames;
    }
}
