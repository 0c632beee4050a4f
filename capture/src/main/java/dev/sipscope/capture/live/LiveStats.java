package dev.sipscope.capture.live;

/**
 * Counters of one live capture, as published at one instant.
 *
 * <p>libpcap's counters are 32-bit and wrap; the kernel counters here are unwrapped into 64 bits
 * as long as {@link LiveCapture#stats()} is called at least once per 2^32 packets. On Linux,
 * {@code kernelReceived} counts packets that passed the filter, including those later dropped; on
 * the loopback interface it counts each packet twice (once sent, once received), while libpcap
 * delivers it once.
 *
 * @param framesReceived   frames libpcap handed to us
 * @param bytesReceived    captured bytes of those frames (not original lengths)
 * @param kernelReceived   libpcap's {@code ps_recv}
 * @param kernelDropped    libpcap's {@code ps_drop}: dropped because the kernel buffer was full
 * @param interfaceDropped libpcap's {@code ps_ifdrop}: dropped by the interface or its driver
 * @param queueDropped     dropped because the consumer's queue was full ({@link LiveFrameSource});
 *                         always 0 for a bare {@link LiveCapture}
 */
public record LiveStats(long framesReceived, long bytesReceived, long kernelReceived, long kernelDropped,
                        long interfaceDropped, long queueDropped) {

    /** Frames lost anywhere: in the kernel, at the interface or in our queue. */
    public long totalDropped() {
        return kernelDropped + interfaceDropped + queueDropped;
    }

    /** The same counters with {@code queueDropped} replaced. */
    public LiveStats withQueueDropped(long dropped) {
        return new LiveStats(framesReceived, bytesReceived, kernelReceived, kernelDropped, interfaceDropped, dropped);
    }
}
