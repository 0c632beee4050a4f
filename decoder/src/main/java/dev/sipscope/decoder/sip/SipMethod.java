package dev.sipscope.decoder.sip;

/**
 * SIP request methods (RFC 3261 §7.1 and the extensions that define the others). Method names are
 * case-sensitive (RFC 3261 §7.1): {@code invite} is an {@link #UNKNOWN} method whose name
 * {@link SipMessage#methodName()} keeps.
 */
public enum SipMethod {
    INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS,
    /** RFC 3262. */
    PRACK,
    /** RFC 3311. */
    UPDATE,
    /** RFC 6086. */
    INFO,
    /** RFC 6665. */
    SUBSCRIBE,
    /** RFC 6665. */
    NOTIFY,
    /** RFC 3515. */
    REFER,
    /** RFC 3428. */
    MESSAGE,
    /** RFC 3903. */
    PUBLISH,
    /** Any other method token. */
    UNKNOWN;

    private static final SipMethod[] KNOWN = {INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS, PRACK, UPDATE, INFO,
        SUBSCRIBE, NOTIFY, REFER, MESSAGE, PUBLISH};
    private static final byte[][] NAMES = new byte[KNOWN.length][];

    static {
        for (int i = 0; i < KNOWN.length; i++) {
            NAMES[i] = KNOWN[i].name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** The method whose name is exactly {@code b[off, off+len)}, else {@link #UNKNOWN}. Allocates nothing. */
    public static SipMethod of(byte[] b, int off, int len) {
        for (int i = 0; i < NAMES.length; i++) {
            byte[] n = NAMES[i];
            if (n.length == len && SipBytes.regionEquals(b, off, n, 0, len)) {
                return KNOWN[i];
            }
        }
        return UNKNOWN;
    }

    /** The method named exactly {@code name}, else {@link #UNKNOWN}. */
    public static SipMethod of(String name) {
        for (SipMethod m : KNOWN) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
