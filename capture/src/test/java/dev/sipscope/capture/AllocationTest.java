package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/** Reading allocates the buffer once; nothing per frame (measured with HotSpot's per-thread counter). */
class AllocationTest {

    private static final int FRAMES = 300_000;
    /** The 1 MiB buffer plus the source's few objects, with room to spare; 5 bytes a frame would exceed it. */
    private static final long BUDGET_BYTES = (5L << 20) / 2;

    private static long allocatedWhileReading(byte[] file) throws IOException {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemorySupported()
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        long thread = Thread.currentThread().getId();
        // one warm-up pass so class loading and first-call costs are not counted
        readAll(file);
        long before = mx.getThreadAllocatedBytes(thread);
        long frames = readAll(file);
        long allocated = mx.getThreadAllocatedBytes(thread) - before;
        assertThat(frames).isEqualTo(FRAMES);
        return allocated;
    }

    private static long readAll(byte[] file) throws IOException {
        long frames = 0;
        try (FrameSource source = CaptureFiles.open(new ByteArrayInputStream(file), "alloc")) {
            while (source.next() != null) {
                frames++;
            }
        }
        return frames;
    }

    @Test
    void readingAPcapAllocatesNothingPerFrame() throws IOException {
        PcapBuilder b = new PcapBuilder(false, PcapReader.MAGIC_MICROS, LinkType.ETHERNET, 0);
        byte[] data = ByteFixture.payload(40, 1);
        for (int i = 0; i < FRAMES; i++) {
            b.record(1_700_000_000L + i, i % 1_000_000, data, 40);
        }
        assertThat(allocatedWhileReading(b.build())).isLessThan(BUDGET_BYTES);
    }

    @Test
    void readingAPcapngAllocatesNothingPerFrame() throws IOException {
        PcapngBuilder b = new PcapngBuilder().section(true).idb(LinkType.ETHERNET, 0).idb(LinkType.RAW, 0);
        byte[] data = ByteFixture.payload(40, 1);
        for (int i = 0; i < FRAMES; i++) {
            if (i % 3 == 2) {
                b.spb(40, data);
            } else {
                b.epb(i & 1, 1_700_000_000_000_000L + i, data, 40);
            }
        }
        assertThat(allocatedWhileReading(b.build())).isLessThan(BUDGET_BYTES);
    }
}
