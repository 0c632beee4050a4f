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
 *   <li>a frame decodes differently when it sits inside a larger array, between other bytes, than
 *       in an array of its own (the decoder read outside the frame);</li>
 *   <li>a datagram's time is not its frame's (HEP aside), or its {@code ipOffset} does not point at
 *       an IP header of its version;</li>
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
        CheckingSink embeddedSink = new CheckingSink();
        PacketDecoder embedded = new PacketDecoder(CONFIG, embeddedSink);
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            decoder.decode(frame);
            checkBounds(decoder);
            embedded.decode(embed(frame, i));
            if (embeddedSink.digest != sink.digest) {
                throw new AssertionError("frame " + i + " decodes differently inside a larger array (bytes before and"
                        + " after it) than in an array of its own: the decoder reads outside the frame");
            }
        }
        decoder.finish();
        checkBounds(decoder);
        checkFinished(decoder, sink, frames.size());
        embedded.finish();
        if (embeddedSink.digest != sink.digest) {
            throw new AssertionError("finish delivers differently for frames inside larger arrays");
        }
    }

    /**
     * The frame copied into a larger array, as readers hand frames out: at an offset, with other bytes
     * before and after it. A decoder that reads past either end of the frame sees these bytes instead
     * of failing, so its output differs from that of the same frame in an exact array.
     */
    private static Frame embed(Frame frame, int index) {
        int before = 1 + (index * 7) % 61;
        int captured = frame.capturedLength();
        byte[] big = new byte[before + captured + 64];
        java.util.Arrays.fill(big, (byte) (0x45 + index));
        System.arraycopy(frame.data(), frame.offset(), big, before, captured);
        return new Frame(frame.timestampNanos(), frame.linkType(), frame.interfaceId(), big, before, captured,
                frame.originalLength());
    }

    private static void checkFinished(PacketDecoder decoder, CheckingSink sink, int frameCount) {
        TcpReassembler tcp = decoder.tcpReassembler();
        DecoderStats stats = decoder.stats();
        if (stats.frames() != frameCount) {
            throw new AssertionError(stats.frames() + " frames counted, " + frameCount + " decoded");
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
        /** A running hash of every callback and what it carried, independent of where the frame sits in its array. */
        long digest = 1;

        private void mix(long v) {
            digest = (digest ^ v) * 0x100000001b3L;
        }

        private void mixPacket(Packet p) {
            mix(p.ipVersion);
            mix(p.protocol);
            mix(p.srcHi);
            mix(p.srcLo);
            mix(p.dstHi);
            mix(p.dstLo);
            mix(((long) p.srcPort << 16) | p.dstPort);
            mix(p.vlanId);
            mix(p.flags);
            mix(p.timestampNanos);
            mix(p.hepPayloadType);
            mix(p.hepCaptureId);
            mix(p.ipOffset < 0 || p.frame == null ? -1 : p.ipOffset - p.frame.offset());
            mix(p.payloadLength);
            for (int i = 0; i < p.payloadLength; i++) {
                mix(p.data[p.payloadOffset + i]);
            }
        }

        @Override
        public void onDatagram(Packet p) {
            checkView(p);
            mix(1);
            mixPacket(p);
            if (!p.has(Packet.FLAG_HEP) && p.timestampNanos != p.frame.timestampNanos()) {
                throw new AssertionError("datagram time " + p.timestampNanos + " is not its frame's");
            }
            if (p.ipOffset >= 0 && ((p.data[p.ipOffset] >> 4) & 0x0f) != p.ipVersion) {
                throw new AssertionError("ipOffset " + p.ipOffset + " is not at an IPv" + p.ipVersion + " header");
            }
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
            mix(2);
            mix(stream.index);
            mixPacket(p);
        }

        @Override
        public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
            checkOpen(stream);
            if (missingBytes <= 0 && missingBytes != -1) {
                throw new AssertionError("gap of " + missingBytes + " bytes");
            }
            mix(3);
            mix(stream.index);
            mix(fromClient ? 1 : 0);
            mix(missingBytes);
        }

        @Override
        public void onTcpClose(TcpStream stream) {
            checkOpen(stream);
            stream.attachment = CLOSED;
            closed++;
            mix(4);
            mix(stream.index);
        }

        @Override
        public void onMalformed(Frame frame, Malformed reason) {
            if (frame == null || reason == null) {
                throw new AssertionError("malformed report without frame or reason");
            }
            mix(5);
            mix(reason.ordinal());
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
