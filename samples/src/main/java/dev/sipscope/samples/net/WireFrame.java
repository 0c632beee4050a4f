package dev.sipscope.samples.net;

/** One Ethernet frame and the time it passes the capture point (nanoseconds since the epoch). */
public record WireFrame(long tsNanos, byte[] bytes) {
}
