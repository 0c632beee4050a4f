package dev.sipscope.quality;

/** What the {@link QualityEngine} made of a datagram. */
public enum MediaClass {
    /** An RTP packet of a stream (new or known); its statistics were updated. */
    RTP,
    /** An RTCP compound datagram; its reports were attached to streams. */
    RTCP,
    /** Kept as a possible RTP packet while its 5-tuple is on heuristic probation. */
    PROBATION,
    /** Addressed like media (known stream, or RTCP-like) but malformed; counted and ignored. */
    INVALID,
    /** RTP of a new stream that could not be created because the stream limit was reached; counted. */
    DROPPED,
    /** Not RTP or RTCP as far as this engine can tell. */
    NOT_MEDIA
}
