package dev.sipscope.capture.live;

import static dev.sipscope.capture.live.LiveTestSupport.LOOPBACK;
import static dev.sipscope.capture.live.LiveTestSupport.udpPayloadTo;
import static dev.sipscope.capture.live.LiveTestSupport.wallClockNanos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real captures on the loopback interface; skipped without libpcap or without permission. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopbackCaptureTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long ONE_SECOND_NANOS = 1_000_000_000L;

    @BeforeEach
    void requireCapture() {
        LiveTestSupport.assumeLoopbackCapturePossible();
    }

    private static List<byte[]> send(DatagramSocket sender, int port, int count, String tag) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < count; i++) {
            byte[] payload = ("INVITE sip:" + tag + "-" + i + "@sipscope.test SIP/2.0\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            sender.send(new DatagramPacket(payload, payload.length, loopback, port));
            payloads.add(payload);
        }
        return payloads;
    }

    @Test
    void whereLibpcapLoadsTheCaptureThreadReadsWithPcapNextExAndAllocatesNothingPerPacket() {
        assertThat(PcapNextEx.unavailableReason()).isNull();
        assertThat(PcapNextEx.available()).isTrue();
    }

    @Test
    void udpDatagramsSentToLoopbackArriveThroughTheFrameSourceWithTheirPayloads() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            LiveOptions options = LiveOptions.builder(LOOPBACK).filter("udp dst port " + port).build();
            try (LiveFrameSource source = LiveFrameSource.open(options)) {
                assertThat(source.name()).isEqualTo(LOOPBACK);
                assertThat(source.linkType()).isEqualTo(LinkType.ETHERNET);
                assertThat(source.interfaces()).singleElement()
                        .satisfies(i -> assertThat(i.linkType()).isEqualTo(LinkType.ETHERNET));

                long sentAfterNanos = wallClockNanos();
                List<byte[]> sent = send(sender, port, 5, "live");
                List<Frame> frames = new ArrayList<>();
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (frames.size() < sent.size() && System.nanoTime() < deadline) {
                    Frame frame = source.poll(200, TimeUnit.MILLISECONDS);
                    if (frame != null) {
                        frames.add(frame.copy());
                    }
                }
                long receivedBeforeNanos = wallClockNanos();

                assertThat(frames).hasSize(sent.size());
                long previous = Long.MIN_VALUE;
                for (int i = 0; i < sent.size(); i++) {
                    Frame frame = frames.get(i);
                    assertThat(udpPayloadTo(frame, port)).as("payload of frame %d", i).isEqualTo(sent.get(i));
                    assertThat(frame.capturedLength()).isEqualTo(frame.originalLength());
                    assertThat(frame.interfaceId()).isZero();
                    assertThat(frame.timestampNanos())
                            .isBetween(sentAfterNanos - ONE_SECOND_NANOS, receivedBeforeNanos + ONE_SECOND_NANOS)
                            .isGreaterThanOrEqualTo(previous);
                    previous = frame.timestampNanos();
                }
                LiveStats stats = source.stats();
                assertThat(stats.framesReceived()).isEqualTo(sent.size());
                assertThat(stats.bytesReceived()).isEqualTo(frames.stream().mapToLong(Frame::capturedLength).sum());
                assertThat(stats.queueDropped()).isZero();
                if (System.getProperty("os.name", "").startsWith("Linux")) {
                    // libpcap counts both copies of each loopback packet; the stats count frames
                    assertThat(stats.loopbackHalved()).isTrue();
                    assertThat(stats.kernelReceived()).isEqualTo(sent.size());
                    assertThat(stats.kernelDropped()).isZero();
                }
                assertThat(source.position()).isEqualTo(stats.bytesReceived());
                assertThat(source.size()).isEqualTo(-1);
            }
        }
    }

    @Test
    void stopDeliversTheQueuedFramesAndThenEndsTheStream() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            try (LiveFrameSource source = LiveFrameSource.open(
                    LiveOptions.builder(LOOPBACK).filter("udp dst port " + port).build())) {
                send(sender, port, 3, "stop");
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (source.stats().framesReceived() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                source.stop();
                int delivered = 0;
                while (source.next() != null) {
                    delivered++;
                }
                assertThat(delivered).isEqualTo(3);
                assertThat(source.isFinished()).isTrue();
                assertThat(source.next()).isNull();
                assertThat(source.failure()).isNull();
                assertThat(source.stats().framesReceived()).isEqualTo(3);
            }
        }
    }

    @Test
    void aFullQueueDropsAndCountsFramesWithoutBlockingTheCapture() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            LiveOptions options = LiveOptions.builder(LOOPBACK).filter("udp dst port " + port)
                    .snaplenBytes(1024).queueFrames(16).queueBytes(64 * 1024).build();
            try (LiveFrameSource source = LiveFrameSource.open(options)) {
                int sentCount = 100;
                send(sender, port, sentCount, "burst");
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (source.stats().framesReceived() < sentCount && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                source.stop();
                int delivered = 0;
                while (source.next() != null) {
                    delivered++;
                }
                LiveStats stats = source.stats();
                assertThat(stats.framesReceived()).isEqualTo(sentCount);
                assertThat(delivered).isEqualTo(16);
                assertThat(stats.queueDropped()).isEqualTo(sentCount - 16);
                assertThat(stats.totalDropped()).isGreaterThanOrEqualTo(stats.queueDropped());
            }
        }
    }

    @Test
    void stopFromAnotherThreadEndsRunPromptlyWhenNoTrafficArrives() throws Exception {
        try (DatagramSocket idle = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             LiveCapture capture = LiveCapture.open(LiveOptions.builder(LOOPBACK)
                     .filter("udp dst port " + idle.getLocalPort()).readTimeoutMillis(60_000).build())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread runner = new Thread(() -> {
                started.countDown();
                try {
                    capture.run(frame -> { });
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "capture-under-test");
            runner.start();
            started.await();
            Thread.sleep(200); // let run() enter libpcap's loop (stop works either way)
            capture.stop();
            runner.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(runner.isAlive()).as("run() still running 10 s after stop()").isFalse();
            assertThat(failure.get()).isNull();
            assertThat(capture.stopRequested()).isTrue();
        }
    }

    @Test
    void closeFromAnotherThreadEndsRunAndFreesTheHandle() throws Exception {
        LiveCapture capture = LiveCapture.open(LiveOptions.builder(LOOPBACK).filter("udp port 9").build());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                capture.run(frame -> { });
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "capture-under-test");
        runner.start();
        Thread.sleep(100);
        capture.close();
        runner.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(capture.stats().framesReceived()).isZero();
        capture.close();
        capture.stop();
    }

    @Test
    void stopBeforeRunMakesRunReturnAtOnce() throws Exception {
        try (LiveCapture capture = LiveCapture.open(LiveOptions.builder(LOOPBACK).filter("udp port 9").build())) {
            capture.stop();
            capture.run(frame -> { });
            assertThatThrownBy(() -> capture.run(frame -> { })).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aHandlerMayStopTheCaptureFromInsideTheLoop() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket();
             LiveCapture capture = LiveCapture.open(LiveOptions.builder(LOOPBACK)
                     .filter("udp dst port " + receiver.getLocalPort()).immediateMode(true).build())) {
            send(sender, receiver.getLocalPort(), 4, "count");
            List<byte[]> payloads = new ArrayList<>();
            capture.run(frame -> {
                payloads.add(udpPayloadTo(frame, receiver.getLocalPort()));
                if (payloads.size() == 2) {
                    capture.stop();
                }
            });
            assertThat(payloads).hasSizeBetween(2, 4);
            assertThat(new String(payloads.get(0), StandardCharsets.US_ASCII)).contains("count-0@");
        }
    }

    @Test
    void anExceptionFromTheHandlerStopsTheCaptureAndIsRethrownByRun() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket();
             LiveCapture capture = LiveCapture.open(LiveOptions.builder(LOOPBACK)
                     .filter("udp dst port " + receiver.getLocalPort()).build())) {
            send(sender, receiver.getLocalPort(), 2, "boom");
            assertThatThrownBy(() -> capture.run(frame -> {
                throw new IllegalStateException("handler failed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("handler failed");
        }
    }

    @Test
    void aBadFilterIsReportedWithTheFilterAndLibpcapsReason() {
        assertThatThrownBy(() -> LiveCapture.open(LiveOptions.builder(LOOPBACK).filter("udp prot 5060").build()))
                .isInstanceOfSatisfying(LiveCaptureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LiveCaptureException.Reason.BAD_FILTER);
                    assertThat(e.getMessage())
                            .isEqualTo("The capture filter \"udp prot 5060\" is not valid: "
                                    + "can't parse filter expression: syntax error.")
                            .doesNotContain("\n");
                    assertThat(e.getCause()).isNull();
                });
        assertThatThrownBy(() -> LiveCapture.open(LiveOptions.builder(LOOPBACK).filter("udp port 99999").build()))
                .isInstanceOfSatisfying(LiveCaptureException.class, e -> assertThat(e.getMessage())
                        .startsWith("The capture filter \"udp port 99999\" is not valid: ")
                        .contains("99999"));
    }

    @Test
    void theAnyDeviceUsesLinuxCookedFraming() throws Exception {
        try (LiveCapture capture = LiveCapture.open(LiveOptions.builder("any").filter("udp port 9").build())) {
            assertThat(capture.linkType()).isIn(LinkType.LINUX_SLL, LinkType.LINUX_SLL2);
        }
    }

    @Test
    void nanosecondTimestampsAreUsedWhenLibpcapHasThem() throws Exception {
        try (LiveCapture nanos = LiveCapture.open(LiveOptions.builder(LOOPBACK).filter("udp port 9").build());
             LiveCapture micros = LiveCapture.open(LiveOptions.builder(LOOPBACK).filter("udp port 9")
                     .nanosecondPrecision(false).build())) {
            assertThat(micros.nanosecondPrecision()).isFalse();
            if (nanos.nanosecondPrecision()) {
                assertThat(nanos.warnings()).isEmpty();
            } else {
                assertThat(nanos.warnings()).isNotEmpty();
            }
        }
    }
}
