package dev.sipscope.capture.live;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.InterfaceInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Live capture as a {@link FrameSource}: libpcap's loop runs on a daemon thread named
 * {@value #THREAD_NAME} that copies each frame into a bounded {@link FrameRing} and never waits
 * for the consumer; when the ring is full the frame is dropped and counted
 * ({@link LiveStats#queueDropped()}).
 *
 * <p>One consumer thread calls {@link #next()} / {@link #poll(long, TimeUnit)}; the returned frame
 * is a view into the ring, valid until the following call. After {@link #stop()} (from any thread,
 * e.g. a shutdown hook) the frames already queued are still delivered, then {@code next()} returns
 * null. If the capture fails (the interface went away), the queued frames are delivered, then
 * {@code next()} throws the {@link LiveCaptureException} once and returns null afterwards; the
 * sentence is also in {@link #warnings()}. {@link #close()} ends everything at once.
 *
 * <p>Memory: {@link LiveOptions#queueFrames()} slots and {@link LiveOptions#queueBytes()} bytes,
 * allocated when opening; nothing is allocated per frame on our side.
 */
public final class LiveFrameSource implements FrameSource {
    public static final String THREAD_NAME = "capture";

    /** Longest single park of a waiting consumer, a safety net for a lost wake-up. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long JOIN_MILLIS = 2_000;

    private final LiveCapture capture;
    private final FrameRing ring;
    private final Frame frame = new Frame();
    private final Thread thread;
    private final List<String> warnings = new ArrayList<>();

    private volatile boolean captureDone;
    private volatile boolean closed;
    private volatile boolean consumerWaiting;
    private volatile Thread consumer;
    private volatile LiveCaptureException failure;
    private volatile RuntimeException unexpected;
    private boolean failureReported;

    private LiveFrameSource(LiveCapture capture) {
        this.capture = capture;
        LiveOptions options = capture.options();
        this.ring = new FrameRing(options.queueFrames(), options.queueBytes());
        this.warnings.addAll(capture.warnings());
        this.thread = new Thread(this::captureMain, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * Opens the interface (see {@link LiveCapture#open(LiveOptions)}) and starts the capture
     * thread; frames arriving from now on are queued.
     */
    public static LiveFrameSource open(LiveOptions options) throws LiveCaptureException {
        LiveCapture capture = LiveCapture.open(options);
        try {
            LiveFrameSource source = new LiveFrameSource(capture);
            source.thread.start();
            return source;
        } catch (RuntimeException | Error e) {
            capture.close();
            throw e;
        }
    }

    private void captureMain() {
        try {
            capture.run(this::enqueue);
        } catch (LiveCaptureException e) {
            failure = e;
            addWarning(e.getMessage());
        } catch (RuntimeException e) {
            unexpected = e;
        } finally {
            capture.close(); // frees the kernel buffer now; stats() keeps the final counters
            captureDone = true;
            wakeConsumer();
        }
    }

    /** On the capture thread, once per frame. */
    private void enqueue(Frame captured) {
        ring.offer(captured);
        if (consumerWaiting) {
            wakeConsumer();
        }
    }

    private void wakeConsumer() {
        Thread waiting = consumer;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    /** The next frame, waiting as long as it takes; null once the capture has stopped and the queue is drained. */
    @Override
    public Frame next() throws IOException {
        return take(Long.MAX_VALUE);
    }

    /**
     * The next frame, waiting at most {@code timeout}; null when none came in time or the source
     * is finished (tell them apart with {@link #isFinished()}).
     */
    public Frame poll(long timeout, TimeUnit unit) throws IOException {
        return take(Math.max(0, unit.toNanos(timeout)));
    }

    private Frame take(long timeoutNanos) throws IOException {
        if (closed) {
            return null;
        }
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (true) {
            Frame next = ring.poll(frame);
            if (next != null) {
                return next;
            }
            if (captureDone) {
                // The capture thread published its last frame before setting captureDone.
                next = ring.poll(frame);
                if (next != null) {
                    return next;
                }
                return finish();
            }
            long remaining = deadline == Long.MAX_VALUE ? MAX_PARK_NANOS : deadline - System.nanoTime();
            if (remaining <= 0 || closed) {
                return null;
            }
            consumer = Thread.currentThread();
            consumerWaiting = true;
            if (ring.isEmpty() && !captureDone) {
                LockSupport.parkNanos(this, Math.min(remaining, MAX_PARK_NANOS));
            }
            consumerWaiting = false;
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a frame from "
                        + capture.options().interfaceName());
            }
        }
    }

    private Frame finish() throws IOException {
        RuntimeException bug = unexpected;
        if (bug != null) {
            unexpected = null;
            throw bug;
        }
        LiveCaptureException failed = failure;
        if (failed != null && !failureReported) {
            failureReported = true;
            throw failed;
        }
        return null;
    }

    /** True when the capture has ended and every queued frame was handed out. */
    public boolean isFinished() {
        return closed || (captureDone && ring.isEmpty());
    }

    /**
     * Ends the capture: frames already queued are still delivered. Never blocks, never throws;
     * safe from any thread and from a shutdown hook.
     */
    public void stop() {
        capture.stop();
    }

    /** Counters, including the frames our queue dropped. */
    public LiveStats stats() {
        return capture.stats().withQueueDropped(ring.droppedFrames());
    }

    /** The LINKTYPE_ number of every frame. */
    public int linkType() {
        return capture.linkType();
    }

    /** True when timestamps carry nanoseconds; false when libpcap gave microseconds. */
    public boolean nanosecondPrecision() {
        return capture.nanosecondPrecision();
    }

    public LiveOptions options() {
        return capture.options();
    }

    /** The capture failure, once the capture thread has ended with one; else null. */
    public LiveCaptureException failure() {
        return failure;
    }

    @Override
    public String name() {
        return capture.options().interfaceName();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return List.of(capture.interfaceInfo());
    }

    /** A live capture is never truncated: an early end is a failure (see {@link #failure()}). */
    @Override
    public boolean truncated() {
        return false;
    }

    @Override
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    private void addWarning(String warning) {
        synchronized (warnings) {
            warnings.add(warning);
        }
    }

    /** Captured bytes so far. */
    @Override
    public long position() {
        return capture.bytesReceived();
    }

    /** Unknown: a live capture has no size. */
    @Override
    public long size() {
        return -1;
    }

    /**
     * Stops the capture, waits briefly for the capture thread and frees the handle; queued frames
     * are discarded and {@link #next()} returns null from now on. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        capture.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        wakeConsumer();
    }
}
