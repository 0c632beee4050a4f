package dev.sipscope.decoder.sdp;

import java.util.List;

/**
 * A parsed session description (RFC 4566 §5): session-level fields, then one {@link SdpMedia} per
 * m= line. Immutable. Lines that could not be read are counted in {@link #malformedLines()}.
 */
public final class SdpSession {
    private final int version;
    private final SdpOrigin origin;
    private final String sessionName;
    private final SdpConnection connection;
    private final List<SdpBandwidth> bandwidths;
    private final List<SdpTiming> timings;
    private final List<SdpAttribute> attributes;
    private final SdpDirection direction;
    private final List<SdpMedia> media;
    private final int malformedLines;

    SdpSession(SdpParser.SessionBuilder s, List<SdpMedia> media) {
        this.version = s.version;
        this.origin = s.origin;
        this.sessionName = s.sessionName;
        this.connection = s.connection;
        this.bandwidths = List.copyOf(s.bandwidths);
        this.timings = List.copyOf(s.timings);
        this.attributes = List.copyOf(s.attributes);
        this.direction = s.direction;
        this.media = List.copyOf(media);
        this.malformedLines = s.malformedLines;
    }

    /** v=, normally 0; -1 when missing or unreadable. */
    public int version() {
        return version;
    }

    /** o=, or null when missing or malformed. */
    public SdpOrigin origin() {
        return origin;
    }

    /** s=, or null. */
    public String sessionName() {
        return sessionName;
    }

    /** The session-level c=, or null. */
    public SdpConnection connection() {
        return connection;
    }

    public List<SdpBandwidth> bandwidths() {
        return bandwidths;
    }

    public List<SdpTiming> timings() {
        return timings;
    }

    /** Session-level a= lines, in order. */
    public List<SdpAttribute> attributes() {
        return attributes;
    }

    /** The value of the first session-level attribute named {@code name} ("" for a property), or null. */
    public String attribute(String name) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals(name)) {
                return a.value() == null ? "" : a.value();
            }
        }
        return null;
    }

    /** The session-level direction attribute, or null when there is none. */
    public SdpDirection direction() {
        return direction;
    }

    /** The media sections in order. */
    public List<SdpMedia> media() {
        return media;
    }

    /** Lines that did not follow the grammar (skipped, or read in part). */
    public int malformedLines() {
        return malformedLines;
    }

    @Override
    public String toString() {
        return "SDP " + (origin == null ? "" : origin.address() + " ") + media;
    }
}
