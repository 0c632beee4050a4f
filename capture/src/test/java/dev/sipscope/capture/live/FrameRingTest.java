package dev.sipscope.capture.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.Frame;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FrameRingTest {

    private static Frame frame(long seq, int length) {
        byte[] data = new byte[length + 3];
        for (int i = 0; i < length; i++) {
            data[3 + i] = (byte) (seq * 31 + i);
        }
        return new Frame(1_000_000_000L * seq + 7, 1, (int) (seq % 3), data, 3, length, length + 10);
    }

    private static void assertFrame(Frame actual, long seq, int length) {
        Frame expected = frame(seq, length);
        assertThat(actual.sameAs(expected)).as("frame %d (%s vs %s)", seq, actual, expected).isTrue();
    }

    @Test
    void deliversFramesInOrderWhileWrappingAroundTheArena() {
        FrameRing ring = new FrameRing(8, 100);
        Random random = new Random(42);
        Frame out = new Frame();
        long nextIn = 0;
        long nextOut = 0;
        int[] lengths = new int[100_000];
        for (int round = 0; round < 20_000; round++) {
            int burst = random.nextInt(4);
            for (int i = 0; i < burst; i++) {
                int length = random.nextInt(41);
                if (ring.offer(frame(nextIn, length))) {
                    lengths[(int) nextIn] = length;
                    nextIn++;
                } else {
                    break;
                }
            }
            int take = random.nextInt(4);
            for (int i = 0; i < take && ring.poll(out) != null; i++) {
                assertFrame(out, nextOut, lengths[(int) nextOut]);
                nextOut++;
            }
            if (nextIn >= lengths.length - 8) {
                break;
            }
        }
        while (ring.poll(out) != null) {
            assertFrame(out, nextOut, lengths[(int) nextOut]);
            nextOut++;
        }
        assertThat(nextOut).isEqualTo(nextIn).isGreaterThan(1000);
        assertThat(ring.isEmpty()).isTrue();
    }

    @Test
    void dropsAndCountsFramesWhenEverySlotIsTaken() {
        FrameRing ring = new FrameRing(4, 1000);
        for (int i = 0; i < 6; i++) {
            assertThat(ring.offer(frame(i, 10))).isEqualTo(i < 4);
        }
        assertThat(ring.droppedFrames()).isEqualTo(2);
        Frame out = new Frame();
        for (int i = 0; i < 4; i++) {
            assertFrame(ring.poll(out), i, 10);
        }
        assertThat(ring.poll(out)).isNull();
        assertThat(ring.offer(frame(9, 10))).isTrue();
        assertFrame(ring.poll(out), 9, 10);
    }

    @Test
    void dropsAndCountsFramesWhenTheArenaIsFull() {
        FrameRing ring = new FrameRing(16, 100);
        assertThat(ring.offer(frame(0, 60))).isTrue();
        assertThat(ring.offer(frame(1, 60))).isFalse();
        assertThat(ring.offer(frame(2, 40))).isTrue();
        assertThat(ring.droppedFrames()).isEqualTo(1);
        Frame out = new Frame();
        assertFrame(ring.poll(out), 0, 60);
        // The 60 bytes of frame 0 are still held until the next poll.
        assertThat(ring.offer(frame(3, 60))).isFalse();
        assertFrame(ring.poll(out), 2, 40);
        // Frame 0 released; 60 bytes do not fit before the end (offset 100), so they go to offset 0.
        assertThat(ring.offer(frame(4, 60))).isTrue();
        assertFrame(ring.poll(out), 4, 60);
        assertThat(ring.droppedFrames()).isEqualTo(2);
    }

    @Test
    void dropsAFrameLargerThanTheWholeArena() {
        FrameRing ring = new FrameRing(16, 100);
        assertThat(ring.offer(frame(0, 101))).isFalse();
        assertThat(ring.offer(frame(1, 100))).isTrue();
        assertFrame(ring.poll(new Frame()), 1, 100);
        assertThat(ring.droppedFrames()).isEqualTo(1);
    }

    @Test
    void keepsTheFrameHandedOutIntactWhileTheProducerFillsTheRest() {
        FrameRing ring = new FrameRing(64, 256);
        Frame out = new Frame();
        assertThat(ring.offer(frame(0, 50))).isTrue();
        assertThat(ring.poll(out)).isNotNull();
        byte[] before = out.bytes();
        int accepted = 0;
        for (int i = 1; i < 100; i++) {
            if (ring.offer(frame(i, 17))) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo((256 - 50) / 17);
        assertThat(out.bytes()).isEqualTo(before);
        assertFrame(out, 0, 50);
    }

    @Test
    void acceptsEmptyFrames() {
        FrameRing ring = new FrameRing(4, 16);
        assertThat(ring.offer(frame(5, 0))).isTrue();
        assertFrame(ring.poll(new Frame()), 5, 0);
    }

    @Test
    @Timeout(60)
    void producerAndConsumerThreadsAgreeOnEveryDeliveredFrame() throws Exception {
        FrameRing ring = new FrameRing(256, 16 * 1024);
        int total = 300_000;
        long seed = 20240601L;
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        boolean[] accepted = new boolean[total];
        Thread producer = new Thread(() -> {
            try {
                Random random = new Random(seed);
                for (int seq = 0; seq < total; seq++) {
                    accepted[seq] = ring.offer(frame(seq, random.nextInt(400)));
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "ring-producer");
        producer.start();
        Random lengths = new Random(seed);
        int[] lengthOf = new int[total];
        for (int i = 0; i < total; i++) {
            lengthOf[i] = lengths.nextInt(400);
        }
        Frame out = new Frame();
        long delivered = 0;
        long lastSeq = -1;
        while (true) {
            boolean producerFinished = !producer.isAlive();
            Frame next = ring.poll(out);
            if (next == null) {
                if (producerFinished) {
                    break;
                }
                Thread.onSpinWait();
                continue;
            }
            long seq = (next.timestampNanos() - 7) / 1_000_000_000L;
            assertThat(seq).isGreaterThan(lastSeq);
            assertFrame(next, seq, lengthOf[(int) seq]);
            lastSeq = seq;
            delivered++;
        }
        producer.join();
        assertThat(producerFailure.get()).isNull();
        long acceptedCount = 0;
        for (boolean a : accepted) {
            acceptedCount += a ? 1 : 0;
        }
        assertThat(delivered).isEqualTo(acceptedCount);
        assertThat(delivered + ring.droppedFrames()).isEqualTo(total);
        assertThat(delivered).isPositive();
    }
}
