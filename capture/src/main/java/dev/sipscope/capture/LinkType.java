package dev.sipscope.capture;

/**
 * LINKTYPE_ numbers (https://www.tcpdump.org/linktypes.html) the project knows by name.
 * Any other number is still carried through readers and writers untouched.
 */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int PPP = 9;
    public static final int RAW_OPENBSD = 12;
    public static final int RAW_BSDOS = 14;
    public static final int PPP_HDLC = 50;
    public static final int PPP_ETHER = 51;
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int LOOP = 108;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /** The libpcap-style name (e.g. {@code EN10MB}, {@code LINUX_SLL}), or {@code LINKTYPE_<n>}. */
    public static String name(int linkType) {
        switch (linkType) {
            case NULL: return "NULL";
            case ETHERNET: return "EN10MB";
            case PPP: return "PPP";
            case RAW_OPENBSD: case RAW_BSDOS: case RAW: return "RAW";
            case PPP_HDLC: return "PPP_HDLC";
            case PPP_ETHER: return "PPP_ETHER";
            case LINUX_SLL: return "LINUX_SLL";
            case LOOP: return "LOOP";
            case IPV4: return "IPV4";
            case IPV6: return "IPV6";
            case LINUX_SLL2: return "LINUX_SLL2";
            default: return "LINKTYPE_" + linkType;
        }
    }
}
