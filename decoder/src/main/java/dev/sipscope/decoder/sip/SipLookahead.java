package dev.sipscope.decoder.sip;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.tcp.TcpConfig;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Parses SIP datagrams ahead of the engine thread, on a thread of its own, from a second reader of
 * the same capture file: the second core's share of a SIP-heavy analysis.
 *
 * <p>The lookahead thread decodes every frame of its own {@link FrameSource} with its own
 * {@link PacketDecoder} and parses each datagram that starts like SIP, as {@link SipDecoder} would,
 * then reads the fields the correlator asks of every message (Call-ID, CSeq, tags, Via, the SDP)
 * so that their parsing is done too. The messages go to the engine thread in batches, in frame
 * order, each with the ordinal of its frame.
 *
 * <p>The engine thread tells {@link #frame} the ordinal of each frame before decoding it, and the
 * {@link SipDecoder} asks {@link #take} for each datagram it would parse. A message is handed over
 * only when it was parsed from the same frame and from the same bytes: same payload length, the same
 * line ends before the start line, and every byte the parse read equal (a datagram parse reads
 * nothing after the body its Content-Length declares). So the answer is always the message the
 * engine's own parse would have made; when the lookahead has nothing (it is behind, stopped, or the
 * bytes differ) the engine parses the datagram itself. Correctness never depends on this thread.
 *
 * <p>The lookahead stops for good (and closes its reader) when a stretch of
 * {@value #WINDOW_FRAMES} frames holds fewer than one SIP datagram in {@value #MIN_DENSITY}: on
 * RTP-heavy captures the second core is busy with stream statistics, and parsing a few SIP messages
 * ahead would not pay for reading and decoding the file twice. It also stops at the end of its
 * input, on any error of its own, and on {@link #close}. When it falls behind the engine thread it
 * skips frames without decoding them until it is ahead again.
 *
 * <p>Memory: at most {@value #QUEUE_BATCHES} batches of at most {@value #BATCH_MESSAGES} messages
 * wait for the engine thread, plus the lookahead decoder's own bounded state (IP fragments; its TCP
 * reassembly is configured down to one connection and one byte, as TCP is framed by the engine).
 */
public final class SipLookahead implements SipParseAhead, AutoCloseable {
    static final int BATCH_MESSAGES = 256;
    static final int QUEUE_BATCHES = 16;
    static final int WINDOW_FRAMES = 1 << 16;
    static final int MIN_DENSITY = 50;
    /** How often the engine thread publishes its position (frames). */
    private static final int PUBLISH_EVERY = 256;
    /** How far ahead of the engine thread the lookahead resumes decoding after skipping. */
    private static final int RESUME_MARGIN = 2048;

    /** Messages of consecutive frames; ordinals ascending. */
    static final class Batch {
        final long[] ordinals = new long[BATCH_MESSAGES];
        /** Payload length and the number of line ends skipped before the start line, packed. */
        final long[] shapes = new long[BATCH_MESSAGES];
        final SipMessage[] messages = new SipMessage[BATCH_MESSAGES];
        int size;
    }

    private static final Batch END = new Batch();

    /** The smallest TCP reassembly there is: one connection, one byte buffered. */
    private static final TcpConfig NO_TCP = new TcpConfig(1, 1, 1, 1, 1);

    private final FrameSource source;
    private final ArrayBlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Thread thread;
    private volatile boolean stop;
    /** The engine thread's frame ordinal, published every {@link #PUBLISH_EVERY} frames. */
    private volatile long enginePosition;

    // engine thread
    private long ordinal;
    private Batch current;
    private int index;
    private boolean ended;
    private long taken;

    // lookahead thread
    private final DecoderConfig config;
    private final SipDatagramParser parser;
    private long parsed;

    private SipLookahead(FrameSource source, DecoderConfig config, SipLimits limits) {
        this.source = source;
        this.config = config;
        this.parser = new SipDatagramParser(limits);
        this.thread = new Thread(this::run, "sip-lookahead");
        this.thread.setDaemon(true);
    }

    /**
     * Starts a lookahead reading {@code source} (a second reader of the capture the engine reads,
     * which this lookahead closes), decoding with {@code config} and parsing with {@code limits}.
     */
    public static SipLookahead start(FrameSource source, DecoderConfig config, SipLimits limits) {
        SipLookahead l = new SipLookahead(source, config, limits);
        l.thread.start();
        return l;
    }

    // ---------------------------------------------------------------- engine thread

    /** The engine thread is about to decode frame {@code ordinal} (1 for the first frame). */
    public void frame(long ordinal) {
        this.ordinal = ordinal;
        if ((ordinal & (PUBLISH_EVERY - 1)) == 0) {
            enginePosition = ordinal;
        }
    }

    @Override
    public SipMessage take(byte[] data, int offset, int length) {
        while (!ended) {
            Batch b = current;
            if (b == null || index == b.size) {
                b = queue.poll();
                if (b == null) {
                    current = null;
                    return null;
                }
                if (b == END) {
                    ended = true;
                    current = null;
                    return null;
                }
                current = b;
                index = 0;
            }
            long o = b.ordinals[index];
            if (o > ordinal) {
                return null;
            }
            SipMessage m = b.messages[index];
            long shape = b.shapes[index];
            b.messages[index] = null;
            index++;
            if (o == ordinal && sameParse(m, shape, data, offset, length)) {
                taken++;
                return m;
            }
        }
        return null;
    }

    /** Messages handed to the engine thread so far (engine thread). */
    public long taken() {
        return taken;
    }

    /** A datagram's payload length and the line ends before its start line, packed for {@link #sameParse}. */
    public static long shape(int length, int lead) {
        return ((long) length << 32) | lead;
    }

    /**
     * Whether parsing {@code data[offset, offset+length)} gives {@code m}: the payload length and
     * the line ends before the start line as recorded, and the bytes the message was copied from
     * equal.
     */
    public static boolean sameParse(SipMessage m, long shape, byte[] data, int offset, int length) {
        if ((int) (shape >>> 32) != length) {
            return false;
        }
        int lead = (int) shape;
        for (int i = offset; i < offset + lead; i++) {
            if (data[i] != '\r' && data[i] != '\n') {
                return false;
            }
        }
        return m.copiedFrom(data, offset + lead, offset + length);
    }

    /** Stops the lookahead thread and closes its reader; waits for it briefly. */
    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the lookahead thread is still at work (not at the end of its input, stopped or closed). */
    public boolean running() {
        return thread.isAlive();
    }

    // ---------------------------------------------------------------- lookahead thread

    private Batch filling = new Batch();
    private long frameOrdinal;

    private void run() {
        // TCP is framed on the engine thread only: the lookahead's reassembler keeps next to nothing.
        PacketDecoder decoder = new PacketDecoder(config.withTcp(NO_TCP), new PacketSink() {
            @Override
            public void onDatagram(Packet packet) {
                offer(packet);
            }
        });
        try {
            long windowFrames = 0;
            long windowParsed = 0;
            long skipUntil = 0;
            Frame f;
            while (!stop && (f = source.next()) != null) {
                long n = ++frameOrdinal;
                long engine = enginePosition;
                if (n <= engine) {
                    // Behind the engine: what would be parsed here comes too late; skip a margin ahead.
                    skipUntil = engine + RESUME_MARGIN;
                }
                if (n <= skipUntil) {
                    continue;
                }
                if (!plainUdpNotSip(f)) {
                    decoder.decode(f);
                }
                if (++windowFrames == WINDOW_FRAMES) {
                    if ((parsed - windowParsed) * MIN_DENSITY < windowFrames) {
                        break;
                    }
                    windowFrames = 0;
                    windowParsed = parsed;
                }
            }
            if (filling.size > 0) {
                publish(filling);
            }
        } catch (InterruptedException e) {
            // closed
        } catch (IOException | RuntimeException e) {
            // The engine's own reader meets the same problem and reports it; this one just stops.
        } finally {
            try {
                source.close();
            } catch (IOException ignored) {
                // nothing to tell: the engine's reader is the one that reports
            }
            try {
                if (!stop) {
                    publish(END);
                }
            } catch (InterruptedException ignored) {
                // closed
            }
        }
    }

    /**
     * Whether {@code f} is Ethernet, IPv4 (not a fragment), UDP, with a payload whose first octet
     * is 0x80 or more (RTP, RTCP): no SIP message can start there and nothing the decoder knows
     * tunnels through such a payload, so the lookahead skips it without decoding. Anything else (a
     * VLAN tag, IPv6, a fragment, another link type) goes through the decoder.
     */
    public static boolean plainUdpNotSip(Frame f) {
        if (f.linkType() != LinkType.ETHERNET) {
            return false;
        }
        byte[] b = f.data();
        int p = f.offset();
        int end = p + f.capturedLength();
        if (end - p < 14 + 20 + 8 + 1 || b[p + 12] != 0x08 || b[p + 13] != 0x00) {
            return false;
        }
        int ip = p + 14;
        int vihl = b[ip] & 0xff;
        int ihl = (vihl & 0x0f) * 4;
        if ((vihl >> 4) != 4 || ihl < 20 || b[ip + 9] != 17 || ((b[ip + 6] & 0x3f) | b[ip + 7]) != 0) {
            return false;
        }
        int payload = ip + ihl + 8;
        return payload < end && b[payload] < 0;
    }

    private void offer(Packet packet) {
        int len = packet.payloadLength;
        if (len <= 0 || !SipBytes.isAlpha(firstAfterLineEnds(packet.data, packet.payloadOffset, len))) {
            return;
        }
        SipMessage m = parser.parse(packet.data, packet.payloadOffset, len);
        if (m == null) {
            return;
        }
        int lead = 0;
        while (packet.data[packet.payloadOffset + lead] == '\r' || packet.data[packet.payloadOffset + lead] == '\n') {
            lead++;
        }
        warm(m);
        Batch b = filling;
        b.ordinals[b.size] = frameOrdinal;
        b.shapes[b.size] = shape(len, lead);
        b.messages[b.size] = m;
        parsed++;
        if (++b.size == BATCH_MESSAGES) {
            try {
                publish(b);
            } catch (InterruptedException e) {
                stop = true;
                Thread.currentThread().interrupt();
            }
            filling = new Batch();
        }
    }

    private static byte firstAfterLineEnds(byte[] b, int p, int len) {
        int end = p + len;
        while (p < end && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        return p < end ? b[p] : 0;
    }

    /** Parses what the correlator reads of every message, so that the engine thread finds it done. */
    static void warm(SipMessage m) {
        m.callId();
        SipCSeq cseq = m.cseq();
        if (cseq != null && cseq.method() == SipMethod.REGISTER) {
            // Registrations are followed by their bindings (Contact and its expires).
            m.contacts();
        }
        SipVia top = m.topVia();
        if (top != null) {
            top.branch();
            top.sentByLowerCase();
        }
        if (m.isRequest()) {
            m.vias();
            if (m.toTag() == null) {
                m.fromUri();
                m.toUri();
            }
        }
        m.fromTag();
        m.toTag();
        if (m.bodyLength() > 0) {
            m.sdp();
        }
    }

    private void publish(Batch b) throws InterruptedException {
        queue.put(b);
    }
}
