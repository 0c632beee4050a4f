package dev.sipscope.decoder;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.tcp.TcpConfig;
import dev.sipscope.decoder.tcp.TcpReassembler;
import dev.sipscope.decoder.tcp.TcpStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target (Jazzer) for the {@link TcpReassembler}, with an oracle for the bytes
 * it delivers. The input is a list of segments on four connections (one of them IPv6, two with
 * initial sequence numbers next to the 2^32 wrap); the fuzzer chooses each segment's direction,
 * flags, sequence number, length and capture-time step. Payload byte {@code i} of a segment whose
 * data starts at sequence number {@code s} is {@code (byte) (s + i)}, so the bytes of a direction
 * say where in the stream they belong.
 *
 * <p>Oracle: in every direction, each delivered byte is the byte after the previous one, except
 * across a gap, which must skip exactly its reported size (a gap of unknown size, -1, restarts the
 * check). Directions that were sent a "corrupt" segment (payload shifted by 0x55, as a conflicting
 * retransmission would be) are exempt from the byte check. Also: no callback after a stream's
 * close, no empty delivery, no gap of zero or negative size, bounds held after every segment, and
 * everything closed and released by {@link TcpReassembler#finish}.
 *
 * <pre>
 *   segment := control:u8  offset:u32 (big-endian)  length:u8  timing:u8
 *   control := bits 0-1 connection, bit 2 sent by the server, bit 3 SYN, bit 4 FIN, bit 5 RST,
 *              bit 6 ACK, bit 7 corrupt payload
 *   offset  := sequence number relative to the sender's initial sequence number
 *   length  := 0-199 bytes as is; 200-255 mean (length - 199) * 64 bytes
 *   timing  := as in {@link FrameScript}
 * </pre>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TcpReassemblerFuzzTest {
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final int SEGMENT_BYTES = 7;
    private static final int CONNECTIONS = 4;
    private static final int SERVER_PORT = 5060;
    private static final int CLIENT_PORT = 40000;
    private static final long[] CLIENT_ISN = {1000L, 0xffff_ff00L, 0x7fff_fff0L, 0L};
    private static final long[] SERVER_ISN = {5000L, 0xffff_fff0L, 0x8000_0000L, 0xffff_fffeL};

    /** Three connections at most, so that the fourth evicts; small buffers and short timeouts. */
    static final TcpConfig CONFIG = new TcpConfig(16 * 1024, 40 * 1024, 3, 30 * SECOND_NANOS, 5 * SECOND_NANOS);

    @FuzzTest(maxDuration = "30s")
    void segments(byte[] input) {
        TcpReassembler reassembler = new TcpReassembler(CONFIG);
        OracleSink sink = new OracleSink();
        Packet p = new Packet();
        Frame frame = new Frame();
        long tsNanos = FrameScript.START_NANOS;
        for (int at = 0; input.length - at >= SEGMENT_BYTES; at += SEGMENT_BYTES) {
            int control = input[at] & 0xff;
            long offset = ((input[at + 1] & 0xffL) << 24) | ((input[at + 2] & 0xff) << 16)
                    | ((input[at + 3] & 0xff) << 8) | (input[at + 4] & 0xff);
            int lengthCode = input[at + 5] & 0xff;
            int length = lengthCode < 200 ? lengthCode : (lengthCode - 199) * 64;
            tsNanos += FrameScript.stepNanos(input[at + 6] & 0xff);

            int conn = control & 0x03;
            boolean fromServer = (control & 0x04) != 0;
            int flags = ((control & 0x08) != 0 ? TcpReassembler.SYN : 0) | ((control & 0x10) != 0 ? TcpReassembler.FIN : 0)
                    | ((control & 0x20) != 0 ? TcpReassembler.RST : 0) | ((control & 0x40) != 0 ? TcpReassembler.ACK : 0);
            boolean corrupt = (control & 0x80) != 0;
            long seq = ((fromServer ? SERVER_ISN[conn] : CLIENT_ISN[conn]) + offset) & 0xffff_ffffL;
            long dataSeq = (flags & TcpReassembler.SYN) != 0 ? seq + 1 : seq;
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (dataSeq + i + (corrupt ? 0x55 : 0));
            }
            if (corrupt && length > 0) {
                sink.tainted[conn][fromServer ? 1 : 0] = true;
            }
            fill(p, frame, conn, fromServer, tsNanos, payload);
            reassembler.segment(p, seq, 0, flags, sink);
            PacketDecoderFuzzTest.checkTcpBounds(reassembler);
        }
        reassembler.finish(sink);
        if (reassembler.openStreams() != 0 || reassembler.currentBufferedBytes() != 0 || reassembler.pendingBytes() != 0) {
            throw new AssertionError("state held after finish: " + reassembler.openStreams() + " streams, "
                    + reassembler.currentBufferedBytes() + " buffered, " + reassembler.pendingBytes() + " pending");
        }
        if (sink.closed != reassembler.streams()) {
            throw new AssertionError(reassembler.streams() + " streams opened, " + sink.closed + " closed");
        }
        if (sink.bytes != reassembler.bytesDelivered()) {
            throw new AssertionError(sink.bytes + " bytes received, the reassembler counted "
                    + reassembler.bytesDelivered());
        }
    }

    private static void fill(Packet p, Frame frame, int conn, boolean fromServer, long tsNanos, byte[] payload) {
        p.clear();
        p.frame = frame;
        p.timestampNanos = tsNanos;
        p.protocol = Packet.PROTO_TCP;
        boolean v6 = conn == CONNECTIONS - 1;
        p.ipVersion = v6 ? 6 : 4;
        long clientHi = v6 ? 0x2001_0db8_0000_0000L : 0;
        long clientLo = v6 ? 1 : IpAddress.v4Lo(0x0a00_0001);
        long serverHi = clientHi;
        long serverLo = v6 ? 2 : IpAddress.v4Lo(0x0a00_0002);
        int clientPort = CLIENT_PORT + conn;
        p.srcHi = fromServer ? serverHi : clientHi;
        p.srcLo = fromServer ? serverLo : clientLo;
        p.srcPort = fromServer ? SERVER_PORT : clientPort;
        p.dstHi = fromServer ? clientHi : serverHi;
        p.dstLo = fromServer ? clientLo : serverLo;
        p.dstPort = fromServer ? clientPort : SERVER_PORT;
        p.data = payload;
        p.payloadOffset = 0;
        p.payloadLength = payload.length;
    }

    /** Per-stream checking state, kept in {@link TcpStream#attachment}. */
    private static final class StreamState {
        boolean closed;
        /** Index 0: bytes sent by the stream's client; 1: by its server. */
        final boolean[] known = new boolean[2];
        final int[] nextByte = new int[2];
    }

    private static final class OracleSink implements PacketSink {
        final boolean[][] tainted = new boolean[CONNECTIONS][2];
        long closed;
        long bytes;

        @Override
        public void onTcpData(TcpStream stream, Packet p) {
            StreamState s = open(stream);
            if (p.payloadLength <= 0 || p.payloadOffset < 0 || p.data == null
                    || (long) p.payloadOffset + p.payloadLength > p.data.length) {
                throw new AssertionError("bad delivery view " + p.payloadOffset + "+" + p.payloadLength);
            }
            bytes += p.payloadLength;
            boolean fromStreamClient = p.srcPort == stream.clientPort && p.srcLo == stream.clientLo
                    && p.srcHi == stream.clientHi;
            int side = fromStreamClient ? 0 : 1;
            int conn = (p.srcPort == SERVER_PORT ? p.dstPort : p.srcPort) - CLIENT_PORT;
            boolean senderIsServer = p.srcPort == SERVER_PORT;
            if (tainted[conn][senderIsServer ? 1 : 0]) {
                return;
            }
            int i = 0;
            if (!s.known[side]) {
                s.known[side] = true;
                s.nextByte[side] = p.data[p.payloadOffset] & 0xff;
            }
            for (; i < p.payloadLength; i++) {
                int b = p.data[p.payloadOffset + i] & 0xff;
                if (b != s.nextByte[side]) {
                    throw new AssertionError("stream " + stream.index + " side " + side + ": byte " + i + " of a "
                            + p.payloadLength + "-byte delivery is " + b + ", expected " + s.nextByte[side]);
                }
                s.nextByte[side] = (b + 1) & 0xff;
            }
        }

        @Override
        public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
            StreamState s = open(stream);
            int side = fromClient ? 0 : 1;
            if (missingBytes == -1) {
                s.known[side] = false;
            } else if (missingBytes <= 0) {
                throw new AssertionError("gap of " + missingBytes + " bytes");
            } else {
                s.nextByte[side] = (int) ((s.nextByte[side] + missingBytes) & 0xff);
            }
        }

        @Override
        public void onTcpClose(TcpStream stream) {
            open(stream).closed = true;
            closed++;
        }

        private static StreamState open(TcpStream stream) {
            if (stream.attachment == null) {
                stream.attachment = new StreamState();
            }
            StreamState s = (StreamState) stream.attachment;
            if (s.closed) {
                throw new AssertionError("callback for " + stream + " after its close");
            }
            return s;
        }
    }

    // ------------------------------------------------------------------ seeds

    /** Hand-made segment lists for the seed corpus (see {@link DecoderFuzzSeedsTest}). */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("handshake-data-both-ways-fin", new Script()
                .seg(0, false, 0x08, 0, 0, 0).seg(0, true, 0x48, 0, 0, 0).seg(0, false, 0x40, 1, 120, 0x41)
                .seg(0, true, 0x40, 1, 80, 0x41).seg(0, false, 0x50, 121, 0, 0x41).seg(0, true, 0x50, 81, 0, 0x41)
                .bytes());
        seeds.put("reordered-overlapping-retransmitted-across-wrap", new Script()
                .seg(1, false, 0x40, 0, 100, 0).seg(1, false, 0x40, 300, 100, 1).seg(1, false, 0x40, 150, 200, 1)
                .seg(1, false, 0x40, 100, 100, 1).seg(1, false, 0x40, 100, 100, 1).seg(1, true, 0x40, 0, 199, 1)
                .seg(1, true, 0x40, 150, 120, 1).bytes());
        seeds.put("hole-timeout-bound-gap-idle-and-rst", new Script()
                .seg(2, false, 0x40, 0, 50, 0).seg(2, false, 0x40, 500, 50, 0x41).seg(2, false, 0x40, 600, 50, 0x86)
                .seg(2, false, 0x40, 100_000, 10, 0x41).seg(2, true, 0x40, 0, 10, 0x41)
                .seg(2, true, 0x60, 10, 0, 0x41).seg(3, false, 0x40, 0, 205, 0x41).seg(3, true, 0x40, 0, 30, 0x9f)
                .bytes());
        seeds.put("eviction-port-reuse-and-resync", new Script()
                .seg(0, false, 0x08, 0, 0, 0).seg(1, false, 0x40, 0, 10, 0).seg(2, false, 0x40, 0, 10, 0)
                .seg(3, false, 0x40, 0, 10, 0).seg(0, false, 0x08, 77, 0, 0x41).seg(0, false, 0x40, 78, 40, 0x41)
                .seg(1, false, 0x40, 3_000_000, 20, 0x41).seg(1, false, 0x40, 0, 10, 0x41)
                .seg(1, false, 0x40, 10, 10, 0x41).seg(1, false, 0x40, 20, 10, 0x41)
                .seg(1, false, 0xc0, 30, 10, 0x41).bytes());
        return seeds;
    }

    private static final class Script {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Script seg(int conn, boolean fromServer, int flagBits, long offset, int lengthCode, int timing) {
            out.write(conn | (fromServer ? 0x04 : 0) | flagBits);
            out.write((int) (offset >>> 24));
            out.write((int) (offset >>> 16));
            out.write((int) (offset >>> 8));
            out.write((int) offset);
            out.write(lengthCode);
            out.write(timing);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
