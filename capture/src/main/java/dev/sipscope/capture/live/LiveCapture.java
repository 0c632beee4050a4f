package dev.sipscope.capture.live;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.LinkType;
import java.io.Closeable;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * One libpcap capture handle on a live interface, through pcap4j 1.8.2.
 *
 * <p>Life cycle: {@link #open(LiveOptions)} activates the handle and installs the filter (frames
 * queue up in the kernel from then on); {@link #run(FrameHandler)} runs libpcap's loop on the
 * calling thread until {@link #stop()}, an error, or a handler exception; {@link #close()} frees the
 * handle. {@code run} may be called once.
 *
 * <p>Threads: {@link #stop()}, {@link #stats()} and {@link #close()} may be called from any thread,
 * including a shutdown hook and the handler itself; {@code close()} from another thread waits (at
 * most {@value #CLOSE_WAIT_MILLIS} ms) for the loop to return before freeing the handle.
 *
 * <p>Per frame, the handler gets one reused {@link Frame} over the byte array pcap4j made for the
 * packet (no copy of ours): timestamp in nanoseconds (microsecond resolution when libpcap cannot
 * give nanoseconds, see {@link #nanosecondPrecision()}), link type from the handle, captured and
 * original length, interface id 0. Packets are read with libpcap's {@code pcap_next_ex} called
 * directly on pcap4j's handle ({@link PcapNextEx}) into one reused array, so the capture thread
 * allocates nothing per packet (a collection pause stops this thread too, and the kernel's buffer
 * must hold the traffic meanwhile). Should that binding fail (another pcap4j version), pcap4j's
 * {@code loop} is used, which allocates a few small objects per packet (the array, a
 * {@link Timestamp}, a task); pcap4j's own {@code getNextRawPacket} leaks native memory until GC.
 */
public final class LiveCapture implements Closeable {
    static final long CLOSE_WAIT_MILLIS = 5_000;

    static {
        LiveErrors.quietPcap4jLogging();
    }

    private final PcapHandle handle;
    private final LiveOptions options;
    private final int linkType;
    private final boolean nanosecondPrecision;
    private final List<String> warnings;
    /** A Linux loopback interface: libpcap's kernel counters count two copies of each frame. */
    private final boolean loopbackCopies;
    private final Frame frame = new Frame();
    private final RawPacketListener listener = this::onPacket;
    private final Object stateLock = new Object();
    private final Object statsLock = new Object();
    private final CountDownLatch loopExited = new CountDownLatch(1);

    // Guarded by stateLock.
    private boolean started;
    private boolean closed;
    private boolean handleClosed;
    private boolean closeWhenLoopExits;
    private Thread loopThread;

    private volatile boolean stopRequested;
    private FrameHandler handler;
    private Throwable handlerFailure;

    // Written by the capture thread only.
    private volatile long framesReceived;
    private volatile long bytesReceived;

    // Guarded by statsLock: libpcap's 32-bit counters unwrapped into 64 bits.
    private long lastRawReceived;
    private long lastRawDropped;
    private long lastRawIfDropped;
    private long kernelReceived;
    private long kernelDropped;
    private long interfaceDropped;

    private LiveCapture(PcapHandle handle, LiveOptions options, int linkType, boolean nanosecondPrecision,
                        List<String> warnings, boolean loopbackCopies) {
        this.handle = handle;
        this.loopbackCopies = loopbackCopies;
        this.options = options;
        this.linkType = linkType;
        this.nanosecondPrecision = nanosecondPrecision;
        this.warnings = List.copyOf(warnings);
    }

    /** The interfaces libpcap can capture on, in libpcap's order (up and running first). */
    public static List<LiveInterface> listInterfaces() throws LiveCaptureException {
        List<PcapNetworkInterface> devices;
        try {
            devices = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw new LiveCaptureException(LiveCaptureException.Reason.FAILED,
                    "Cannot list the network interfaces: " + LiveErrors.cleanText(e.getMessage()) + ".");
        } catch (LinkageError e) {
            throw LiveErrors.nativeUnavailable(e);
        }
        List<LiveInterface> result = new ArrayList<>(devices.size());
        for (PcapNetworkInterface device : devices) {
            List<InetAddress> addresses = new ArrayList<>();
            for (PcapAddress address : device.getAddresses()) {
                if (address.getAddress() != null) {
                    addresses.add(address.getAddress());
                }
            }
            result.add(new LiveInterface(device.getName(), device.getDescription(), addresses, device.isLoopBack(),
                    device.isUp(), device.isRunning()));
        }
        return result;
    }

    /**
     * The interface to use when the user names none: the first one that is up, running, not a
     * loopback and has an address; else {@code "any"} when listed; else the first one up; else
     * {@code "any"}.
     */
    public static String defaultInterfaceName(List<LiveInterface> interfaces) {
        for (LiveInterface candidate : interfaces) {
            if (candidate.up() && candidate.running() && !candidate.loopback() && !candidate.addresses().isEmpty()
                    && !"any".equals(candidate.name())) {
                return candidate.name();
            }
        }
        for (LiveInterface candidate : interfaces) {
            if ("any".equals(candidate.name())) {
                return candidate.name();
            }
        }
        for (LiveInterface candidate : interfaces) {
            if (candidate.up()) {
                return candidate.name();
            }
        }
        return "any";
    }

    /** libpcap's version string, e.g. {@code libpcap version 1.10.3 (with TPACKET_V3)}. */
    public static String libpcapVersion() throws LiveCaptureException {
        try {
            return Pcaps.libVersion();
        } catch (LinkageError e) {
            throw LiveErrors.nativeUnavailable(e);
        }
    }

    /**
     * Opens and activates the interface and installs the filter.
     *
     * @throws LiveCaptureException with a one-sentence message when libpcap is missing, the process
     *                              lacks permission, the interface is unknown or down, the filter
     *                              does not compile, or libpcap fails otherwise
     */
    public static LiveCapture open(LiveOptions options) throws LiveCaptureException {
        String name = options.interfaceName();
        List<String> warnings = new ArrayList<>();
        PcapHandle handle;
        try {
            handle = activate(options, warnings);
        } catch (PcapNativeException e) {
            throw LiveErrors.openFailed(name, e.getReturnCode(), e.getMessage(), isListed(name));
        } catch (LinkageError e) {
            throw LiveErrors.nativeUnavailable(e);
        }
        try {
            if (options.filter() != null) {
                try {
                    handle.setFilter(options.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw LiveErrors.badFilter(options.filter(), e.getMessage());
                }
            }
            int dlt = handle.getDlt().value();
            boolean nanos = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO;
            if (options.nanosecondPrecision() && !nanos) {
                warnings.add("libpcap gives only microsecond timestamps on " + name + ".");
            }
            boolean copies = System.getProperty("os.name", "").startsWith("Linux") && isLoopback(name);
            return new LiveCapture(handle, options, toLinkType(dlt), nanos, warnings, copies);
        } catch (NotOpenException e) {
            throw new LiveCaptureException(LiveCaptureException.Reason.FAILED,
                    "Cannot capture on " + name + ": the capture handle closed while opening.");
        } catch (LiveCaptureException | RuntimeException | Error e) {
            handle.close();
            throw e;
        }
    }

    /**
     * Builds and activates the handle, retrying without nanosecond timestamps or immediate mode
     * when the installed libpcap lacks them (pcap4j then throws before activating).
     */
    private static PcapHandle activate(LiveOptions options, List<String> warnings) throws PcapNativeException {
        boolean nanos = options.nanosecondPrecision();
        boolean immediate = options.immediateMode();
        while (true) {
            PcapHandle.Builder builder = new PcapHandle.Builder(options.interfaceName())
                    .snaplen(options.snaplenBytes())
                    .promiscuousMode(options.promiscuous()
                            ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(options.readTimeoutMillis())
                    .bufferSize(options.bufferSizeBytes());
            if (nanos) {
                builder.timestampPrecision(PcapHandle.TimestampPrecision.NANO);
            }
            if (immediate) {
                builder.immediateMode(true);
            }
            try {
                return builder.build();
            } catch (PcapNativeException e) {
                String message = String.valueOf(e.getMessage());
                if (nanos && message.contains("pcap_set_tstamp_precision")) {
                    nanos = false;
                    warnings.add("The installed libpcap cannot give nanosecond timestamps; using microseconds.");
                } else if (immediate && message.contains("Immediate mode")) {
                    immediate = false;
                    warnings.add("The installed libpcap has no immediate mode; frames may wait up to "
                            + options.readTimeoutMillis() + " ms.");
                } else {
                    throw e;
                }
            }
        }
    }

    /** True when libpcap lists {@code name} as a loopback interface ({@code lo} when it cannot tell). */
    private static boolean isLoopback(String name) {
        try {
            PcapNetworkInterface device = Pcaps.getDevByName(name);
            return device != null ? device.isLoopBack() : "lo".equals(name);
        } catch (PcapNativeException | RuntimeException | LinkageError e) {
            return "lo".equals(name);
        }
    }

    private static boolean isListed(String name) {
        try {
            for (PcapNetworkInterface device : Pcaps.findAllDevs()) {
                if (device.getName().equals(name)) {
                    return true;
                }
            }
            return false;
        } catch (PcapNativeException | LinkageError | RuntimeException e) {
            return true; // cannot tell: do not claim the interface is missing
        }
    }

    /**
     * The LINKTYPE_ number for a DLT_ number: they are equal except for raw IP, which libpcap
     * reports as DLT 12 (14 on BSD/OS) and files must record as LINKTYPE_RAW (101).
     */
    static int toLinkType(int dlt) {
        return dlt == LinkType.RAW_OPENBSD || dlt == LinkType.RAW_BSDOS ? LinkType.RAW : dlt;
    }

    /**
     * Runs the capture loop on the calling thread, handing each frame to {@code handler}, until
     * {@link #stop()} or {@link #close()} (then returns normally, also when they came before run).
     *
     * @throws LiveCaptureException when libpcap reports an error (e.g. the interface went away)
     * @throws IllegalStateException when called a second time
     * @throws RuntimeException      what the handler threw (it stopped the capture)
     */
    public void run(FrameHandler handler) throws LiveCaptureException {
        Objects.requireNonNull(handler, "handler");
        synchronized (stateLock) {
            if (closed) {
                return; // closing stops the capture; a run that comes too late has nothing to do
            }
            if (started) {
                throw new IllegalStateException("the capture on " + options.interfaceName() + " already ran");
            }
            started = true;
            loopThread = Thread.currentThread();
            this.handler = handler;
        }
        LiveCaptureException failure = null;
        try {
            if (!stopRequested) {
                PcapNextEx direct = PcapNextEx.of(handle, nanosecondPrecision);
                if (direct != null) {
                    failure = readDirect(direct);
                } else {
                    handle.loop(-1, listener);
                }
            }
        } catch (InterruptedException e) {
            // pcap4j's way of saying pcap_breakloop ended the loop: the normal end after stop().
        } catch (PcapNativeException e) {
            failure = LiveErrors.captureFailed(options.interfaceName(), e.getMessage());
        } catch (NotOpenException e) {
            if (!stopRequested) {
                failure = LiveErrors.captureFailed(options.interfaceName(), "the capture handle was closed");
            }
        } catch (LinkageError e) {
            failure = LiveErrors.nativeUnavailable(e);
        } finally {
            boolean closeNow;
            synchronized (stateLock) {
                loopThread = null;
                closeNow = closeWhenLoopExits;
            }
            loopExited.countDown();
            if (closeNow) {
                closeHandle();
            }
        }
        Throwable thrown = handlerFailure;
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The capture loop without pcap4j's per-packet objects: {@code pcap_next_ex} into one reused
     * array ({@link PcapNextEx}) until {@link #stop()} (libpcap's break) or an error.
     *
     * @return the error that ended the loop, or null when it was stopped
     */
    private LiveCaptureException readDirect(PcapNextEx reader) {
        byte[] buffer = new byte[options.snaplenBytes()];
        while (!stopRequested && handlerFailure == null) {
            int rc = reader.next(buffer);
            if (rc == PcapNextEx.OK) {
                deliver(reader.tsNanos(), buffer, reader.capturedLength(), reader.originalLength());
            } else if (rc == PcapNextEx.BREAK) {
                return null;
            } else if (rc == PcapNextEx.ERROR) {
                if (stopRequested) {
                    return null;
                }
                String text;
                try {
                    text = handle.getError();
                } catch (NotOpenException | RuntimeException e) {
                    text = "the capture handle was closed";
                }
                return LiveErrors.captureFailed(options.interfaceName(), text);
            }
        }
        return null;
    }

    /** One frame to the handler; a handler failure stops the capture. */
    private void deliver(long tsNanos, byte[] data, int capturedLength, int originalLength) {
        try {
            frame.set(tsNanos, linkType, 0, data, 0, capturedLength, originalLength);
            framesReceived = framesReceived + 1;
            bytesReceived = bytesReceived + capturedLength;
            handler.onFrame(frame);
        } catch (Throwable t) {
            handlerFailure = t;
            stop();
        }
    }

    /** Called by pcap4j on the loop thread, once per packet (when {@link PcapNextEx} is not available). */
    private void onPacket(byte[] packet) {
        if (handlerFailure != null) {
            return;
        }
        try {
            Timestamp ts = handle.getTimestamp();
            Integer original = handle.getOriginalLength();
            long tsNanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
            int capturedLength = packet.length;
            frame.set(tsNanos, linkType, 0, packet, 0, capturedLength,
                    original == null ? capturedLength : original);
            framesReceived = framesReceived + 1;
            bytesReceived = bytesReceived + capturedLength;
            handler.onFrame(frame);
        } catch (Throwable t) {
            // Nothing may escape into JNA's callback (its default handler prints a stack trace).
            handlerFailure = t;
            stop();
        }
    }

    /**
     * Asks the loop to end; {@link #run(FrameHandler)} returns soon after (libpcap 1.10+ wakes
     * a waiting loop at once; older ones within the read timeout). Idempotent, never blocks,
     * never throws: safe from any thread, a shutdown hook or the handler.
     */
    public void stop() {
        stopRequested = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException | RuntimeException | LinkageError e) {
            // Already closed or closing: the loop is over or about to be.
        }
    }

    /** True once {@link #stop()} was called (or the handler failed). */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Current counters, in frames. Reads libpcap's statistics while the handle is open; after
     * {@link #close()} returns the last values seen. On a Linux loopback interface libpcap's
     * received and dropped counts are halved (see {@link LiveStats}).
     */
    public LiveStats stats() {
        synchronized (statsLock) {
            if (!handleClosed()) {
                try {
                    PcapStat stat = handle.getStats();
                    kernelReceived += unsignedDelta(stat.getNumPacketsReceived(), lastRawReceived);
                    kernelDropped += unsignedDelta(stat.getNumPacketsDropped(), lastRawDropped);
                    interfaceDropped += unsignedDelta(stat.getNumPacketsDroppedByIf(), lastRawIfDropped);
                    lastRawReceived = stat.getNumPacketsReceived() & 0xFFFF_FFFFL;
                    lastRawDropped = stat.getNumPacketsDropped() & 0xFFFF_FFFFL;
                    lastRawIfDropped = stat.getNumPacketsDroppedByIf() & 0xFFFF_FFFFL;
                } catch (PcapNativeException | NotOpenException | RuntimeException | LinkageError e) {
                    // Closing or unsupported: keep the last values.
                }
            }
            if (loopbackCopies) {
                // both copies of a frame are counted (and, the buffer being full, dropped) on Linux loopback
                return new LiveStats(framesReceived, bytesReceived, (kernelReceived + 1) / 2, (kernelDropped + 1) / 2,
                        interfaceDropped, 0, true);
            }
            return new LiveStats(framesReceived, bytesReceived, kernelReceived, kernelDropped, interfaceDropped, 0);
        }
    }

    private static long unsignedDelta(long raw, long last) {
        return ((raw & 0xFFFF_FFFFL) - last) & 0xFFFF_FFFFL;
    }

    /** Frames handed to the handler so far; cheap, from any thread. */
    public long framesReceived() {
        return framesReceived;
    }

    /** Captured bytes handed to the handler so far; cheap, from any thread. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** The LINKTYPE_ number of every frame of this capture. */
    public int linkType() {
        return linkType;
    }

    /** True when timestamps carry nanoseconds; false when libpcap gave microseconds. */
    public boolean nanosecondPrecision() {
        return nanosecondPrecision;
    }

    public LiveOptions options() {
        return options;
    }

    /** The interface as a capture file would declare it (id 0). */
    public InterfaceInfo interfaceInfo() {
        return new InterfaceInfo(0, linkType, options.snaplenBytes(), options.interfaceName(), null);
    }

    /** What was adjusted while opening (e.g. microsecond timestamps), one sentence each. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Stops the loop and frees the handle. From the handler (the loop thread) the handle is freed
     * when {@link #run(FrameHandler)} returns. Idempotent; never throws.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
            running = loopThread;
            if (running == Thread.currentThread()) {
                closeWhenLoopExits = true;
            }
        }
        stop();
        if (running == Thread.currentThread()) {
            return;
        }
        if (running != null) {
            try {
                if (!loopExited.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return; // the loop is stuck in native code: leave the handle rather than hang
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        closeHandle();
    }

    private void closeHandle() {
        stats(); // keep the final counters
        synchronized (stateLock) {
            if (handleClosed) {
                return;
            }
            handleClosed = true;
        }
        try {
            handle.close();
        } catch (RuntimeException | LinkageError e) {
            // Nothing left to free that we could reach.
        }
    }

    private boolean handleClosed() {
        synchronized (stateLock) {
            return handleClosed;
        }
    }
}
