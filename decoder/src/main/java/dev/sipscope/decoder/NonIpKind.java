package dev.sipscope.decoder;

/**
 * Kinds of frames that carry something other than IP. They are counted in {@link DecoderStats}, never
 * reported as malformed. Names are stable: they appear in JSON.
 */
public enum NonIpKind {
    /** Ethertype 0x0806. */
    ARP,
    /** Ethertype 0x8035 (also Cisco HDLC SLARP keepalives). */
    RARP,
    /** Ethertype 0x88cc, IEEE 802.1AB. */
    LLDP,
    /** IEEE 802.3 frames whose type field is a length (at most 1500), followed by an 802.2 LLC header. */
    LLC,
    /** Ethertype 0x8137. */
    IPX,
    /** Ethertype 0x888e, IEEE 802.1X. */
    EAPOL,
    /** Ethertype 0x8863: PPPoE discovery (PADI, PADO...); sessions (0x8864) are decoded. */
    PPPOE_DISCOVERY,
    /** Ethertype 0x8809: LACP, link OAM. */
    SLOW_PROTOCOLS,
    /** Ethertype 0x8808: pause frames. */
    FLOW_CONTROL,
    /** Ethertype 0x88f7, IEEE 1588. */
    PTP,
    /** Ethertype 0x8902, IEEE 802.1ag connectivity fault management. */
    CFM,
    /** Ethertype 0x9000, configuration test protocol (loopback). */
    LOOPBACK,
    /** Ethertype 0x88e5, IEEE 802.1AE (encrypted, cannot be decoded further). */
    MACSEC,
    /** PPP frames whose protocol is not IPv4 or IPv6 (LCP, IPCP, CHAP...). */
    PPP_CONTROL,
    /** An MPLS label stack followed by something other than IPv4 or IPv6 (pseudowire, unknown). */
    MPLS_NON_IP,
    /** BSD null/loopback frames with an address family other than IPv4 or IPv6. */
    BSD_FAMILY,
    /** A Linux cooked-capture frame from a device without an Ethernet-style protocol field (netlink...). */
    SLL_OTHER,
    /** Any other ethertype. */
    OTHER_ETHERTYPE;

    private static final NonIpKind[] VALUES = values();

    static NonIpKind ofEtherType(int etherType) {
        if (etherType <= 1500) {
            return LLC;
        }
        switch (etherType) {
            case 0x0806: return ARP;
            case 0x8035: return RARP;
            case 0x88cc: return LLDP;
            case 0x8137: return IPX;
            case 0x888e: return EAPOL;
            case 0x8863: return PPPOE_DISCOVERY;
            case 0x8809: return SLOW_PROTOCOLS;
            case 0x8808: return FLOW_CONTROL;
            case 0x88f7: return PTP;
            case 0x8902: return CFM;
            case 0x9000: return LOOPBACK;
            case 0x88e5: return MACSEC;
            default: return OTHER_ETHERTYPE;
        }
    }

    static NonIpKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
