package dev.sipscope.decoder;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target (Jazzer) for the {@link FragmentReassembler}, with an oracle for the
 * datagrams it rebuilds. The input is a list of fragments of four datagrams (three IPv4, one
 * IPv6); the fuzzer chooses each fragment's datagram, offset, length, more-fragments flag, protocol
 * and capture-time step, under small bounds (two datagrams, 16 KiB of buffers, 30 s). Byte
 * {@code i} of datagram {@code d} is a fixed function of {@code d} and {@code i}, so every fragment
 * of a datagram agrees with every other, unless the fuzzer marks it "corrupt" (its bytes shifted,
 * as a conflicting overlap or a forged fragment would be).
 *
 * <p>Oracle: a completed datagram holds exactly the model's bytes from 0 to its length (so a hole
 * filled with stale buffer bytes, a misplaced copy or a wrong length is caught), unless that
 * datagram was ever sent a corrupt fragment; the outcome of every offer is consistent with the
 * counters; the bounds hold after every offer; nothing is held after {@link FragmentReassembler#finish}.
 *
 * <pre>
 *   fragment := control:u8  offset:u16 (8-byte units, big-endian)  length:u16 (low 12 bits)  timing:u8
 *   control  := bits 0-1 datagram (3 is IPv6), bit 2 more fragments, bit 3 corrupt,
 *               bit 4 another IPv4 protocol (another datagram for the same id)
 * </pre>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FragmentReassemblerFuzzTest {
    private static final int FRAGMENT_BYTES = 6;
    private static final int MAX_DATAGRAMS = 2;
    private static final long MAX_BUFFER_BYTES = 16 * 1024;
    private static final long TIMEOUT_NANOS = 30_000_000_000L;
    private static final int HEADER_BYTES = 20;

    @FuzzTest(maxDuration = "30s")
    void fragments(byte[] input) {
        DecoderStats stats = new DecoderStats();
        FragmentReassembler r = new FragmentReassembler(MAX_DATAGRAMS, MAX_BUFFER_BYTES, TIMEOUT_NANOS, stats);
        boolean[] tainted = new boolean[8];
        long tsNanos = FrameScript.START_NANOS;
        for (int at = 0; input.length - at >= FRAGMENT_BYTES; at += FRAGMENT_BYTES) {
            int control = input[at] & 0xff;
            int offset = (((input[at + 1] & 0xff) << 8) | (input[at + 2] & 0xff)) * 8;
            int length = (((input[at + 3] & 0xff) << 8) | (input[at + 4] & 0xff)) & 0x0fff;
            tsNanos += FrameScript.stepNanos(input[at + 5] & 0xff);
            int slot = control & 0x03;
            boolean v6 = slot == 3;
            boolean more = (control & 0x04) != 0;
            boolean corrupt = (control & 0x08) != 0;
            int protocol = !v6 && (control & 0x10) != 0 ? 6 : 17;
            int datagram = slot + (protocol == 6 ? 4 : 0);
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (model(datagram, offset + i) + (corrupt ? 0x5a : 0));
            }
            if (corrupt && length > 0) {
                tainted[datagram] = true;
            }
            r.expire(tsNanos);
            long completedBefore = stats.datagramsReassembled();
            FragmentReassembler.Outcome outcome = r.offer(v6 ? 6 : 4, v6 ? 0x2001_0db8_0000_0000L : 0, v6 ? 1 : 0x0a000001,
                    v6 ? 0x2001_0db8_0000_0000L : 0, v6 ? 2 : 0x0a000002, slot, protocol, offset, more,
                    FragmentReassembler.MAX_DATAGRAM_BYTES - HEADER_BYTES, bytes, 0, length, tsNanos);
            if ((outcome == FragmentReassembler.Outcome.COMPLETED) != (stats.datagramsReassembled() == completedBefore + 1)) {
                throw new AssertionError(outcome + " but " + (stats.datagramsReassembled() - completedBefore)
                        + " datagrams counted as reassembled");
            }
            if (outcome == FragmentReassembler.Outcome.COMPLETED) {
                FragmentReassembler.Datagram d = r.completed();
                if (d == null || d.length() <= 0 || d.length() > FragmentReassembler.MAX_DATAGRAM_BYTES - HEADER_BYTES
                        || d.data() == null || d.data().length < d.length()) {
                    throw new AssertionError("completed datagram with a bad view");
                }
                if (!v6 && d.protocol() != protocol) {
                    throw new AssertionError("protocol " + d.protocol() + ", fragments said " + protocol);
                }
                if (!tainted[datagram]) {
                    for (int i = 0; i < d.length(); i++) {
                        if (d.data()[i] != model(datagram, i)) {
                            throw new AssertionError("datagram " + datagram + " of " + d.length() + " bytes: byte " + i
                                    + " is " + d.data()[i] + ", was sent as " + model(datagram, i));
                        }
                    }
                }
                r.release(d);
            } else if (r.completed() != null) {
                throw new AssertionError(outcome + " with a completed datagram");
            }
            if (r.pendingDatagrams() > MAX_DATAGRAMS || r.bufferedBytes() > MAX_BUFFER_BYTES || r.bufferedBytes() < 0) {
                throw new AssertionError("bounds exceeded: " + r.pendingDatagrams() + " datagrams, " + r.bufferedBytes()
                        + " bytes");
            }
        }
        r.finish();
        if (r.pendingDatagrams() != 0 || r.bufferedBytes() != 0) {
            throw new AssertionError("held after finish: " + r.pendingDatagrams() + " datagrams, " + r.bufferedBytes()
                    + " bytes");
        }
    }

    /** Byte {@code position} of datagram {@code datagram}: never the same run for two datagrams. */
    private static byte model(int datagram, int position) {
        return (byte) (datagram * 37 + position * 7 + (position >>> 8) * 3 + 1);
    }

    // ------------------------------------------------------------------ seeds

    /** Hand-made fragment lists for the seed corpus (see {@link DecoderFuzzSeedsTest}). */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("in-order-and-reversed", new Script()
                .frag(0, true, false, 0, 1480, 0).frag(0, true, false, 1480, 1480, 0).frag(0, false, false, 2960, 100, 0)
                .frag(1, false, false, 800, 200, 0).frag(1, true, false, 400, 400, 0).frag(1, true, false, 0, 400, 0)
                .bytes());
        seeds.put("duplicates-overlaps-and-ipv6-discard", new Script()
                .frag(2, true, false, 0, 800, 0).frag(2, true, false, 0, 800, 0).frag(2, true, false, 400, 800, 0)
                .frag(2, false, false, 1200, 8, 0).frag(3, true, false, 0, 800, 0).frag(3, true, false, 400, 800, 0)
                .frag(3, false, false, 1200, 8, 0).bytes());
        seeds.put("eviction-memory-timeout-and-malformed", new Script()
                .frag(0, true, false, 0, 4000, 0).frag(1, true, false, 8000, 4000, 0).frag(2, true, false, 0, 4000, 0)
                .frag(0, true, false, 4000, 4000, 0x9f).frag(0, false, false, 65512, 100, 0)
                .frag(1, true, false, 0, 7, 0).frag(1, false, false, 0, 0, 0).bytes());
        return seeds;
    }

    private static final class Script {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Script frag(int slot, boolean more, boolean corrupt, int offsetBytes, int length, int timing) {
            out.write(slot | (more ? 0x04 : 0) | (corrupt ? 0x08 : 0));
            out.write(offsetBytes / 8 >>> 8);
            out.write(offsetBytes / 8);
            out.write(length >>> 8);
            out.write(length);
            out.write(timing);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
