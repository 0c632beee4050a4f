package dev.sipscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random damage to valid files: readers never throw from next(), never loop, never blow up. */
class FuzzTest {

    private static byte[] richPcapng() {
        PcapngBuilder b = new PcapngBuilder().section(false);
        b.idb(LinkType.ETHERNET, 0, b.options().string(2, "eth0").u8(9, 0x80 | 30).i64(14, 5).end())
                .epb(0, 123_456_789L, ByteFixture.payload(50, 1), 50)
                .spb(30, ByteFixture.payload(30, 2))
                .block(4, new byte[16])
                .section(true).idb(LinkType.RAW, 40).idb(LinkType.LINUX_SLL, 0)
                .epb(1, 99, ByteFixture.payload(23, 3), 23)
                .pb(0, 1, 100, ByteFixture.payload(8, 4), 8)
                .block(5, new byte[24]);
        return b.build();
    }

    private static byte[] richPcap() {
        return new PcapBuilder(true, PcapReader.MAGIC_MICROS, LinkType.ETHERNET, 1500)
                .record(1, 2, ByteFixture.payload(60, 1), 60)
                .record(3, 4, ByteFixture.payload(1, 2), 1)
                .record(5, 6, ByteFixture.payload(33, 3), 100)
                .build();
    }

    @Test
    void randomByteDamageNeverEscapesAsAnException() throws IOException {
        Random random = new Random(20240521L);
        List<byte[]> seeds = List.of(richPcap(), richPcapng(), CaptureFilesTest.gzip(richPcapng()));
        int opened = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] file = seeds.get(round % seeds.size()).clone();
            int kind = random.nextInt(3);
            if (kind == 0) {
                int flips = 1 + random.nextInt(6);
                for (int i = 0; i < flips; i++) {
                    file[random.nextInt(file.length)] = (byte) random.nextInt(256);
                }
            } else if (kind == 1) {
                // a random 32-bit value over a random aligned field: lengths and ids get hostile values
                int at = random.nextInt(file.length / 4) * 4;
                int value = random.nextBoolean() ? random.nextInt() : random.nextInt(64);
                for (int i = 0; i < 4 && at + i < file.length; i++) {
                    file[at + i] = (byte) (value >>> (8 * i));
                }
            } else {
                file = Arrays.copyOf(file, random.nextInt(file.length + 1));
            }
            Reads.Result r;
            try {
                r = Reads.read(file, "fuzz");
            } catch (CaptureFormatException e) {
                assertThat(e.getMessage()).startsWith("fuzz: ").doesNotContain("\n");
                continue;
            }
            opened++;
            assertThat(r.frames().size()).isLessThanOrEqualTo(file.length);
            for (String warning : r.warnings()) {
                assertThat(warning).startsWith("fuzz: ").doesNotContain("\n");
            }
            for (Frame f : r.frames()) {
                assertThat(f.capturedLength()).isBetween(0, CaptureFiles.MAX_FRAME_BYTES);
            }
        }
        assertThat(opened).isGreaterThan(1000);
    }
}
