package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.tui.model.FeedControl;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.StatusCounters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine thread ({@value #THREAD_NAME}): reads the packet source, decodes into a
 * {@link FeedEngine} ({@link CorrelatorFeedEngine}: the correlator's calls with the quality
 * module's stream figures), and
 * publishes an immutable snapshot every {@link #PUBLISH_MILLIS} ms when something changed (at
 * least every two seconds, and once at the end).
 *
 * <p>The UI reads {@link #get()} (a volatile read) and sends requests through
 * {@link #clearCalls()} (a queue the engine drains between frames); nothing else touches the
 * engine's state. {@link #savePackets} asks the engine (through the same queue) for copies of
 * the calls' packet references, then works on the caller's thread: it reads the capture files
 * again, or writes the SIP frames kept from a live capture. After the source ends the engine
 * thread stays, parked, to answer requests until {@link #close()}.
 */
public final class CaptureFeed implements FeedControl, Supplier<FeedSnapshot>, AutoCloseable {
    public static final String THREAD_NAME = "engine";
    public static final long PUBLISH_MILLIS = 250;
    private static final long POLL_MILLIS = 50;
    private static final long IDLE_PARK_MILLIS = 100;
    /** An idle source still republishes this often, for the memory and drop counters. */
    private static final long IDLE_PUBLISH_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long a save waits for the engine to hand over the calls' packet references. */
    private static final long SAVE_WAIT_SECONDS = 30;

    private final PacketSource source;
    private final DecoderConfig config;
    private final FeedEngine engine;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private volatile FeedSnapshot published;
    /** Set after the last snapshot of the source is published. */
    private volatile boolean finished;
    /** Engine thread: the source has ended (what the status says). */
    private boolean ended;
    private volatile boolean closing;
    private Thread thread;
    private long version;
    private long frames;
    private long internalErrors;
    private long publishedFrames = -1;
    private long lastPublishNanos;

    public CaptureFeed(PacketSource source, DecoderConfig config, TableOptions options) {
        this.source = source;
        this.config = config;
        boolean rereadable = source instanceof FileSource && ((FileSource) source).rereadable();
        this.engine = new CorrelatorFeedEngine(options, !rereadable);
        this.published = engine.publish(0, status());
    }

    /** Starts the engine thread (a daemon). */
    public synchronized CaptureFeed start() {
        if (thread == null) {
            thread = new Thread(this::run, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** Runs the engine on the calling thread until the source ends (tests, batch use). */
    public void runToEnd() {
        pump();
    }

    @Override
    public FeedSnapshot get() {
        return published;
    }

    /** True once the source ended and the last snapshot is published. */
    public boolean finished() {
        return finished;
    }

    /** Waits for the source to end, at most {@code millis}; true when it did. */
    public boolean awaitFinished(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!finished && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        return finished;
    }

    /** The engine thread: the source until it ends, then requests until closed. */
    private void run() {
        pump();
        while (!closing) {
            drainCommands();
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS));
        }
    }

    private void drainCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    /** Reads, decodes and publishes until the source ends (or the feed is closed). */
    private void pump() {
        PacketDecoder decoder = new PacketDecoder(config, engine);
        long nextPublish = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PUBLISH_MILLIS);
        long lastFrameNanos = Long.MIN_VALUE;
        try {
            while (!closing) {
                drainCommands();
                Frame f;
                try {
                    f = source.poll(POLL_MILLIS);
                } catch (IOException e) {
                    f = null;
                    source.stop();
                }
                if (f != null) {
                    engine.beforeFrame(frames++, f);
                    lastFrameNanos = f.timestampNanos();
                    try {
                        decoder.decode(f);
                    } catch (RuntimeException e) {
                        // hostile input must not end the capture: count it and go on
                        internalErrors++;
                    }
                    engine.afterFrame();
                    if ((frames & 255) != 0) {
                        continue;
                    }
                } else if (source.finished()) {
                    break;
                } else if (lastFrameNanos != Long.MIN_VALUE) {
                    long wallNanos = Math.max(lastFrameNanos, System.currentTimeMillis() * 1_000_000L);
                    decoder.advanceTime(wallNanos);
                    engine.advanceTime(wallNanos);
                }
                long now = System.nanoTime();
                if (now - nextPublish >= 0) {
                    nextPublish = now + TimeUnit.MILLISECONDS.toNanos(PUBLISH_MILLIS);
                    // an idle capture republishes only now and then (memory, drops): each snapshot
                    // makes the view worker filter and sort again
                    if (engine.changed() || frames != publishedFrames || now - lastPublishNanos > IDLE_PUBLISH_NANOS) {
                        publish();
                    }
                }
            }
            try {
                decoder.finish();
            } catch (RuntimeException e) {
                internalErrors++;
            }
        } finally {
            ended = true;
            publish();
            finished = true;
        }
    }

    private void publish() {
        published = engine.publish(++version, status());
        publishedFrames = frames;
        lastPublishNanos = System.nanoTime();
    }

    private StatusCounters status() {
        long[] heap = StatusCounters.heapNow();
        String problem = source.problem();
        if (problem == null && internalErrors > 0) {
            problem = internalErrors + " frames could not be decoded";
        }
        return new StatusCounters(source.name(), source.kind(), source.filter(), frames, source.kernelDrops(),
                source.queueDrops(), engine == null ? 0 : engine.calls(), engine == null ? 0 : engine.sipMessages(), heap[0],
                heap[1], source.progress(), ended, problem);
    }

    @Override
    public void clearCalls() {
        submit(() -> {
            engine.clear();
            publish();
        });
    }

    private void submit(Runnable command) {
        commands.add(command);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean canSavePackets() {
        return true;
    }

    @Override
    public long savePackets(Collection<Long> keys, Path target, boolean pcapng) throws IOException {
        List<Long> wanted = List.copyOf(keys);
        List<CallPackets> calls;
        Thread t = thread;
        if (t != null && t.isAlive()) {
            // the engine owns the calls: it copies their packet references between two frames
            CompletableFuture<List<CallPackets>> answer = new CompletableFuture<>();
            submit(() -> answer.complete(engine.packetsOf(wanted)));
            try {
                calls = answer.get(SAVE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the engine", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("the engine did not answer", e);
            }
        } else if (finished) {
            calls = engine.packetsOf(wanted);
        } else {
            throw new IOException("the capture is not running");
        }
        if (calls.isEmpty()) {
            throw new IOException("those calls are no longer in memory");
        }
        return new PacketExporter(source, config).write(calls, target, pcapng);
    }

    /** Stops the source and the engine thread. */
    @Override
    public void close() {
        closing = true;
        source.stop();
        Thread waiting = thread;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        source.close();
    }
}
