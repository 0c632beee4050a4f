package dev.sipscope.decoder;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.tcp.TcpConfig;
import dev.sipscope.decoder.tcp.TcpReassembler;
import dev.sipscope.decoder.tcp.TcpStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target (Jazzer) for the whole {@link PacketDecoder}: the input is a
 * {@link FrameScript}, a sequence of frames of any link type with capture-time steps, decoded one by
 * one and then {@link PacketDecoder#finish() finished}. Reassembly state (IP fragments, SCTP
 * messages, TCP streams) carries from frame to frame, under small bounds so that memory stays small.
 *
 * <p>Under {@code mvn verify} the target replays its committed inputs
 * ({@code src/test/resources/dev/sipscope/decoder/PacketDecoderFuzzTestInputs/frames/}); with
 * {@code JAZZER_FUZZ=1} it is fuzzed (see docs/TESTING.md). An input is a finding when:
 * <ul>
 *   <li>anything escapes {@link PacketDecoder#decode} or {@link PacketDecoder#finish}, or the decoder
 *       counts an internal error (an exception it caught in its own code);</li>
 *   <li>a delivered {@link Packet} breaks its invariants: a payload view outside its array, an IP
 *       version other than 4 or 6, a port out of range, a VLAN flag without id;</li>
 *   <li>the TCP callbacks break their contract: data or a gap after the stream's close, a close
 *       reported twice, an empty delivery, a gap that is neither positive nor -1, delivered bytes
 *       that do not add up to the reassembler's own count, a stream left open after finish;</li>
 *   <li>a bound is exceeded (fragment datagrams and bytes, SCTP messages, TCP connections and
 *       buffer bytes), or something is still held after finish;</li>
 *   <li>decoding takes longer than the timeout or more memory than the fuzzer allows.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PacketDecoderFuzzTest {
    private static final long SECOND_NANOS = 1_000_000_000L;

    /** Small bounds: a few reassemblies at once, so that eviction and budget paths are reached. */
    static final TcpConfig TCP_CONFIG = new TcpConfig(64 * 1024, 256 * 1024, 16, 60 * SECOND_NANOS,
            10 * SECOND_NANOS);
    static final DecoderConfig CONFIG = DecoderConfig.DEFAULTS
            .withHepUdpPorts(9060)
            .withVxlanUdpPorts(4789, 8472)
            .withFragmentLimits(16, 256 * 1024, 30 * SECOND_NANOS)
            .withSctpLimits(8, 64 * 1024, 128 * 1024)
            .withMaxHepInflatedBytes(64 * 1024)
            .withTcp(TCP_CONFIG);

    @FuzzTest(maxDuration = "30s")
    void frames(byte[] script) {
        List<Frame> frames = FrameScript.frames(script);
        CheckingSink sink = new CheckingSink();
        PacketDecoder decoder = new PacketDecoder(CONFIG, sink);
        TcpReassembler tcp = decoder.tcpReassembler();
        for (Frame frame : frames) {
            decoder.decode(frame);
            checkBounds(decoder);
        }
        decoder.finish();
        checkBounds(decoder);
        DecoderStats stats = decoder.stats();
        if (stats.frames() != frames.size()) {
            throw new AssertionError(stats.frames() + " frames counted, " + frames.size() + " decoded");
        }
        if (decoder.pendingFragmentedDatagrams() != 0 || decoder.fragmentBufferedBytes() != 0
                || decoder.pendingSctpMessages() != 0) {
            throw new AssertionError("reassembly state held after finish: " + decoder.pendingFragmentedDatagrams()
                    + " datagrams, " + decoder.fragmentBufferedBytes() + " bytes, " + decoder.pendingSctpMessages()
                    + " SCTP messages");
        }
        if (tcp.openStreams() != 0 || tcp.currentBufferedBytes() != 0 || tcp.pendingBytes() != 0) {
            throw new AssertionError("TCP state held after finish: " + tcp.openStreams() + " streams, "
                    + tcp.currentBufferedBytes() + " buffered bytes, " + tcp.pendingBytes() + " pending bytes");
        }
        if (sink.closed != tcp.streams()) {
            throw new AssertionError(tcp.streams() + " TCP streams opened, " + sink.closed + " closed");
        }
        if (sink.tcpBytes != tcp.bytesDelivered()) {
            throw new AssertionError(sink.tcpBytes + " TCP bytes received, reassembler counted "
                    + tcp.bytesDelivered());
        }
    }

    /** What must hold after every frame, whatever the input. */
    static void checkBounds(PacketDecoder decoder) {
        DecoderConfig config = decoder.config();
        if (decoder.stats().internalErrors() != 0) {
            throw new AssertionError("the decoder caught an exception in its own code (internal error) at frame "
                    + decoder.stats().frames());
        }
        if (decoder.pendingFragmentedDatagrams() > config.maxFragmentedDatagrams()
                || decoder.fragmentBufferedBytes() > config.maxFragmentBufferBytes()
                || decoder.fragmentBufferedBytes() < 0) {
            throw new AssertionError("fragment bounds exceeded: " + decoder.pendingFragmentedDatagrams()
                    + " datagrams, " + decoder.fragmentBufferedBytes() + " bytes");
        }
        if (decoder.pendingSctpMessages() > config.maxSctpPendingMessages()) {
            throw new AssertionError("SCTP bound exceeded: " + decoder.pendingSctpMessages() + " messages");
        }
        checkTcpBounds(decoder.tcpReassembler());
    }

    /** The TCP reassembler's bounds and bookkeeping, after any segment. */
    static void checkTcpBounds(TcpReassembler tcp) {
        TcpConfig tcpConfig = tcp.config();
        if (tcp.openStreams() > tcpConfig.maxConnections() || tcp.currentBufferedBytes() > tcpConfig.maxBufferedBytes()
                || tcp.currentBufferedBytes() < 0 || tcp.pendingBytes() < 0
                || tcp.pendingBytes() > tcp.currentBufferedBytes()
                || tcp.peakDirectionBufferedBytes() > tcpConfig.maxOutOfOrderBytesPerDirection()) {
            throw new AssertionError("TCP bounds exceeded: " + tcp.openStreams() + " streams, "
                    + tcp.currentBufferedBytes() + " buffered, " + tcp.pendingBytes() + " pending, "
                    + tcp.peakDirectionBufferedBytes() + " in one direction");
        }
    }

    /** Checks every callback against the {@link PacketSink} contract. */
    static final class CheckingSink implements PacketSink {
        private static final Object CLOSED = new Object();
        private static final Object OPEN = new Object();
        long closed;
        long tcpBytes;

        @Override
        public void onDatagram(Packet p) {
            checkView(p);
            if (!p.has(Packet.FLAG_HEP) && p.protocol != Packet.PROTO_UDP && p.protocol != Packet.PROTO_SCTP) {
                throw new AssertionError("datagram of protocol " + p.protocol);
            }
            if (p.ipOffset >= 0 && (p.frame == null || p.data != p.frame.data())) {
                throw new AssertionError("ipOffset set for a payload outside the frame");
            }
        }

        @Override
        public void onTcpData(TcpStream stream, Packet p) {
            checkOpen(stream);
            checkView(p);
            if (p.payloadLength <= 0) {
                throw new AssertionError("empty TCP delivery");
            }
            if (p.protocol != Packet.PROTO_TCP) {
                throw new AssertionError("TCP data in a packet of protocol " + p.protocol);
            }
            tcpBytes += p.payloadLength;
        }

        @Override
        public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
            checkOpen(stream);
            if (missingBytes <= 0 && missingBytes != -1) {
                throw new AssertionError("gap of " + missingBytes + " bytes");
            }
        }

        @Override
        public void onTcpClose(TcpStream stream) {
            checkOpen(stream);
            stream.attachment = CLOSED;
            closed++;
        }

        @Override
        public void onMalformed(Frame frame, Malformed reason) {
            if (frame == null || reason == null) {
                throw new AssertionError("malformed report without frame or reason");
            }
        }

        private static void checkOpen(TcpStream stream) {
            if (stream.attachment == CLOSED) {
                throw new AssertionError("callback for " + stream + " after its close");
            }
            stream.attachment = OPEN;
        }

        private static void checkView(Packet p) {
            if (p.data == null || p.payloadOffset < 0 || p.payloadLength < 0
                    || (long) p.payloadOffset + p.payloadLength > p.data.length) {
                throw new AssertionError("payload view out of its array: " + p.payloadOffset + "+"
                        + p.payloadLength + " of " + (p.data == null ? "null" : p.data.length));
            }
            if (p.ipVersion != 4 && p.ipVersion != 6) {
                throw new AssertionError("IP version " + p.ipVersion);
            }
            if (p.srcPort < 0 || p.srcPort > 0xffff || p.dstPort < 0 || p.dstPort > 0xffff) {
                throw new AssertionError("port out of range: " + p.srcPort + ", " + p.dstPort);
            }
            if (p.has(Packet.FLAG_VLAN) != (p.vlanId >= 0) || p.vlanId > 0xfff) {
                throw new AssertionError("VLAN flag " + p.has(Packet.FLAG_VLAN) + " with id " + p.vlanId);
            }
        }
    }
}
