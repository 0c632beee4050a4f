package dev.sipscope.decoder;

/** Why a frame, or a layer in it, was counted as malformed. Names are stable: they appear in JSON. */
public enum Malformed {
    /** The frame ends inside a link-layer header. */
    LINK_TRUNCATED,
    /** A link-layer header with impossible contents (PPPoE version or code, an MPLS stack without bottom...). */
    LINK_HEADER,
    /** IPv4/IPv6 header shorter than its minimum, bad version, or a header length past the frame. */
    IP_HEADER,
    /** IPv6 extension header chain runs past the packet or is too long. */
    IPV6_EXTENSION,
    /** An IP fragment with an impossible offset/length (past 65535, overlapping with different bytes...). */
    IP_FRAGMENT,
    /** A UDP header shorter than 8 bytes, or a UDP length that disagrees with the IP payload. */
    UDP_HEADER,
    /** A TCP header shorter than 20 bytes or a data offset past the segment. */
    TCP_HEADER,
    /** An SCTP common header or chunk whose length runs past the packet. */
    SCTP_HEADER,
    /** A tunnel header (GRE, ERSPAN, VXLAN, IP-in-IP) that is truncated or inconsistent. */
    TUNNEL,
    /** A HEP packet with a bad header, chunk length or missing mandatory chunk. */
    HEP,
    /** Tunnels nested deeper than the decoder follows. */
    TOO_DEEP
}
