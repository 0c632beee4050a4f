package dev.sipscope.samples.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.samples.WireCheck;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpConnectionTest {
    private final Endpoint client = Endpoint.of("10.0.0.1", 40000);
    private final Endpoint server = Endpoint.of("10.0.0.2", 5060);

    private static List<WireCheck.Packet> parse(List<WireFrame> frames) {
        List<WireCheck.Packet> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            byte[] b = frames.get(i).bytes();
            out.add(WireCheck.parse(i + 1, new Frame(frames.get(i).tsNanos(), LinkType.ETHERNET, 0, b, 0, b.length, b.length)));
        }
        return out;
    }

    @Test
    void handshakeDataAndCloseKeepSequenceNumbersConsistent() {
        TcpConnection c = new TcpConnection(new PacketBuilder(new SeededRandom(3)), client, server, NetPath.DEFAULT, 0,
                TcpConnection.DEFAULT_MSS, new SeededRandom(9));
        List<WireFrame> out = new ArrayList<>();
        c.handshake(0, 10, 20, out);
        byte[] request = new byte[3000];
        java.util.Arrays.fill(request, (byte) 'a');
        int segments = c.send(TcpConnection.Side.CLIENT, 100, request, Integer.MAX_VALUE, 1000, out);
        byte[] reply = "hello".getBytes();
        c.send(TcpConnection.Side.SERVER, 5000, reply, Integer.MAX_VALUE, 40, out);
        c.close(TcpConnection.Side.CLIENT, 9000, 9100, 9200, out);
        assertThat(segments).isEqualTo(3);
        List<WireCheck.Packet> p = parse(out);

        assertThat(p.get(0).tcpFlags()).isEqualTo(PacketBuilder.TCP_SYN);
        assertThat(p.get(1).tcpFlags()).isEqualTo(PacketBuilder.TCP_SYN | PacketBuilder.TCP_ACK);
        assertThat(p.get(1).tcpAck()).isEqualTo((p.get(0).tcpSeq() + 1) & 0xFFFF_FFFFL);
        assertThat(p.get(2).tcpAck()).isEqualTo((p.get(1).tcpSeq() + 1) & 0xFFFF_FFFFL);
        long isnClient = p.get(0).tcpSeq();
        long isnServer = p.get(1).tcpSeq();

        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 3; i < 6; i++) {
            WireCheck.Packet s = p.get(i);
            assertThat(s.tcpSeq()).isEqualTo((isnClient + 1 + stream.size()) & 0xFFFF_FFFFL);
            assertThat(s.payload().length).isLessThanOrEqualTo(1460);
            assertThat((s.tcpFlags() & PacketBuilder.TCP_PSH) != 0).isEqualTo(i == 5);
            stream.writeBytes(s.payload());
        }
        assertThat(stream.toByteArray()).isEqualTo(request);
        WireCheck.Packet serverAck = p.get(6);
        assertThat(serverAck.payload()).isEmpty();
        assertThat(serverAck.tcpAck()).isEqualTo((isnClient + 1 + 3000) & 0xFFFF_FFFFL);
        assertThat(out.get(6).tsNanos()).isEqualTo(100 + 2 * TcpConnection.SEGMENT_GAP_NANOS + 1000);
        WireCheck.Packet data = p.get(7);
        assertThat(data.tcpSeq()).isEqualTo((isnServer + 1) & 0xFFFF_FFFFL);
        assertThat(data.payload()).isEqualTo(reply);

        WireCheck.Packet fin = p.get(9);
        WireCheck.Packet peerFin = p.get(10);
        WireCheck.Packet lastAck = p.get(11);
        assertThat(fin.tcpFlags()).isEqualTo(PacketBuilder.TCP_FIN | PacketBuilder.TCP_ACK);
        assertThat(fin.tcpSeq()).isEqualTo((isnClient + 1 + 3000) & 0xFFFF_FFFFL);
        assertThat(peerFin.tcpAck()).isEqualTo((fin.tcpSeq() + 1) & 0xFFFF_FFFFL);
        assertThat(lastAck.tcpAck()).isEqualTo((peerFin.tcpSeq() + 1) & 0xFFFF_FFFFL);
        assertThat(lastAck.tcpFlags()).isEqualTo(PacketBuilder.TCP_ACK);
    }

    @Test
    void segmentCapSplitsSmallMessagesToo() {
        TcpConnection c = new TcpConnection(new PacketBuilder(new SeededRandom(3)), client, server, NetPath.DEFAULT, 0,
                TcpConnection.DEFAULT_MSS, new SeededRandom(9));
        List<WireFrame> out = new ArrayList<>();
        c.handshake(0, 10, 20, out);
        assertThat(c.send(TcpConnection.Side.CLIENT, 100, new byte[250], 100, -1, out)).isEqualTo(3);
        assertThat(out).hasSize(6);
    }

    @Test
    void misuseIsRefused() {
        TcpConnection c = new TcpConnection(new PacketBuilder(new SeededRandom(3)), client, server, NetPath.DEFAULT, 0,
                TcpConnection.DEFAULT_MSS, new SeededRandom(9));
        List<WireFrame> out = new ArrayList<>();
        assertThatThrownBy(() -> c.send(TcpConnection.Side.CLIENT, 0, new byte[1], 10, -1, out))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no handshake");
        c.handshake(0, 1, 2, out);
        c.close(TcpConnection.Side.SERVER, 3, 4, 5, out);
        assertThatThrownBy(() -> c.send(TcpConnection.Side.CLIENT, 6, new byte[1], 10, -1, out))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FIN");
    }
}
