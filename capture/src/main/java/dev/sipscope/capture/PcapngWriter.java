package dev.sipscope.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng), little-endian: one section header block, interface
 * description blocks with {@code if_tsresol = 9} (nanoseconds), and an enhanced packet block per
 * frame.
 *
 * <p>Interface ids are preserved: pcapng numbers interfaces in the order their IDBs appear, so
 * interface {@code k} of the file is the k-th declared. Declare them up front with
 * {@link #declareInterfaces} (for example from {@link FrameSource#interfaces()}) to keep their
 * names and snap lengths; otherwise {@link #write} declares ids 0..k on demand, each with the link
 * type of the frame that needed it. A frame whose link type differs from its interface's (only
 * possible when ids were filled in on demand or come from elsewhere) cannot keep its id: it goes
 * to an extra interface of the right link type, declared once and reused.
 *
 * <p>Timestamps are written as unsigned nanoseconds since the epoch, so times before 1970 do not
 * survive. Not thread-safe. {@link #write} allocates nothing once its interfaces are declared.
 */
public final class PcapngWriter implements FrameWriter {
    private static final int TSRESOL_NANOS = 9;

    private final OutputStream out;
    private final byte[] scratch = new byte[64];
    /** Link type of interface i, for i below {@link #declared}. */
    private int[] linkTypes = new int[8];
    private int declared;
    /** Extra interfaces for (id, link type) pairs that could not keep their id. */
    private long[] extraKeys = new long[0];
    private int[] extraIds = new int[0];

    /** Writes the section header block at once. */
    public PcapngWriter(OutputStream out) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        byte[] app = "sipscope".getBytes(StandardCharsets.UTF_8);
        int options = option(4, app.length) + 4;
        int length = 28 + options;
        byte[] shb = new byte[length];
        PcapWriter.putIntLE(shb, 0, PcapngReader.SHB_TYPE);
        PcapWriter.putIntLE(shb, 4, length);
        PcapWriter.putIntLE(shb, 8, PcapngReader.BYTE_ORDER_MAGIC);
        PcapWriter.putShortLE(shb, 12, 1);
        PcapWriter.putShortLE(shb, 14, 0);
        PcapWriter.putIntLE(shb, 16, -1);             // section length unknown
        PcapWriter.putIntLE(shb, 20, -1);
        int at = putOption(shb, 24, 4, app);          // shb_userappl
        PcapWriter.putIntLE(shb, at, 0);              // opt_endofopt
        PcapWriter.putIntLE(shb, length - 4, length);
        this.out.write(shb);
    }

    /** Creates (or replaces) {@code path}. */
    public static PcapngWriter create(Path path) throws IOException {
        return new PcapngWriter(Files.newOutputStream(path));
    }

    /** Declares the interfaces of a source, in id order; already declared ids are left alone. */
    public void declareInterfaces(List<InterfaceInfo> interfaces) throws IOException {
        for (InterfaceInfo info : interfaces) {
            declareInterface(info);
        }
    }

    /**
     * Declares {@code info} as interface {@code info.id()}, with its link type, snap length, name
     * and description. Undeclared ids below it are filled with interfaces of the same link type.
     * Returns false, writing nothing, when that id is already declared.
     */
    public boolean declareInterface(InterfaceInfo info) throws IOException {
        int id = info.id();
        if (id < 0) {
            throw new IllegalArgumentException("interface id " + id + " is negative");
        }
        if (id < declared) {
            return false;
        }
        while (declared < id) {
            writeInterface(info.linkType(), 0, null, null);
        }
        writeInterface(info.linkType(), info.snapLength(), info.name(), info.description());
        return true;
    }

    /** Interfaces written so far (their ids are 0 .. this - 1). */
    public int interfaceCount() {
        return declared;
    }

    @Override
    public void write(Frame frame) throws IOException {
        int id = interfaceFor(frame.interfaceId(), frame.linkType());
        int capturedLength = frame.capturedLength();
        int padded = (capturedLength + 3) & ~3;
        int length = 32 + padded;
        byte[] h = scratch;
        long ticks = frame.timestampNanos();
        PcapWriter.putIntLE(h, 0, PcapngReader.EPB_TYPE);
        PcapWriter.putIntLE(h, 4, length);
        PcapWriter.putIntLE(h, 8, id);
        PcapWriter.putIntLE(h, 12, (int) (ticks >>> 32));
        PcapWriter.putIntLE(h, 16, (int) ticks);
        PcapWriter.putIntLE(h, 20, capturedLength);
        PcapWriter.putIntLE(h, 24, frame.originalLength());
        out.write(h, 0, 28);
        out.write(frame.data(), frame.offset(), capturedLength);
        int tail = padded - capturedLength;
        Arrays.fill(h, 32, 32 + tail, (byte) 0);
        PcapWriter.putIntLE(h, 32 + tail, length);
        out.write(h, 32, tail + 4);
    }

    /** The file interface for a frame's (interface id, link type), declaring what is missing. */
    private int interfaceFor(int interfaceId, int linkType) throws IOException {
        if (interfaceId >= 0 && interfaceId < declared && linkTypes[interfaceId] == linkType) {
            return interfaceId;
        }
        if (interfaceId >= declared && interfaceId < declared + 4096) {
            while (declared <= interfaceId) {
                writeInterface(linkType, 0, null, null);
            }
            return interfaceId;
        }
        long key = ((long) interfaceId << 32) | (linkType & 0xffffffffL);
        for (int i = 0; i < extraKeys.length; i++) {
            if (extraKeys[i] == key) {
                return extraIds[i];
            }
        }
        int id = declared;
        writeInterface(linkType, 0, null, null);
        extraKeys = Arrays.copyOf(extraKeys, extraKeys.length + 1);
        extraIds = Arrays.copyOf(extraIds, extraIds.length + 1);
        extraKeys[extraKeys.length - 1] = key;
        extraIds[extraIds.length - 1] = id;
        return id;
    }

    private void writeInterface(int linkType, int snapLength, String name, String description) throws IOException {
        byte[] nameBytes = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
        byte[] descriptionBytes = description == null ? null : description.getBytes(StandardCharsets.UTF_8);
        int options = option(9, 1) + 4;
        if (nameBytes != null) {
            options += option(2, nameBytes.length);
        }
        if (descriptionBytes != null) {
            options += option(3, descriptionBytes.length);
        }
        int length = 20 + options;
        byte[] idb = new byte[length];
        PcapWriter.putIntLE(idb, 0, PcapngReader.IDB_TYPE);
        PcapWriter.putIntLE(idb, 4, length);
        PcapWriter.putShortLE(idb, 8, linkType);
        PcapWriter.putShortLE(idb, 10, 0);
        PcapWriter.putIntLE(idb, 12, Math.max(snapLength, 0));
        int at = 16;
        if (nameBytes != null) {
            at = putOption(idb, at, 2, nameBytes);
        }
        if (descriptionBytes != null) {
            at = putOption(idb, at, 3, descriptionBytes);
        }
        at = putOption(idb, at, 9, new byte[] {TSRESOL_NANOS});
        PcapWriter.putIntLE(idb, at, 0);
        PcapWriter.putIntLE(idb, length - 4, length);
        out.write(idb);
        if (declared == linkTypes.length) {
            linkTypes = Arrays.copyOf(linkTypes, declared * 2);
        }
        linkTypes[declared++] = linkType;
    }

    /** Bytes an option with a {@code valueLength}-byte value takes, padding included. */
    private static int option(int code, int valueLength) {
        if (valueLength > 0xffff) {
            throw new IllegalArgumentException("option " + code + " is longer than 65535 bytes");
        }
        return 4 + ((valueLength + 3) & ~3);
    }

    private static int putOption(byte[] b, int at, int code, byte[] value) {
        PcapWriter.putShortLE(b, at, code);
        PcapWriter.putShortLE(b, at + 2, value.length);
        System.arraycopy(value, 0, b, at + 4, value.length);
        return at + option(code, value.length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
