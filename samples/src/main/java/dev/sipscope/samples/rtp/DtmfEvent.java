package dev.sipscope.samples.rtp;

/**
 * One RFC 4733 telephone event to send in a stream.
 *
 * @param atMillis       when the key is pressed, from the start of the stream
 * @param digit          0-9, *, #, A-D
 * @param durationMillis how long the key is held (rounded up to whole packets)
 * @param volume         power level 0..63, as -dBm0 (RFC 4733 section 2.3.4)
 */
public record DtmfEvent(long atMillis, char digit, int durationMillis, int volume) {
    public DtmfEvent {
        eventCode(digit);
        if (durationMillis <= 0 || durationMillis > 8000) {
            throw new IllegalArgumentException("DTMF duration must be 1..8000 ms, got " + durationMillis);
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("DTMF volume must be 0..63, got " + volume);
        }
        if (atMillis < 0) {
            throw new IllegalArgumentException("DTMF time must not be negative");
        }
    }

    public DtmfEvent(long atMillis, char digit, int durationMillis) {
        this(atMillis, digit, durationMillis, 10);
    }

    /** Event code (RFC 4733 section 3.2 table 1): 0-9 are 0-9, * is 10, # is 11, A-D are 12-15. */
    public static int eventCode(char digit) {
        if (digit >= '0' && digit <= '9') {
            return digit - '0';
        }
        switch (Character.toUpperCase(digit)) {
            case '*': return 10;
            case '#': return 11;
            case 'A': return 12;
            case 'B': return 13;
            case 'C': return 14;
            case 'D': return 15;
            default: throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
    }
}
