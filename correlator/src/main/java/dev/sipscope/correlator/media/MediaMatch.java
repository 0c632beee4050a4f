package dev.sipscope.correlator.media;

/** How the last {@link MediaRegistry#lookup} found (or did not find) its binding. */
public enum MediaMatch {
    /** No announced endpoint at either end of the packet. */
    NONE,
    /**
     * The destination is an announced endpoint, and the source is the endpoint the other party
     * announced for the same m= line (or the other party's SDP is not known yet).
     */
    DESTINATION,
    /**
     * The destination is an announced endpoint but the source is not what the other party
     * announced: NAT, an SBC relaying media, or an endpoint that does not send from where it
     * receives (asymmetric RTP). Still bound; recorded in the binding.
     */
    DESTINATION_UNEXPECTED_SOURCE,
    /**
     * The destination was never announced but the source was: a party sending to where the other
     * party's packets came from (symmetric RTP towards a NAT's public address). Bound to the other
     * party's binding (the one the packet is meant for) when known, else to the source's; recorded.
     */
    SOURCE
}
