package dev.sipscope.decoder;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte format the decoder fuzz target reads: a sequence of frames, each with its link type, a
 * capture-time step and whether the snap length cut it. Every byte string is a valid script (a
 * record cut by the end of the input keeps what is there), so the fuzzer never wastes an input.
 *
 * <pre>
 *   record   := selector:u8  timing:u8  length:u16 (big-endian)  bytes[length]
 *   selector := bits 0-3: index into {@link #LINK_TYPES};
 *               bit 4: the frame was cut by the snap length (original length = captured + 1000)
 *   timing   := bits 6-7 choose the unit of the step in bits 0-5:
 *               0 = microseconds, 1 = milliseconds, 2 = seconds forward, 3 = seconds backward
 * </pre>
 *
 * Steps of up to 63 s let one input reach every capture-time bound of the decoder (fragment and
 * SCTP timeouts, TCP hole and idle timeouts); backward steps model spliced captures. Each frame is
 * copied into an array of exactly its captured size, so a read past the frame's end throws (and is
 * caught by the decoder as an internal error, which the fuzz target reports) instead of silently
 * reading the next frame's bytes.
 */
final class FrameScript {
    /** Link types by selector index: everything the decoder reads, plus one it does not (147). */
    static final int[] LINK_TYPES = {
            LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW,
            LinkType.IPV4, LinkType.IPV6, LinkType.NULL, LinkType.LOOP,
            LinkType.PPP, LinkType.PPP_HDLC, LinkType.PPP_ETHER, LinkType.RAW_OPENBSD,
            LinkType.RAW_BSDOS, 147, LinkType.ETHERNET, LinkType.RAW};
    static final int SNAP_CUT = 0x10;
    /** Bytes a snap-cut frame had on the wire beyond those captured. */
    static final int SNAP_CUT_MISSING_BYTES = 1000;
    static final long START_NANOS = 1_700_000_000_000_000_000L;
    private static final int HEADER_BYTES = 4;

    private FrameScript() {
    }

    /** Parses {@code script} into frames, starting at {@link #START_NANOS}. */
    static List<Frame> frames(byte[] script) {
        List<Frame> frames = new ArrayList<>();
        long tsNanos = START_NANOS;
        int p = 0;
        while (script.length - p >= HEADER_BYTES) {
            int selector = script[p] & 0xff;
            int timing = script[p + 1] & 0xff;
            int length = ((script[p + 2] & 0xff) << 8) | (script[p + 3] & 0xff);
            p += HEADER_BYTES;
            length = Math.min(length, script.length - p);
            tsNanos += stepNanos(timing);
            byte[] bytes = Arrays.copyOfRange(script, p, p + length);
            p += length;
            int original = (selector & SNAP_CUT) != 0 ? length + SNAP_CUT_MISSING_BYTES : length;
            frames.add(new Frame(tsNanos, LINK_TYPES[selector & 0x0f], 0, bytes, 0, length, original));
        }
        return frames;
    }

    static long stepNanos(int timing) {
        long amount = timing & 0x3f;
        switch (timing >>> 6) {
            case 0: return amount * 1_000L;
            case 1: return amount * 1_000_000L;
            case 2: return amount * 1_000_000_000L;
            default: return -amount * 1_000_000_000L;
        }
    }

    /** Writes scripts; used to build the seed corpus from real and hand-built frames. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Appends a frame of {@code linkType} (which must be in {@link #LINK_TYPES}) after a time step. */
        Writer frame(int linkType, byte[] bytes, boolean snapCut, int timing) {
            int index = indexOf(linkType);
            if (bytes.length > 0xffff) {
                throw new IllegalArgumentException("frame of " + bytes.length + " bytes");
            }
            out.write(index | (snapCut ? SNAP_CUT : 0));
            out.write(timing);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.write(bytes, 0, bytes.length);
            return this;
        }

        /** A frame 1 ms after the previous one. */
        Writer frame(int linkType, byte[] bytes) {
            return frame(linkType, bytes, false, millis(1));
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        static int micros(int n) {
            return n & 0x3f;
        }

        static int millis(int n) {
            return 0x40 | (n & 0x3f);
        }

        static int seconds(int n) {
            return 0x80 | (n & 0x3f);
        }

        static int secondsBack(int n) {
            return 0xc0 | (n & 0x3f);
        }

        private static int indexOf(int linkType) {
            for (int i = 0; i < LINK_TYPES.length; i++) {
                if (LINK_TYPES[i] == linkType) {
                    return i;
                }
            }
            throw new IllegalArgumentException("link type " + linkType + " has no selector");
        }
    }
}
