package dev.sipscope.capture.live;

/**
 * Counters of one live capture, as published at one instant.
 *
 * <p>libpcap's counters are 32-bit and wrap; the kernel counters here are unwrapped into 64 bits
 * as long as {@link LiveCapture#stats()} is called at least once per 2^32 packets. On Linux,
 * {@code kernelReceived} counts packets that passed the filter, including those later dropped.
 *
 * <p>On Linux's loopback interface the kernel hands the capture socket every packet twice (the
 * outgoing and the incoming copy, both taking room in the kernel buffer) and libpcap discards the
 * outgoing copy itself, so its {@code ps_recv} and {@code ps_drop} count copies, twice the frames.
 * There {@link LiveCapture#stats()} halves them ({@code loopbackHalved}), so that they count frames
 * like every other counter here; measured with tcpdump on lo (libpcap 1.10.3): 200,000 datagrams,
 * 400,000 "received by filter", and the drops exactly twice the frames missing from the file.
 *
 * @param framesReceived   frames libpcap handed to us
 * @param bytesReceived    captured bytes of those frames (not original lengths)
 * @param kernelReceived   libpcap's {@code ps_recv} (halved on Linux loopback)
 * @param kernelDropped    libpcap's {@code ps_drop}: dropped because the kernel buffer was full (halved on Linux
 *                         loopback, rounded up)
 * @param interfaceDropped libpcap's {@code ps_ifdrop}: dropped by the interface or its driver
 * @param queueDropped     dropped because the consumer's queue was full ({@link LiveFrameSource});
 *                         always 0 for a bare {@link LiveCapture}
 * @param loopbackHalved   the kernel counters were halved: a Linux loopback interface, where libpcap counts both
 *                         copies of each packet
 */
public record LiveStats(long framesReceived, long bytesReceived, long kernelReceived, long kernelDropped,
                        long interfaceDropped, long queueDropped, boolean loopbackHalved) {

    /** Counters of an interface where libpcap counts each frame once. */
    public LiveStats(long framesReceived, long bytesReceived, long kernelReceived, long kernelDropped,
                     long interfaceDropped, long queueDropped) {
        this(framesReceived, bytesReceived, kernelReceived, kernelDropped, interfaceDropped, queueDropped, false);
    }

    /** Frames lost anywhere: in the kernel, at the interface or in our queue. */
    public long totalDropped() {
        return kernelDropped + interfaceDropped + queueDropped;
    }

    /** The same counters with {@code queueDropped} replaced. */
    public LiveStats withQueueDropped(long dropped) {
        return new LiveStats(framesReceived, bytesReceived, kernelReceived, kernelDropped, interfaceDropped, dropped,
                loopbackHalved);
    }
}
