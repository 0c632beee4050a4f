package dev.sipscope.decoder.sdp;

import java.nio.charset.StandardCharsets;

/**
 * Canonical Strings for the short SDP tokens that nearly every session description repeats (network
 * and address types, transport protocols, media types, payload type numbers, common encoding and
 * attribute names), so that reading them allocates nothing. A token not in the table is decoded as
 * UTF-8; either way the result equals {@code new String(b, s, e - s, UTF_8)}.
 *
 * <p>The table is fixed at class initialisation: lookups read a small array of candidates chosen by
 * the token's length and first byte and compare bytes; no hashing of the input, no allocation.
 */
final class SdpTokens {
    private static final String[] COMMON = {
        "", "-", "IN", "IP4", "IP6", "0.0.0.0", "::", "127.0.0.1",
        "RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF", "udptl", "UDPTL",
        "TCP/MSRP", "TCP/TLS/MSRP", "udp", "UDP", "TCP", "tcp",
        "audio", "video", "image", "application", "text", "message", "t38",
        "PCMU", "PCMA", "G722", "G723", "G728", "G729", "G729a", "GSM", "iLBC", "AMR", "AMR-WB", "opus", "speex",
        "L16", "G726-32", "telephone-event", "CN", "H263", "H264", "VP8", "VP9", "red", "ulpfec", "rtx",
        "sipscope", "session", "SIP Call", "Talk", "call", "user",
    };

    /** Lower-case attribute names (RFC 4566 §6, RFC 3605, RFC 4145, RFC 4572, RFC 5245, RFC 4568, RFC 5576). */
    private static final String[] ATTRIBUTE_NAMES = {
        "rtpmap", "fmtp", "ptime", "maxptime", "sendrecv", "sendonly", "recvonly", "inactive", "rtcp", "rtcp-mux",
        "rtcp-fb", "rtcp-rsize", "fingerprint", "setup", "connection", "ice-ufrag", "ice-pwd", "ice-options",
        "candidate", "end-of-candidates", "crypto", "mid", "msid", "ssrc", "ssrc-group", "group", "extmap",
        "silencesupp", "label", "content", "framerate", "orient", "type", "charset", "sdplang", "lang", "tool",
        "cat", "keywds", "quality", "direction", "path", "accept-types", "accept-wrapped-types", "max-size",
        "t38faxversion", "t38maxbitrate", "t38faxfillbitremoval", "t38faxtranscodingmmr", "t38faxtranscodingjbig",
        "t38faxratemanagement", "t38faxmaxbuffer", "t38faxmaxdatagram", "t38faxudpec", "sctp-port",
        "sctpmap", "max-message-size", "x-plc", "csup", "creq", "acap", "tcap", "pcfg", "acfg",
    };

    private static final int SLOTS = 512;
    private static final byte[][][] BY_SLOT = new byte[SLOTS][][];
    private static final String[][] STRINGS_BY_SLOT = new String[SLOTS][];
    private static final byte[][][] NAMES_BY_SLOT = new byte[SLOTS][][];
    private static final String[][] NAME_STRINGS_BY_SLOT = new String[SLOTS][];
    private static final String[] NUMBERS = new String[128];

    static {
        for (String s : COMMON) {
            add(BY_SLOT, STRINGS_BY_SLOT, s, false);
        }
        for (String s : ATTRIBUTE_NAMES) {
            add(NAMES_BY_SLOT, NAME_STRINGS_BY_SLOT, s, true);
        }
        for (int i = 0; i < NUMBERS.length; i++) {
            NUMBERS[i] = Integer.toString(i).intern();
        }
    }

    private SdpTokens() {
    }

    private static void add(byte[][][] bytes, String[][] strings, String s, boolean folded) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        int slot = slot(b.length, b.length == 0 ? 0 : folded ? lower(b[0]) : b[0]);
        byte[][] oldB = bytes[slot];
        String[] oldS = strings[slot];
        int n = oldB == null ? 0 : oldB.length;
        byte[][] nb = new byte[n + 1][];
        String[] ns = new String[n + 1];
        for (int i = 0; i < n; i++) {
            nb[i] = oldB[i];
            ns[i] = oldS[i];
        }
        nb[n] = b;
        ns[n] = s;
        bytes[slot] = nb;
        strings[slot] = ns;
    }

    private static int slot(int length, int first) {
        return (length * 31 + first) & (SLOTS - 1);
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** {@code b[s, e)} decoded as UTF-8, from the table when it is a common token. */
    static String text(byte[] b, int s, int e) {
        int len = e - s;
        if (len <= 3 && len > 0 && b[s] >= '0' && b[s] <= '9') {
            int v = number(b, s, e);
            if (v >= 0) {
                return NUMBERS[v];
            }
        }
        int slot = slot(len, len == 0 ? 0 : b[s]);
        byte[][] candidates = BY_SLOT[slot];
        if (candidates != null) {
            for (int i = 0; i < candidates.length; i++) {
                if (equal(candidates[i], b, s, len, false)) {
                    return STRINGS_BY_SLOT[slot][i];
                }
            }
        }
        return new String(b, s, len, StandardCharsets.UTF_8);
    }

    /**
     * The table's lower-case attribute name equal to {@code b[s, e)} ignoring ASCII case, or null
     * when the name is not in the table.
     */
    static String lowerCaseName(byte[] b, int s, int e) {
        int len = e - s;
        if (len == 0) {
            return null;
        }
        int slot = slot(len, lower(b[s]));
        byte[][] candidates = NAMES_BY_SLOT[slot];
        if (candidates != null) {
            for (int i = 0; i < candidates.length; i++) {
                if (equal(candidates[i], b, s, len, true)) {
                    return NAME_STRINGS_BY_SLOT[slot][i];
                }
            }
        }
        return null;
    }

    /** A canonical decimal 0..127 (no leading zero) in {@code b[s, e)}, or -1. */
    private static int number(byte[] b, int s, int e) {
        if (e - s > 1 && b[s] == '0') {
            return -1;
        }
        int v = 0;
        for (int i = s; i < e; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < NUMBERS.length ? v : -1;
    }

    private static boolean equal(byte[] token, byte[] b, int s, int len, boolean foldCase) {
        if (token.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int c = b[s + i];
            if (foldCase) {
                c = lower(c);
            }
            if (c != token[i]) {
                return false;
            }
        }
        return true;
    }
}
