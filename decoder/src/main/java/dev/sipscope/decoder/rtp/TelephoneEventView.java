package dev.sipscope.decoder.rtp;

/**
 * Reads the RFC 4733 §2.3 named-event payload ({@code event:8, E:1, R:1, volume:6, duration:16}) at a
 * given offset. Static accessors over the caller's bytes; nothing is allocated. A payload may carry
 * several 4-octet events (RFC 4733 §2.5.1.5 redundancy uses RFC 2198 instead; plain concatenation is
 * rare) — callers read the first.
 */
public final class TelephoneEventView {
    /** Octets of one event report. */
    public static final int LENGTH = 4;
    /** Event code of the hook-flash event (RFC 4733 §3.2, table 7 of RFC 4734). */
    public static final int FLASH = 16;

    private TelephoneEventView() {
    }

    /** The 4 event octets as one big-endian int (for storing without a view). */
    public static int word(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    /** Event code 0..255 (0-9 digits, 10 '*', 11 '#', 12-15 A-D, 16 flash). */
    public static int event(int word) {
        return word >>> 24;
    }

    /** End bit: this packet reports the end of the event. */
    public static boolean end(int word) {
        return (word & 0x0080_0000) != 0;
    }

    /** Volume in −dBm0, 0..63 (0 for events without a volume). */
    public static int volume(int word) {
        return (word >>> 16) & 0x3f;
    }

    /** Duration so far, in timestamp units of the event's clock. */
    public static int duration(int word) {
        return word & 0xffff;
    }

    /** The DTMF character of an event code: 0-9, '*', '#', 'A'-'D', 'F' for flash, '?' otherwise. */
    public static char dtmfChar(int event) {
        if (event >= 0 && event <= 9) {
            return (char) ('0' + event);
        }
        switch (event) {
            case 10:
                return '*';
            case 11:
                return '#';
            case 12:
            case 13:
            case 14:
            case 15:
                return (char) ('A' + event - 12);
            case FLASH:
                return 'F';
            default:
                return '?';
        }
    }
}
