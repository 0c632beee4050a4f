package dev.sipscope.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads pcapng files (draft-ietf-opsawg-pcapng): a sequence of sections, each a section header
 * block (SHB) that fixes the byte order, interface description blocks (IDB) and packets.
 *
 * <p>What is read:
 * <ul>
 *   <li>SHB in either byte order, version 1.x, any section length (-1 included); several sections
 *       in one file, each with its own byte order.</li>
 *   <li>IDB: link type, snap length, {@code if_name}, {@code if_description}, {@code if_tsresol}
 *       (decimal or binary, any exponent, see {@link TimestampScale}) and {@code if_tsoffset}
 *       (seconds added to every timestamp). Interface ids are counted across the whole file:
 *       the first IDB of the second section gets the id after the last one of the first.</li>
 *   <li>Enhanced packet blocks (EPB, type 6), the obsolete packet block (type 2), and simple
 *       packet blocks (SPB, type 3). An SPB belongs to the first interface of its section; its
 *       captured length is the smallest of its original length, the interface snap length and
 *       the bytes in the block; it has no timestamp, so it reports the previous frame's
 *       timestamp (0 before any frame).</li>
 *   <li>Every other block type is skipped by its length, without buffering it.</li>
 * </ul>
 *
 * <p>Damage. A block whose framing cannot be trusted (total length below 12 or not a multiple of
 * 4, a trailing length that disagrees with the leading one, a packet or interface block longer
 * than {@link CaptureFiles#MAX_BLOCK_BYTES}, a later SHB with a bad byte-order magic or an
 * unknown major version, an IDB too short for its fields, more than {@link #MAX_INTERFACES}
 * interfaces) ends the read: {@link #truncated()} becomes true and one warning says where. A
 * packet block that is well framed but inconsistent inside (shorter than its fixed fields, a
 * captured length past the block or over {@link CaptureFiles#MAX_FRAME_BYTES}, an interface id
 * its section never declared) is skipped and counted ({@link #skippedBlocks()}); the read goes
 * on. IDB options that run past their block are ignored from that point, with a warning.
 *
 * <p>{@link #next()} does not allocate except when an IDB or SHB is met.
 */
public final class PcapngReader extends FileFrameSource {
    public static final int SHB_TYPE = 0x0A0D0D0A;
    public static final int IDB_TYPE = 1;
    public static final int OBSOLETE_PB_TYPE = 2;
    public static final int SPB_TYPE = 3;
    public static final int EPB_TYPE = 6;
    /** The byte-order magic as read little-endian from a little-endian section. */
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Interfaces per file beyond which the file is considered hostile. */
    public static final int MAX_INTERFACES = 1 << 16;

    private static final int MIN_SHB_BYTES = 28;
    private static final int MIN_IDB_BYTES = 20;
    private static final int MIN_EPB_BYTES = 32;
    private static final int MIN_SPB_BYTES = 16;

    private static final int OPT_ENDOFOPT = 0;
    private static final int IF_NAME = 2;
    private static final int IF_DESCRIPTION = 3;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    /** Byte order of the current section: true when big-endian. */
    private boolean swapped;
    private int sectionCount;
    private int sectionFirstInterface;
    private int sectionInterfaceCount;

    private final List<InterfaceInfo> interfaceList = new ArrayList<>();
    private final List<InterfaceInfo> interfaceView = Collections.unmodifiableList(interfaceList);
    private int[] ifLinkType = new int[4];
    private int[] ifSnapLength = new int[4];
    private TimestampScale[] ifScale = new TimestampScale[4];
    private long[] ifOffsetNanos = new long[4];

    private long lastTsNanos;
    private long skippedUndeclared;
    private long skippedMalformed;
    private long otherBlocks;
    private boolean firstSectionBigEndian;

    /** Parses the first section header block; {@code in} starts at the first byte of the file. */
    PcapngReader(String name, ByteInput input, RecordBuffer in, long size) throws IOException {
        super(name, input, in, size);
        String problem = sectionHeader();
        if (problem != null) {
            throw new CaptureFormatException(displayName + ": " + (problem == TRUNCATED
                    ? "too short for a pcapng file (" + in.available() + " bytes; the section header block is longer)"
                    : "not a readable pcapng file (" + problem + ")"));
        }
        firstSectionBigEndian = swapped;
    }

    /** Marker returned by {@link #sectionHeader()} when the input ends inside the block. */
    private static final String TRUNCATED = "truncated";

    /**
     * Reads the SHB at {@code in.pos} and starts a new section; returns null on success,
     * {@link #TRUNCATED}, or the reason the block is unusable (nothing consumed then).
     */
    private String sectionHeader() throws IOException {
        RecordBuffer in = this.in;
        if (!in.require(12)) {
            return TRUNCATED;
        }
        byte[] b = in.buf;
        int p = in.pos;
        int bom = RecordBuffer.intLE(b, p + 8);
        boolean sw;
        if (bom == BYTE_ORDER_MAGIC) {
            sw = false;
        } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            sw = true;
        } else {
            return "section header with bad byte-order magic, bytes " + CaptureFiles.hex(b, p + 8, 4);
        }
        int length = RecordBuffer.int32(b, p + 4, sw);
        if (Integer.compareUnsigned(length, MIN_SHB_BYTES) < 0 || (length & 3) != 0
                || Integer.compareUnsigned(length, CaptureFiles.MAX_BLOCK_BYTES) > 0) {
            return "section header block length " + Integer.toUnsignedString(length) + " is impossible";
        }
        if (!in.require(length)) {
            return TRUNCATED;
        }
        b = in.buf;
        p = in.pos;
        int trailer = RecordBuffer.int32(b, p + length - 4, sw);
        if (trailer != length) {
            return trailerMismatch(trailer, length);
        }
        int major = RecordBuffer.uint16(b, p + 12, sw);
        int minor = RecordBuffer.uint16(b, p + 14, sw);
        if (major != 1) {
            return "unsupported pcapng version " + major + "." + minor;
        }
        swapped = sw;
        sectionCount++;
        sectionFirstInterface = interfaceList.size();
        sectionInterfaceCount = 0;
        in.pos = p + length;
        return null;
    }

    private static String trailerMismatch(int trailer, int length) {
        return "trailing block length " + Integer.toUnsignedString(trailer) + " disagrees with the leading length "
                + Integer.toUnsignedString(length);
    }

    @Override
    public Frame next() throws IOException {
        if (ended) {
            return null;
        }
        RecordBuffer in = this.in;
        while (true) {
            if (in.limit - in.pos < 8 && !in.require(8)) {
                return in.available() == 0 ? endClean() : endTruncated(in.offset());
            }
            byte[] b = in.buf;
            int p = in.pos;
            int type = RecordBuffer.int32(b, p, swapped);
            if (type == SHB_TYPE) {
                long at = in.offset();
                String problem = sectionHeader();
                if (problem == TRUNCATED) {
                    return endTruncated(at);
                }
                if (problem != null) {
                    return endCorrupt(at, problem);
                }
                continue;
            }
            int length = RecordBuffer.int32(b, p + 4, swapped);
            if (Integer.compareUnsigned(length, 12) < 0 || (length & 3) != 0) {
                return endCorrupt(in.offset(), "block length " + Integer.toUnsignedString(length)
                        + (length >= 0 && length < 12 ? " is below the 12-byte minimum" : " is not a multiple of 4"));
            }
            if (type == EPB_TYPE || type == SPB_TYPE || type == OBSOLETE_PB_TYPE || type == IDB_TYPE) {
                if (Integer.compareUnsigned(length, CaptureFiles.MAX_BLOCK_BYTES) > 0) {
                    return endCorrupt(in.offset(), "block length " + Integer.toUnsignedString(length)
                            + " exceeds the " + (CaptureFiles.MAX_BLOCK_BYTES >> 10) + " KiB limit");
                }
                if (in.limit - p < length) {
                    if (!in.require(length)) {
                        return endTruncated(in.offset());
                    }
                    b = in.buf;
                    p = in.pos;
                }
                int trailer = RecordBuffer.int32(b, p + length - 4, swapped);
                if (trailer != length) {
                    return endCorrupt(in.offset(), trailerMismatch(trailer, length));
                }
                if (type == IDB_TYPE) {
                    String problem = interfaceDescription(b, p, length);
                    if (problem != null) {
                        return endCorrupt(in.offset(), problem);
                    }
                    in.pos = p + length;
                    continue;
                }
                in.pos = p + length;
                if (packet(type, b, p, length)) {
                    frameCount++;
                    return frame;
                }
            } else {
                long at = in.offset();
                long skipBytes = (length & 0xffffffffL) - 4;
                if (!in.skip(skipBytes) || !in.require(4)) {
                    return endTruncated(at);
                }
                int trailer = RecordBuffer.int32(in.buf, in.pos, swapped);
                if (trailer != length) {
                    return endCorrupt(at, trailerMismatch(trailer, length));
                }
                in.pos += 4;
                otherBlocks++;
            }
        }
    }

    /** Fills {@link #frame} from a packet block held whole at {@code b[p, p+length)}; false when skipped. */
    private boolean packet(int type, byte[] b, int p, int length) {
        boolean sw = swapped;
        int local;
        int capturedLength;
        int originalLength;
        int dataAt;
        long ticks = 0;
        if (type == SPB_TYPE) {
            if (length < MIN_SPB_BYTES) {
                skippedMalformed++;
                return false;
            }
            local = 0;
            originalLength = RecordBuffer.int32(b, p + 8, sw);
            dataAt = p + 12;
            capturedLength = length - MIN_SPB_BYTES;
            if (Integer.compareUnsigned(originalLength, capturedLength) < 0) {
                capturedLength = originalLength;
            }
        } else {
            if (length < MIN_EPB_BYTES) {
                skippedMalformed++;
                return false;
            }
            local = type == EPB_TYPE ? RecordBuffer.int32(b, p + 8, sw) : RecordBuffer.uint16(b, p + 8, sw);
            ticks = ((long) RecordBuffer.int32(b, p + 12, sw) << 32) | (RecordBuffer.int32(b, p + 16, sw) & 0xffffffffL);
            capturedLength = RecordBuffer.int32(b, p + 20, sw);
            originalLength = RecordBuffer.int32(b, p + 24, sw);
            dataAt = p + 28;
            if (Integer.compareUnsigned(capturedLength, length - MIN_EPB_BYTES) > 0) {
                skippedMalformed++;
                return false;
            }
        }
        if (Integer.compareUnsigned(local, sectionInterfaceCount) >= 0) {
            skippedUndeclared++;
            return false;
        }
        int id = sectionFirstInterface + local;
        if (type == SPB_TYPE) {
            int snap = ifSnapLength[id];
            if (snap > 0 && capturedLength > snap) {
                capturedLength = snap;
            }
        }
        if (capturedLength > CaptureFiles.MAX_FRAME_BYTES) {
            skippedMalformed++;
            return false;
        }
        long tsNanos;
        if (type == SPB_TYPE) {
            tsNanos = lastTsNanos;
        } else {
            tsNanos = ifScale[id].toNanos(ticks);
            long offset = ifOffsetNanos[id];
            if (offset != 0) {
                tsNanos = TimestampScale.saturatedAdd(tsNanos, offset);
            }
            lastTsNanos = tsNanos;
        }
        frame.set(tsNanos, ifLinkType[id], id, b, dataAt, capturedLength,
                originalLength < 0 ? Integer.MAX_VALUE : originalLength);
        return true;
    }

    /** Registers the IDB at {@code b[p, p+length)}; returns why it is unusable, or null. */
    private String interfaceDescription(byte[] b, int p, int length) {
        if (length < MIN_IDB_BYTES) {
            return "interface description block of " + length + " bytes is shorter than its fixed fields";
        }
        if (interfaceList.size() >= MAX_INTERFACES) {
            return "more than " + MAX_INTERFACES + " interfaces";
        }
        boolean sw = swapped;
        int linkType = RecordBuffer.uint16(b, p + 8, sw);
        int snap = RecordBuffer.int32(b, p + 12, sw);
        String ifName = null;
        String ifDescription = null;
        TimestampScale scale = TimestampScale.MICROSECONDS;
        long offsetNanos = 0;
        int at = p + 16;
        int end = p + length - 4;
        while (end - at >= 4) {
            int code = RecordBuffer.uint16(b, at, sw);
            int optionLength = RecordBuffer.uint16(b, at + 2, sw);
            if (code == OPT_ENDOFOPT) {
                break;
            }
            int value = at + 4;
            if (optionLength > end - value) {
                warn("options of the interface description block at byte " + in.offsetOf(p)
                        + " run past the block; the rest of them were ignored");
                break;
            }
            if (code == IF_NAME) {
                ifName = optionString(b, value, optionLength);
            } else if (code == IF_DESCRIPTION) {
                ifDescription = optionString(b, value, optionLength);
            } else if (code == IF_TSRESOL && optionLength >= 1) {
                scale = TimestampScale.of(b[value]);
            } else if (code == IF_TSOFFSET && optionLength == 8) {
                offsetNanos = TimestampScale.secondsToNanos(RecordBuffer.int64(b, value, sw));
            }
            at = value + ((optionLength + 3) & ~3);
        }
        int id = interfaceList.size();
        if (id == ifLinkType.length) {
            int n = id * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, n);
            ifSnapLength = Arrays.copyOf(ifSnapLength, n);
            ifScale = Arrays.copyOf(ifScale, n);
            ifOffsetNanos = Arrays.copyOf(ifOffsetNanos, n);
        }
        int snapLength = snap < 0 ? 0 : snap;
        ifLinkType[id] = linkType;
        ifSnapLength[id] = snapLength;
        ifScale[id] = scale;
        ifOffsetNanos[id] = offsetNanos;
        interfaceList.add(new InterfaceInfo(id, linkType, snapLength, ifName, ifDescription));
        sectionInterfaceCount++;
        return null;
    }

    /** A UTF-8 option value; trailing NULs, which some writers add, are dropped. */
    private static String optionString(byte[] b, int at, int length) {
        int n = length;
        while (n > 0 && b[at + n - 1] == 0) {
            n--;
        }
        return new String(b, at, n, StandardCharsets.UTF_8);
    }

    @Override
    List<String> extraWarnings() {
        if (skippedUndeclared == 0 && skippedMalformed == 0) {
            return List.of();
        }
        List<String> extra = new ArrayList<>(2);
        if (skippedMalformed > 0) {
            extra.add(displayName + ": " + skippedMalformed + " malformed packet block"
                    + (skippedMalformed == 1 ? " was" : "s were") + " skipped");
        }
        if (skippedUndeclared > 0) {
            extra.add(displayName + ": " + skippedUndeclared + " packet block"
                    + (skippedUndeclared == 1 ? " names an interface its section never declared; it was"
                    : "s name an interface their section never declared; they were") + " skipped");
        }
        return extra;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaceView;
    }

    /** Packet blocks skipped because they were malformed or named an undeclared interface. */
    public long skippedBlocks() {
        return skippedUndeclared + skippedMalformed;
    }

    /** Blocks of other types (statistics, name resolution, custom...) passed over so far. */
    public long otherBlocks() {
        return otherBlocks;
    }

    /** Section header blocks read so far. */
    public int sectionCount() {
        return sectionCount;
    }

    /** True when the first section is big-endian. */
    public boolean bigEndian() {
        return firstSectionBigEndian;
    }

    /** The timestamp resolution of an interface, e.g. {@code "10^-6 s"}. */
    public String timestampResolution(int interfaceId) {
        return ifScale[interfaceId].toString();
    }
}
