package dev.sipscope.samples.rtp;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;

/**
 * A stand-alone RTP stream (no signalling): source, destination, codec, start and length, plus
 * every {@link RtpSettings} option. {@link #reverse()} adds the stream in the other direction,
 * with the same settings, so that RTCP reports carry reception statistics.
 */
public final class RtpStreamBuilder extends RtpSettings<RtpStreamBuilder> {
    Endpoint from;
    Endpoint to;
    Codec codec = Codec.PCMU;
    long atMillis;
    double seconds = 10;
    NetPath path = NetPath.DEFAULT;
    boolean reverse;
    String label;

    public RtpStreamBuilder() {
    }

    @Override
    protected RtpStreamBuilder self() {
        return this;
    }

    public RtpStreamBuilder from(String ip, int port) {
        this.from = Endpoint.of(ip, port);
        return this;
    }

    public RtpStreamBuilder to(String ip, int port) {
        this.to = Endpoint.of(ip, port);
        return this;
    }

    public RtpStreamBuilder codec(Codec value) {
        this.codec = value;
        return this;
    }

    /** Start, in milliseconds after the scenario start. */
    public RtpStreamBuilder at(long millis) {
        this.atMillis = millis;
        return this;
    }

    /** Length of the stream (10 s by default). */
    public RtpStreamBuilder seconds(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("stream length must be positive, got " + value);
        }
        this.seconds = value;
        return this;
    }

    public RtpStreamBuilder vlan(int id) {
        this.path = path.withVlan(id);
        return this;
    }

    /** Also send from {@code to} back to {@code from} (same settings, its own SSRC and numbering). */
    public RtpStreamBuilder reverse() {
        this.reverse = true;
        return this;
    }

    /** A name for the stream in the ground truth (default {@code from->to}). */
    public RtpStreamBuilder label(String value) {
        this.label = value;
        return this;
    }

    public Endpoint from() {
        return from;
    }

    public Endpoint to() {
        return to;
    }

    public Codec codec() {
        return codec;
    }

    public long atMillis() {
        return atMillis;
    }

    public double seconds() {
        return seconds;
    }

    public NetPath path() {
        return path;
    }

    public boolean hasReverse() {
        return reverse;
    }

    public String label() {
        return label;
    }
}
