package dev.sipscope.decoder.rtp;

/** NTP timestamp arithmetic used by RTCP (RFC 3550 §4, §6.4.1; RFC 3611 §4.4). */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /**
     * The middle 32 bits of a 64-bit NTP timestamp, the form receivers echo as LSR/LRR:
     * {@code ((seconds & 0xFFFF) << 16) | (fraction >>> 16)}.
     */
    public static long middle32(long seconds, long fraction) {
        return ((seconds & 0xffffL) << 16) | ((fraction & 0xffff_ffffL) >>> 16);
    }

    /**
     * Round-trip time as an endpoint computes it (RFC 3550 §6.4.1): {@code (arrival − LSR − DLSR) mod 2^32}
     * in units of 1/65536 s, all three in the middle-32 NTP format.
     */
    public static long roundTripUnits(long arrivalMiddle32, long lsr, long dlsr) {
        return (arrivalMiddle32 - lsr - dlsr) & 0xffff_ffffL;
    }

    /** Converts units of 1/65536 s (DLSR, DLRR, RTT) to seconds. */
    public static double unitsToSeconds(long units) {
        return units / 65536.0;
    }
}
