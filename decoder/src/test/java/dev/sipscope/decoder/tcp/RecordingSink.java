package dev.sipscope.decoder.tcp;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that records what the reassembler reports and checks the calls it gets: data and gaps only
 * for open streams, one close per stream, packet views inside their arrays and oriented like the
 * direction they belong to.
 */
final class RecordingSink implements PacketSink {
    /** Byte stored in {@link Flow#bytes} for positions inside a gap. */
    static final byte GAP_FILL = '#';

    /** What one direction of one stream received. */
    static final class Flow {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        /** Sizes of the gaps, in order. */
        final List<Long> gaps = new ArrayList<>();
        /** Positions (from the first byte of the flow) that were reported missing; kept with {@link #keepBytes}. */
        final java.util.BitSet gapMask = new java.util.BitSet();
        long delivered;
        long gapBytes;

        String text() {
            return bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    final boolean keepBytes;
    final List<String> events = new ArrayList<>();
    final Map<Long, TcpStream> streams = new HashMap<>();
    final Map<Long, Flow> client = new HashMap<>();
    final Map<Long, Flow> server = new HashMap<>();
    final Map<Long, Integer> closes = new HashMap<>();
    /** Arrays the deliveries pointed at, in order (for the no-copy check). */
    final List<byte[]> deliveredArrays = new ArrayList<>();
    final List<Long> deliveredTimestamps = new ArrayList<>();

    RecordingSink() {
        this(true);
    }

    RecordingSink(boolean keepBytes) {
        this.keepBytes = keepBytes;
    }

    Flow flow(long streamIndex, boolean fromClient) {
        return (fromClient ? client : server).computeIfAbsent(streamIndex, k -> new Flow());
    }

    Flow flow(TcpStream stream, boolean fromClient) {
        return flow(stream.index, fromClient);
    }

    String clientText(long streamIndex) {
        return flow(streamIndex, true).text();
    }

    String serverText(long streamIndex) {
        return flow(streamIndex, false).text();
    }

    private void seen(TcpStream stream) {
        TcpStream known = streams.putIfAbsent(stream.index, stream);
        if (known != null && known != stream) {
            throw new AssertionError("two TcpStream objects share index " + stream.index);
        }
        if (closes.containsKey(stream.index)) {
            throw new AssertionError("callback for " + stream + " after its close");
        }
    }

    @Override
    public void onTcpData(TcpStream stream, Packet packet) {
        seen(stream);
        if (packet.payloadLength <= 0 || packet.payloadOffset < 0
                || packet.payloadOffset + packet.payloadLength > packet.data.length) {
            throw new AssertionError("bad payload view off=" + packet.payloadOffset + " len=" + packet.payloadLength);
        }
        boolean fromClient = packet.srcHi == stream.clientHi && packet.srcLo == stream.clientLo
                && packet.srcPort == stream.clientPort;
        TcpStream s = stream;
        boolean oriented = fromClient
                ? packet.dstHi == s.serverHi && packet.dstLo == s.serverLo && packet.dstPort == s.serverPort
                : packet.srcHi == s.serverHi && packet.srcLo == s.serverLo && packet.srcPort == s.serverPort
                && packet.dstHi == s.clientHi && packet.dstLo == s.clientLo && packet.dstPort == s.clientPort;
        if (!oriented || packet.protocol != Packet.PROTO_TCP || packet.ipVersion != s.ipVersion) {
            throw new AssertionError("packet " + packet + " does not belong to " + stream);
        }
        Flow f = flow(stream, fromClient);
        f.delivered += packet.payloadLength;
        if (keepBytes) {
            f.bytes.write(packet.data, packet.payloadOffset, packet.payloadLength);
        }
        deliveredArrays.add(packet.data);
        deliveredTimestamps.add(packet.timestampNanos);
        events.add("data " + stream.index + (fromClient ? " c " : " s ") + packet.payloadLength);
    }

    @Override
    public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
        seen(stream);
        if (missingBytes <= 0 && missingBytes != -1) {
            throw new AssertionError("gap of " + missingBytes + " bytes in " + stream);
        }
        Flow f = flow(stream, fromClient);
        f.gaps.add(missingBytes);
        if (missingBytes > 0) {
            f.gapBytes += missingBytes;
        }
        if (keepBytes && missingBytes > 0) {
            int position = f.bytes.size();
            f.gapMask.set(position, position + (int) missingBytes);
            for (long i = 0; i < missingBytes; i++) {
                f.bytes.write(GAP_FILL);
            }
        }
        events.add("gap " + stream.index + (fromClient ? " c " : " s ") + missingBytes);
    }

    @Override
    public void onTcpClose(TcpStream stream) {
        seen(stream);
        closes.merge(stream.index, 1, Integer::sum);
        events.add("close " + stream.index);
    }

    static String address(TcpStream s) {
        return IpAddress.format(s.clientHi, s.clientLo, s.clientPort) + "->"
                + IpAddress.format(s.serverHi, s.serverLo, s.serverPort);
    }
}
