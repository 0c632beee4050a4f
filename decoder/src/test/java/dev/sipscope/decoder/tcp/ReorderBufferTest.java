package dev.sipscope.decoder.tcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReorderBufferTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void bitmapHelpersAgreeWithBitSet(long seed) {
        Random random = new Random(seed);
        int bits = 1 + random.nextInt(700);
        long[] words = new long[(bits + 63) >>> 6];
        BitSet model = new BitSet();
        for (int step = 0; step < 2_000; step++) {
            int from = random.nextInt(bits + 1);
            int to = from + random.nextInt(bits + 1 - from);
            switch (random.nextInt(5)) {
                case 0 -> {
                    ReorderBuffer.setBits(words, from, to);
                    model.set(from, to);
                }
                case 1 -> {
                    ReorderBuffer.clearBits(words, from, to);
                    model.clear(from, to);
                }
                case 2 -> {
                    int expected = model.nextSetBit(from);
                    expected = expected < 0 || expected >= to ? to : expected;
                    assertThat(ReorderBuffer.nextSetBit(words, from, to)).isEqualTo(expected);
                }
                case 3 -> {
                    int expected = Math.min(to, model.nextClearBit(from));
                    assertThat(ReorderBuffer.nextClearBit(words, from, to)).isEqualTo(expected);
                }
                default -> {
                    int shift = random.nextInt(bits + 1);
                    ReorderBuffer.shiftBitsDown(words, shift);
                    BitSet shifted = model.get(shift, Math.max(shift, bits));
                    model = shifted;
                }
            }
            for (int i = 0; i < bits; i++) {
                boolean set = (words[i >>> 6] & (1L << i)) != 0;
                if (set != model.get(i)) {
                    throw new AssertionError("seed " + seed + " step " + step + ": bit " + i + " differs");
                }
            }
        }
    }

    @Test
    void storeKeepsFirstBytesReportsConflictsAndConsumeFindsTheNextRun() {
        ReorderBuffer b = new ReorderBuffer();
        b.rebase(1000);
        b.resize(64);
        byte[] a = "AAAAAAAAAA".getBytes();
        byte[] bb = "BBBBBBBBBBBBBBBBBBBB".getBytes();
        assertThat(b.store(1010, 1020, a, 0)).isEqualTo(10);
        assertThat(b.lastStoreConflicted()).isFalse();
        assertThat(b.firstSeq()).isEqualTo(1010);
        assertThat(b.store(1005, 1025, bb, 0)).isEqualTo(10);
        assertThat(b.lastStoreConflicted()).isTrue();
        assertThat(b.firstSeq()).isEqualTo(1005);
        assertThat(b.store(1010, 1020, a, 0)).isZero();
        assertThat(b.lastStoreConflicted()).isFalse();
        assertThat(b.store(1040, 1042, a, 0)).isEqualTo(2);
        assertThat(b.storedBytes()).isEqualTo(22);

        assertThat(b.runLength(1005)).isEqualTo(20);
        assertThat(new String(b.bytes(), b.indexOf(1005), 20)).isEqualTo("BBBBBAAAAAAAAAABBBBB");
        b.consume(1005, 20);
        assertThat(b.firstSeq()).isEqualTo(1040);
        assertThat(b.storedBytes()).isEqualTo(2);

        b.compact(1030);
        assertThat(b.baseSeq()).isEqualTo(1030);
        assertThat(b.runLength(1040)).isEqualTo(2);
        assertThat(b.rangeEquals(1040, 2, a, 0)).isTrue();
        b.resize(128);
        assertThat(b.capacity()).isEqualTo(128);
        assertThat(b.runLength(1040)).isEqualTo(2);
        b.consume(1040, 2);
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.firstSeq()).isEqualTo(ReorderBuffer.NONE);
        b.release();
        assertThat(b.capacity()).isZero();
    }
}
