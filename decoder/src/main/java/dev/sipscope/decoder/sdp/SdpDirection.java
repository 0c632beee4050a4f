package dev.sipscope.decoder.sdp;

/** Media direction attributes (RFC 4566 §6 / RFC 8866 §6.7). */
public enum SdpDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** Whether the offerer/answerer says it sends media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether the offerer/answerer says it receives media. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction of the attribute named {@code name} (lower case), or null. */
    public static SdpDirection ofAttribute(String name) {
        switch (name) {
            case "sendrecv":
                return SENDRECV;
            case "sendonly":
                return SENDONLY;
            case "recvonly":
                return RECVONLY;
            case "inactive":
                return INACTIVE;
            default:
                return null;
        }
    }

    /** The attribute name, e.g. {@code sendonly}. */
    /** Made once: reports ask for it for every call, dialog and media line. */
    private final String lowerCaseName = name().toLowerCase(java.util.Locale.ROOT);

    public String attributeName() {
        return lowerCaseName;
    }
}
