package dev.sipscope.capture.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import java.time.Instant;
import java.util.Arrays;

/** Helpers for tests that capture on the loopback interface for real. */
final class LiveTestSupport {
    static final String LOOPBACK = "lo";

    private LiveTestSupport() {
    }

    /** Skips the calling test, saying why, when libpcap is missing or capturing is not permitted. */
    static void assumeLoopbackCapturePossible() {
        try (LiveCapture probe = LiveCapture.open(LiveOptions.builder(LOOPBACK).filter("udp port 9").build())) {
            assumeTrue(probe.linkType() >= 0);
        } catch (LiveCaptureException e) {
            assumeTrue(e.reason() != LiveCaptureException.Reason.LIBPCAP_MISSING,
                    "libpcap is not installed: " + e.getMessage());
            assumeTrue(e.reason() != LiveCaptureException.Reason.PERMISSION_DENIED,
                    "live capture needs root or CAP_NET_RAW here: " + e.getMessage());
            throw new AssertionError("cannot capture on " + LOOPBACK + ": " + e.getMessage());
        }
    }

    /** Skips the calling test, saying why, when libpcap is missing. */
    static void assumeLibpcapPresent() {
        try {
            LiveCapture.libpcapVersion();
        } catch (LiveCaptureException e) {
            assumeTrue(false, "libpcap is not installed: " + e.getMessage());
        }
    }

    static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * The UDP payload of an IPv4 frame on the loopback interface (Ethernet framing on Linux) sent
     * to {@code port}, or null when the frame is something else.
     */
    static byte[] udpPayloadTo(Frame frame, int port) {
        byte[] d = frame.data();
        int p = frame.offset();
        int end = p + frame.capturedLength();
        if (frame.linkType() != LinkType.ETHERNET || end - p < 14 + 20 + 8) {
            return null;
        }
        if ((d[p + 12] & 0xff) != 0x08 || d[p + 13] != 0x00) {
            return null;
        }
        int ip = p + 14;
        int headerLength = (d[ip] & 0x0f) * 4;
        if ((d[ip] >> 4 & 0x0f) != 4 || d[ip + 9] != 17 || ip + headerLength + 8 > end) {
            return null;
        }
        int udp = ip + headerLength;
        int dstPort = (d[udp + 2] & 0xff) << 8 | (d[udp + 3] & 0xff);
        int udpLength = (d[udp + 4] & 0xff) << 8 | (d[udp + 5] & 0xff);
        if (dstPort != port || udp + udpLength > end || udpLength < 8) {
            return null;
        }
        return Arrays.copyOfRange(d, udp + 8, udp + udpLength);
    }
}
