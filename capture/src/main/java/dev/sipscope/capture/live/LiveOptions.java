package dev.sipscope.capture.live;

/**
 * How to open a live capture. Build with {@link #builder(String)}; every setting but the interface
 * has a default suited to SIP and RTP capture.
 *
 * <p>Limits: {@code 1 <= snaplenBytes <= 262144} (libpcap's maximum); the kernel buffer at least
 * 64 KiB; the read timeout 1..60000 ms; the queue (used by {@link LiveFrameSource} only) at least
 * 16 frames, a power of two, and at least twice the snaplen in bytes.
 *
 * @param interfaceName       the interface to capture on, or {@code "any"} (Linux: all interfaces,
 *                            Linux cooked framing, no promiscuous mode)
 * @param filter              a BPF filter expression in tcpdump syntax, or null / blank for none
 * @param snaplenBytes        the most bytes kept of each frame
 * @param promiscuous         ask the interface for frames not addressed to this host
 * @param bufferSizeBytes     the kernel capture buffer; a larger one rides out longer bursts
 * @param readTimeoutMillis   how long libpcap may hold frames back to batch them
 * @param immediateMode       deliver each frame as soon as it arrives (more CPU at high rates);
 *                            ignored when the installed libpcap lacks it
 * @param nanosecondPrecision ask for nanosecond timestamps; microseconds when libpcap cannot
 * @param queueFrames         slots of the {@link LiveFrameSource} queue
 * @param queueBytes          bytes of the {@link LiveFrameSource} queue
 */
public record LiveOptions(String interfaceName, String filter, int snaplenBytes, boolean promiscuous,
                          int bufferSizeBytes, int readTimeoutMillis, boolean immediateMode,
                          boolean nanosecondPrecision, int queueFrames, int queueBytes) {

    public static final int MAX_SNAPLEN_BYTES = 262_144;
    public static final int DEFAULT_SNAPLEN_BYTES = MAX_SNAPLEN_BYTES;
    public static final int DEFAULT_BUFFER_SIZE_BYTES = 8 << 20;
    public static final int MIN_BUFFER_SIZE_BYTES = 64 << 10;
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 100;
    public static final int DEFAULT_QUEUE_FRAMES = 1 << 16;
    public static final int DEFAULT_QUEUE_BYTES = 32 << 20;

    public LiveOptions {
        if (interfaceName == null || interfaceName.isBlank()) {
            throw new IllegalArgumentException("the interface name is empty");
        }
        filter = filter == null || filter.isBlank() ? null : filter.strip();
        if (snaplenBytes < 1 || snaplenBytes > MAX_SNAPLEN_BYTES) {
            throw new IllegalArgumentException("the snapshot length must be between 1 and " + MAX_SNAPLEN_BYTES
                    + " bytes, not " + snaplenBytes);
        }
        if (bufferSizeBytes < MIN_BUFFER_SIZE_BYTES) {
            throw new IllegalArgumentException("the kernel buffer must be at least " + MIN_BUFFER_SIZE_BYTES
                    + " bytes, not " + bufferSizeBytes);
        }
        if (readTimeoutMillis < 1 || readTimeoutMillis > 60_000) {
            throw new IllegalArgumentException("the read timeout must be between 1 and 60000 ms, not "
                    + readTimeoutMillis);
        }
        if (queueFrames < 16 || Integer.bitCount(queueFrames) != 1) {
            throw new IllegalArgumentException("the queue length must be a power of two of at least 16 frames, not "
                    + queueFrames);
        }
        if (queueBytes < 2L * snaplenBytes) {
            throw new IllegalArgumentException("the queue must hold at least two full frames (" + 2L * snaplenBytes
                    + " bytes), not " + queueBytes);
        }
    }

    /** Options with every default, capturing on {@code interfaceName}. */
    public static LiveOptions of(String interfaceName) {
        return builder(interfaceName).build();
    }

    public static Builder builder(String interfaceName) {
        return new Builder(interfaceName);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(interfaceName).filter(filter).snaplenBytes(snaplenBytes).promiscuous(promiscuous)
                .bufferSizeBytes(bufferSizeBytes).readTimeoutMillis(readTimeoutMillis).immediateMode(immediateMode)
                .nanosecondPrecision(nanosecondPrecision).queueFrames(queueFrames).queueBytes(queueBytes);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String interfaceName;
        private String filter;
        private int snaplenBytes = DEFAULT_SNAPLEN_BYTES;
        private boolean promiscuous = true;
        private int bufferSizeBytes = DEFAULT_BUFFER_SIZE_BYTES;
        private int readTimeoutMillis = DEFAULT_READ_TIMEOUT_MILLIS;
        private boolean immediateMode;
        private boolean nanosecondPrecision = true;
        private int queueFrames = DEFAULT_QUEUE_FRAMES;
        private int queueBytes = DEFAULT_QUEUE_BYTES;

        private Builder(String interfaceName) {
            this.interfaceName = interfaceName;
        }

        public Builder interfaceName(String name) {
            this.interfaceName = name;
            return this;
        }

        public Builder filter(String bpfExpression) {
            this.filter = bpfExpression;
            return this;
        }

        public Builder snaplenBytes(int bytes) {
            this.snaplenBytes = bytes;
            return this;
        }

        public Builder promiscuous(boolean on) {
            this.promiscuous = on;
            return this;
        }

        public Builder bufferSizeBytes(int bytes) {
            this.bufferSizeBytes = bytes;
            return this;
        }

        public Builder readTimeoutMillis(int millis) {
            this.readTimeoutMillis = millis;
            return this;
        }

        public Builder immediateMode(boolean on) {
            this.immediateMode = on;
            return this;
        }

        public Builder nanosecondPrecision(boolean on) {
            this.nanosecondPrecision = on;
            return this;
        }

        public Builder queueFrames(int frames) {
            this.queueFrames = frames;
            return this;
        }

        public Builder queueBytes(int bytes) {
            this.queueBytes = bytes;
            return this;
        }

        /** The options; {@link IllegalArgumentException} with a one-sentence message if a value is out of range. */
        public LiveOptions build() {
            return new LiveOptions(interfaceName, filter, snaplenBytes, promiscuous, bufferSizeBytes,
                    readTimeoutMillis, immediateMode, nanosecondPrecision, queueFrames, queueBytes);
        }
    }
}
