package dev.sipscope.decoder;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.capture.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny whole-file pcap / pcapng reader for decoder tests, standing in until the capture module's
 * readers are merged. It trusts its input (the files are known) and keeps every frame in memory.
 */
final class TestCaptureFiles {

    private TestCaptureFiles() {
    }

    /** The shared capture corpus; skips the calling test when it is absent. */
    static Path captures() {
        String shared = System.getProperty("sipscope.shared", "../shared");
        Path dir = Paths.get(shared, "captures");
        assumeTrue(Files.isDirectory(dir), "shared capture corpus not found at " + dir.toAbsolutePath()
                + " (set -Dsipscope.shared); skipping real-capture test");
        return dir;
    }

    /** Reads a capture of the shared corpus, skipping the test when the file is absent. */
    static List<Frame> read(String relativePath) throws IOException {
        Path file = captures().resolve(relativePath);
        assumeTrue(Files.isRegularFile(file), "capture " + file + " not found; skipping");
        return read(file);
    }

    static List<Frame> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0x0a0d0d0a) {
            return readPcapng(all);
        }
        return readPcap(all);
    }

    private static List<Frame> readPcap(byte[] all) {
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt(0);
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            nanos = magic == 0xa1b23c4d;
        } else {
            b.order(ByteOrder.LITTLE_ENDIAN);
            int swapped = b.getInt(0);
            if (swapped != 0xa1b2c3d4 && swapped != 0xa1b23c4d) {
                throw new IllegalArgumentException("not a pcap file");
            }
            nanos = swapped == 0xa1b23c4d;
        }
        int linkType = b.getInt(20) & 0xffff;
        List<Frame> frames = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= all.length) {
            long seconds = b.getInt(pos) & 0xffff_ffffL;
            long fraction = b.getInt(pos + 4) & 0xffff_ffffL;
            int captured = b.getInt(pos + 8);
            int original = b.getInt(pos + 12);
            pos += 16;
            if (captured < 0 || pos + captured > all.length) {
                break;
            }
            long ts = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
            frames.add(new Frame(ts, linkType, 0, all, pos, captured, original).copy());
            pos += captured;
        }
        return frames;
    }

    private static List<Frame> readPcapng(byte[] all) {
        ByteBuffer b = ByteBuffer.wrap(all);
        ByteBuffer bigEndian = ByteBuffer.wrap(all).order(ByteOrder.BIG_ENDIAN);
        List<Frame> frames = new ArrayList<>();
        List<int[]> interfaces = new ArrayList<>(); // {linkType, resolution exponent, base (10 or 2)}
        int pos = 0;
        while (pos + 12 <= all.length) {
            int type = bigEndian.getInt(pos);
            if (type == 0x0a0d0d0a) {
                int byteOrderMagic = bigEndian.getInt(pos + 8);
                b.order(byteOrderMagic == 0x1a2b3c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                interfaces.clear();
            } else {
                type = b.getInt(pos);
            }
            int length = b.getInt(pos + 4);
            if (length < 12 || pos + length > all.length) {
                break;
            }
            int body = pos + 8;
            if (type == 1) {
                int linkType = b.getShort(body) & 0xffff;
                int[] iface = {linkType, 6, 10};
                int opt = body + 8;
                while (opt + 4 <= pos + length - 4) {
                    int code = b.getShort(opt) & 0xffff;
                    int optLen = b.getShort(opt + 2) & 0xffff;
                    if (code == 0) {
                        break;
                    }
                    if (code == 9 && optLen >= 1) {
                        int r = all[opt + 4] & 0xff;
                        iface[1] = r & 0x7f;
                        iface[2] = (r & 0x80) != 0 ? 2 : 10;
                    }
                    opt += 4 + ((optLen + 3) & ~3);
                }
                interfaces.add(iface);
            } else if (type == 6) {
                int ifIndex = b.getInt(body);
                long ts = ((b.getInt(body + 4) & 0xffff_ffffL) << 32) | (b.getInt(body + 8) & 0xffff_ffffL);
                int captured = b.getInt(body + 12);
                int original = b.getInt(body + 16);
                int[] iface = interfaces.get(ifIndex);
                frames.add(new Frame(toNanos(ts, iface), iface[0], ifIndex, all, body + 20, captured, original).copy());
            } else if (type == 3) {
                int original = b.getInt(body);
                int captured = Math.min(original, length - 16);
                frames.add(new Frame(0, interfaces.get(0)[0], 0, all, body + 4, captured, original).copy());
            }
            pos += length;
        }
        return frames;
    }

    private static long toNanos(long ts, int[] iface) {
        if (iface[2] == 10) {
            long unitsPerSecond = 1;
            for (int i = 0; i < iface[1]; i++) {
                unitsPerSecond *= 10;
            }
            return ts / unitsPerSecond * 1_000_000_000L + (ts % unitsPerSecond) * 1_000_000_000L / unitsPerSecond;
        }
        long unitsPerSecond = 1L << iface[1];
        return ts / unitsPerSecond * 1_000_000_000L + (ts % unitsPerSecond) * 1_000_000_000L / unitsPerSecond;
    }
}
