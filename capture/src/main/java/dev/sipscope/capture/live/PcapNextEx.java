package dev.sipscope.capture.live;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.pcap4j.core.PcapHandle;

import java.lang.reflect.Field;

/**
 * libpcap's {@code pcap_next_ex} called directly (JNA direct mapping) on the {@code pcap_t} of a
 * pcap4j handle, copying each packet into one reused array: nothing is allocated per packet, where
 * pcap4j's {@code loop} allocates the packet's array, a {@code java.sql.Timestamp}, a boxed length,
 * a task and JNA's callback arguments for every one (some 300 bytes a packet, 30 MB a second at
 * 100,000 packets/s, which is what made young collections frequent during a live capture).
 *
 * <p>Reads libpcap's {@code struct pcap_pkthdr} as C lays it out: a {@code struct timeval} of two
 * C {@code long}s (seconds, then micro- or nanoseconds as the handle's precision says; on macOS
 * the second is 32 bits, padded), then {@code caplen} and {@code len} as 32-bit unsigned integers.
 * Memory at those addresses is read through a JNA pointer at address 0 with the absolute address
 * as its offset, which allocates nothing. The packet data and header belong to
 * libpcap until the next call on the same handle (pcap(3PCAP)), so each packet is copied at once.
 *
 * <p>{@link #available()} is false (and the capture uses pcap4j's loop instead) when the handle's
 * {@code pcap_t} cannot be reached (another pcap4j version) or the library cannot be bound; the
 * reason is in {@link #unavailableReason()}. One instance per handle, used by one thread.
 */
final class PcapNextEx {
    /** {@code pcap_next_ex} return codes (pcap_next_ex(3PCAP)). */
    static final int OK = 1;
    static final int TIMEOUT = 0;
    static final int ERROR = -1;
    static final int BREAK = -2;

    private static final String UNAVAILABLE;
    private static final Field HANDLE_FIELD;

    static {
        String why = null;
        Field field = null;
        try {
            field = PcapHandle.class.getDeclaredField("handle");
            field.setAccessible(true);
            if (field.getType() != Pointer.class) {
                why = "pcap4j's handle is not a JNA pointer";
            } else {
                String name = System.getProperty("org.pcap4j.core.pcapLibName", Platform.isWindows() ? "wpcap" : "pcap");
                Native.register(PcapNextEx.class, NativeLibrary.getInstance(name));
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        UNAVAILABLE = why;
        HANDLE_FIELD = why == null ? field : null;
    }

    private static native int pcap_next_ex(Pointer pcap, Pointer headerOut, Pointer dataOut);

    /** A base for reading at absolute addresses: {@code ZERO.getInt(address)} reads {@code *(int *) address}. */
    private static final Pointer ZERO = new Pointer(0);
    private static final int LONG_SIZE = Native.LONG_SIZE;
    /** macOS declares {@code tv_usec} as a 32-bit {@code suseconds_t} (then 4 bytes of padding). */
    private static final boolean INT_FRACTION = Platform.isMac();

    private final Pointer pcap;
    private final Memory headerOut = new Memory(Native.POINTER_SIZE);
    private final Memory dataOut = new Memory(Native.POINTER_SIZE);
    private final boolean nanos;

    private long tsNanos;
    private int capturedLength;
    private int originalLength;

    private PcapNextEx(Pointer pcap, boolean nanos) {
        this.pcap = pcap;
        this.nanos = nanos;
    }

    /** True when this JVM can call {@code pcap_next_ex} directly. */
    static boolean available() {
        return UNAVAILABLE == null;
    }

    /** Why {@link #available()} is false, else null. */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** The reader over {@code handle}, or null when {@link #available()} is false. */
    static PcapNextEx of(PcapHandle handle, boolean nanosecondPrecision) {
        if (UNAVAILABLE != null) {
            return null;
        }
        try {
            Pointer p = (Pointer) HANDLE_FIELD.get(handle);
            return p == null ? null : new PcapNextEx(p, nanosecondPrecision);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Waits (at most the handle's read timeout) for the next packet and copies up to
     * {@code into.length} bytes of it into {@code into}.
     *
     * @return {@link #OK} (then {@link #tsNanos()}, {@link #capturedLength()} and
     * {@link #originalLength()} describe it), {@link #TIMEOUT}, {@link #BREAK} after
     * {@code pcap_breakloop}, or {@link #ERROR} (libpcap's text through the handle)
     */
    int next(byte[] into) {
        int rc = pcap_next_ex(pcap, headerOut, dataOut);
        if (rc != OK) {
            return rc == BREAK ? BREAK : rc < 0 ? ERROR : TIMEOUT;
        }
        long header = address(headerOut);
        long data = address(dataOut);
        long seconds;
        long fraction;
        if (LONG_SIZE == 8) {
            seconds = ZERO.getLong(header);
            fraction = INT_FRACTION ? ZERO.getInt(header + 8) & 0xFFFF_FFFFL : ZERO.getLong(header + 8);
        } else {
            seconds = ZERO.getInt(header) & 0xFFFF_FFFFL;
            fraction = ZERO.getInt(header + 4) & 0xFFFF_FFFFL;
        }
        long caplen = ZERO.getInt(header + 2L * LONG_SIZE) & 0xFFFF_FFFFL;
        long len = ZERO.getInt(header + 2L * LONG_SIZE + 4) & 0xFFFF_FFFFL;
        int n = (int) Math.min(caplen, into.length);
        if (n > 0) {
            ZERO.read(data, into, 0, n);
        }
        tsNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000L);
        capturedLength = n;
        originalLength = (int) Math.min(Integer.MAX_VALUE, Math.max(len, n));
        return OK;
    }

    /** The pointer libpcap stored in {@code out}, as an address (32- or 64-bit pointers). */
    private static long address(Memory out) {
        return Native.POINTER_SIZE == 8 ? out.getLong(0) : out.getInt(0) & 0xFFFF_FFFFL;
    }

    long tsNanos() {
        return tsNanos;
    }

    int capturedLength() {
        return capturedLength;
    }

    int originalLength() {
        return originalLength;
    }
}
