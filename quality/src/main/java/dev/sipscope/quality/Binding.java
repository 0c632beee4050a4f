package dev.sipscope.quality;

/** How a stream was recognised as RTP and where its codec information comes from (QUALITY.md §10.3). */
public enum Binding {
    /** Sent to an address and port an SDP announced: decoded with that SDP's payload map. */
    SDP_DESTINATION,
    /** Sent from an announced address and port (symmetric RTP, RFC 4961): that SDP's map is used. */
    SDP_SOURCE,
    /** Found by the RTP heuristic on ports no SDP announced: static payload types only. */
    HEURISTIC;

    private final String lowerCaseName = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name reports use ({@code sdp_destination}...), made once. */
    public String jsonName() {
        return lowerCaseName;
    }
}
