package dev.sipscope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads Microsoft Network Monitor 1.x ({@code RTSS}) and 2.x ({@code GMBU}) capture files, which
 * some older public SIP captures use. Little-endian throughout.
 *
 * <p>Layout: a 128-byte header (version, media type, capture start as a Windows SYSTEMTIME, and
 * where the frame index is), frames, and at the end the frame index: one 32-bit file offset per
 * frame. Because the index comes last, this reader needs a regular file (positional reads); a
 * stream of this format is refused at open with a message saying so. Frames are read in index
 * order through a reused 1 MiB window that slides forward, so sequential files cost one read per
 * window and memory stays bounded; a frame reached by jumping elsewhere costs one small read; the
 * index itself is read 16 Ki entries at a time.
 *
 * <p>Frame records: 1.x has a millisecond offset from the start time and 16-bit lengths; 2.x a
 * microsecond offset and 32-bit lengths. From 2.1 on, a trailer after each frame's bytes names its
 * media type; from 2.3 on the trailer also holds the frame's UTC time as a Windows FILETIME, used
 * when non-zero. The header's start time is taken as UTC (Wireshark uses the local time zone of
 * the machine reading the file). Media types: Ethernet, Token Ring, FDDI and raw IP (WWAN) are
 * mapped to their LINKTYPE numbers; frames of other media (802.11 with NetMon's radio header,
 * ATM, NetMon's event records...) are skipped and counted. Interfaces: one per link type met, the
 * header's first.
 *
 * <p>Damage: an index running past the end of the file lists only the entries that are there
 * (and marks the read truncated); a frame offset before the end of the header or past the end of
 * the file, or a frame cut by the end of the file, ends the read with a warning; a captured
 * length over {@link CaptureFiles#MAX_FRAME_BYTES} is corrupt.
 */
public final class NetmonReader implements FrameSource {
    public static final int HEADER_BYTES = 128;
    /** "RTSS" and "GMBU" read as little-endian ints. */
    static final int MAGIC_1X = 0x53535452;
    static final int MAGIC_2X = 0x55424d47;

    private static final int INDEX_CHUNK_ENTRIES = 16 * 1024;
    private static final int WINDOW_BYTES = 1 << 20;
    /** Bytes read at a frame reached by a jump rather than by reading forward. */
    private static final int JUMP_READ_BYTES = 4096;
    /** 100 ns FILETIME ticks from 1601-01-01 to 1970-01-01. */
    private static final long FILETIME_EPOCH_TICKS = 116_444_736_000_000_000L;

    private final String name;
    private final String displayName;
    private final FileChannel channel;
    private final long size;
    private final int versionMajor;
    private final int versionMinor;
    private final int headerMedia;
    private final long startNanos;
    private final long indexOffset;
    /** Index entries present in the file (may be fewer than the header announces). */
    private final long indexEntries;
    private final long announcedEntries;

    private final Frame frame = new Frame();
    private final List<InterfaceInfo> interfaceList = new ArrayList<>(1);
    private final List<InterfaceInfo> interfaceView = Collections.unmodifiableList(interfaceList);
    private final List<String> warnings = new ArrayList<>(2);

    private byte[] window = new byte[WINDOW_BYTES];
    private ByteBuffer windowBuffer = ByteBuffer.wrap(window);
    private long windowStart;
    private int windowLength;

    private final byte[] index = new byte[INDEX_CHUNK_ENTRIES * 4];
    private final ByteBuffer indexBuffer = ByteBuffer.wrap(index);
    private int indexAvailable;
    private int indexPos;

    private long nextEntry;
    private long frameCount;
    private long skippedMedia;
    private long position;
    private boolean ended;
    private boolean truncated;
    private boolean closed;

    /** Parses the header of {@code channel}, a regular file of {@code size} bytes. */
    NetmonReader(String name, FileChannel channel, long size) throws IOException {
        this.name = name;
        this.displayName = CaptureFiles.displayName(name);
        this.channel = channel;
        this.size = size;
        if (!window(0, HEADER_BYTES)) {
            throw new CaptureFormatException(displayName + ": too short for a Network Monitor file (" + size
                    + " bytes; the header alone takes " + HEADER_BYTES + ")");
        }
        byte[] h = window;
        int magic = RecordBuffer.intLE(h, 0);
        versionMinor = h[4] & 0xff;
        versionMajor = magic == MAGIC_1X ? 1 : 2;
        headerMedia = RecordBuffer.uint16(h, 6, false);
        long start;
        try {
            start = LocalDateTime.of(RecordBuffer.uint16(h, 8, false), RecordBuffer.uint16(h, 10, false),
                    RecordBuffer.uint16(h, 14, false), RecordBuffer.uint16(h, 16, false),
                    RecordBuffer.uint16(h, 18, false), RecordBuffer.uint16(h, 20, false),
                    RecordBuffer.uint16(h, 22, false) * 1_000_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L
                    + RecordBuffer.uint16(h, 22, false) * 1_000_000L;
        } catch (DateTimeException e) {
            start = 0;
            warn("the capture start time in the header is not a valid date; frame times count from 1970");
        }
        startNanos = start;
        indexOffset = RecordBuffer.intLE(h, 24) & 0xffffffffL;
        long indexBytes = RecordBuffer.intLE(h, 28) & 0xffffffffL;
        announcedEntries = indexBytes / 4;
        long present = Math.max(0, Math.min(indexBytes, size - indexOffset)) / 4;
        indexEntries = Math.min(present, announcedEntries);
        if (indexEntries < announcedEntries) {
            truncated = true;
            warn("the frame index at byte " + indexOffset + " is cut short: " + indexEntries + " of "
                    + announcedEntries + " frames are listed");
        }
        int linkType = linkType(headerMedia);
        if (linkType >= 0) {
            interfaceList.add(new InterfaceInfo(0, linkType, 0, null, null));
        }
        position = HEADER_BYTES;
    }

    /** LINKTYPE for a NetMon media type, or -1 when this reader does not decode it. */
    static int linkType(int media) {
        switch (media) {
            case 1: return LinkType.ETHERNET;
            case 2: return 6;        // LINKTYPE_IEEE802_5, Token Ring
            case 3: return 10;       // LINKTYPE_FDDI
            case 8: return LinkType.RAW;
            default: return -1;
        }
    }

    @Override
    public Frame next() throws IOException {
        if (ended) {
            return null;
        }
        boolean v1 = versionMajor == 1;
        int headerBytes = v1 ? 8 : 16;
        while (true) {
            if (nextEntry == indexEntries) {
                ended = true;
                position = size;
                return null;
            }
            long offset = nextIndexEntry();
            if (offset < HEADER_BYTES || offset >= size) {
                return endAt(offset, "frame " + (nextEntry - 1) + " is listed at byte " + offset
                        + ", outside the frames of a " + size + "-byte file", false);
            }
            if (!window(offset, headerBytes)) {
                return endAt(offset, null, true);
            }
            int p = (int) (offset - windowStart);
            byte[] w = window;
            long delta;
            int originalLength;
            int capturedLength;
            if (v1) {
                delta = (RecordBuffer.intLE(w, p) & 0xffffffffL) * 1_000_000L;
                originalLength = RecordBuffer.uint16(w, p + 4, false);
                capturedLength = RecordBuffer.uint16(w, p + 6, false);
            } else {
                long micros = RecordBuffer.int64(w, p, false);
                delta = micros < 0 || micros > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : micros * 1000L;
                originalLength = RecordBuffer.intLE(w, p + 8);
                capturedLength = RecordBuffer.intLE(w, p + 12);
            }
            if (capturedLength < 0 || capturedLength > CaptureFiles.MAX_FRAME_BYTES) {
                return endAt(offset, "captured length " + Integer.toUnsignedString(capturedLength) + " exceeds the "
                        + (CaptureFiles.MAX_FRAME_BYTES >> 20) + " MiB limit", false);
            }
            int trailerBytes = v1 || versionMinor == 0 ? 0 : versionMinor < 3 ? 2 : 14;
            int total = headerBytes + capturedLength + trailerBytes;
            if (!window(offset, total)) {
                return endAt(offset, null, true);
            }
            p = (int) (offset - windowStart);
            w = window;
            int media = headerMedia;
            long tsNanos = TimestampScale.saturatedAdd(startNanos, delta);
            if (trailerBytes > 0) {
                int t = p + headerBytes + capturedLength;
                int frameMedia = RecordBuffer.uint16(w, t, false);
                if (frameMedia != 0) {
                    media = frameMedia;
                }
                if (trailerBytes == 14) {
                    long fileTime = RecordBuffer.int64(w, t + 6, false);
                    if (fileTime != 0) {
                        tsNanos = fileTimeToNanos(fileTime);
                    }
                }
            }
            position = offset + total;
            int linkType = linkType(media);
            if (linkType < 0) {
                skippedMedia++;
                continue;
            }
            frame.set(tsNanos, linkType, interfaceFor(linkType), w, p + headerBytes, capturedLength,
                    originalLength < 0 ? Integer.MAX_VALUE : originalLength);
            frameCount++;
            return frame;
        }
    }

    /** Nanoseconds since 1970 for a FILETIME (unsigned 100 ns ticks since 1601), saturated. */
    static long fileTimeToNanos(long fileTime) {
        if (fileTime < 0) {
            return Long.MAX_VALUE;
        }
        long ticks = fileTime - FILETIME_EPOCH_TICKS;
        if (ticks > Long.MAX_VALUE / 100) {
            return Long.MAX_VALUE;
        }
        if (ticks < Long.MIN_VALUE / 100) {
            return Long.MIN_VALUE;
        }
        return ticks * 100;
    }

    private int interfaceFor(int linkType) {
        List<InterfaceInfo> list = interfaceList;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).linkType() == linkType) {
                return i;
            }
        }
        list.add(new InterfaceInfo(list.size(), linkType, 0, null, null));
        return list.size() - 1;
    }

    private long nextIndexEntry() throws IOException {
        if (indexPos == indexAvailable) {
            long remaining = indexEntries - nextEntry;
            int entries = (int) Math.min(remaining, INDEX_CHUNK_ENTRIES);
            long from = indexOffset + nextEntry * 4;
            indexBuffer.clear().limit(entries * 4);
            while (indexBuffer.hasRemaining()) {
                if (channel.read(indexBuffer, from + indexBuffer.position()) < 0) {
                    break;
                }
            }
            indexAvailable = indexBuffer.position();
            indexPos = 0;
            if (indexAvailable < 4) {
                // the file shrank under us; report the missing entries as a cut index
                return size;
            }
        }
        long offset = RecordBuffer.intLE(index, indexPos) & 0xffffffffL;
        indexPos += 4;
        nextEntry++;
        return offset;
    }

    /**
     * Makes file bytes {@code [offset, offset + n)} available in {@link #window}; false when the
     * file ends first. When they are not there already: reading forward (the usual case) fills a
     * whole window from {@code offset}; a jump elsewhere reads only a page or what is needed, so
     * an index listing frames in a hostile order costs in proportion to the frames delivered.
     */
    private boolean window(long offset, int n) throws IOException {
        long windowEnd = windowStart + windowLength;
        if (offset >= windowStart && offset + n <= windowEnd) {
            return true;
        }
        if (n > window.length) {
            window = new byte[Math.max(n, Math.min(2 * window.length, CaptureFiles.MAX_BLOCK_BYTES))];
            windowBuffer = ByteBuffer.wrap(window);
        }
        boolean forward = offset >= windowStart && offset <= windowEnd + WINDOW_BYTES;
        windowBuffer.clear();
        if (!forward) {
            windowBuffer.limit(Math.min(window.length, Math.max(n, JUMP_READ_BYTES)));
        }
        while (windowBuffer.hasRemaining()) {
            if (channel.read(windowBuffer, offset + windowBuffer.position()) < 0) {
                break;
            }
        }
        windowStart = offset;
        windowLength = windowBuffer.position();
        return windowLength >= n;
    }

    private Frame endAt(long offset, String corruptReason, boolean cut) {
        ended = true;
        truncated = true;
        String before = FileFrameSource.framesBefore(frameCount);
        if (cut) {
            warnings.add(displayName + ": truncated record at byte " + offset + "; " + before);
        } else {
            warnings.add(displayName + ": corrupt record at byte " + offset + " (" + corruptReason + "); " + before);
        }
        return null;
    }

    private void warn(String sentence) {
        warnings.add(displayName + ": " + sentence);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaceView;
    }

    @Override
    public boolean truncated() {
        return truncated;
    }

    @Override
    public List<String> warnings() {
        if (skippedMedia == 0) {
            return Collections.unmodifiableList(warnings);
        }
        List<String> all = new ArrayList<>(warnings);
        all.add(displayName + ": " + skippedMedia + " frame" + (skippedMedia == 1 ? " of a media type this reader"
                + " does not decode (802.11, ATM, NetMon events...) was" : "s of media types this reader does not"
                + " decode (802.11, ATM, NetMon events...) were") + " skipped");
        return Collections.unmodifiableList(all);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long size() {
        return size;
    }

    /** Frames handed out so far. */
    public long frameCount() {
        return frameCount;
    }

    /** The header's version, e.g. {@code "2.0"}. */
    public String version() {
        return versionMajor + "." + versionMinor;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            ended = true;
            channel.close();
        }
    }
}
