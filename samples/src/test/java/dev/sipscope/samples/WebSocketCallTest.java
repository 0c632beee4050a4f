package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketCallTest {

    @Test
    void sipRidesWebSocketFramesAfterTheHttpUpgrade() throws Exception {
        Scenario.Generated g = SampleCaptures.callWebSocket().generate();
        CallTruth call = g.truth().call("ws");
        assertThat(call.transport()).isEqualTo(Transport.WS);
        List<SipTruthCheck.Pair> ladder = Ladders.read(g);
        assertThat(ladder).extracting(p -> Ladders.label(p.truth())).containsExactly("INVITE", "100 INVITE",
                "180 INVITE", "200 INVITE", "ACK", "BYE", "200 BYE");
        List<CaptureReader.Message> wire = CaptureReader.sipMessages(g.frames());
        assertThat(wire).allMatch(CaptureReader.Message::ws);

        // the opening handshake (RFC 6455 section 4): the first data on the connection
        List<WireCheck.Packet> tcp = WireCheck.parseAll(g.frames()).stream().filter(p -> p.protocol() == 6).toList();
        List<WireCheck.Packet> data = tcp.stream().filter(p -> p.payload().length > 0).toList();
        String get = new String(data.get(0).payload(), StandardCharsets.US_ASCII);
        String switching = new String(data.get(1).payload(), StandardCharsets.US_ASCII);
        assertThat(get).startsWith("GET /ws HTTP/1.1\r\n").contains("\r\nUpgrade: websocket\r\n",
                "\r\nConnection: Upgrade\r\n", "\r\nSec-WebSocket-Protocol: sip\r\n", "\r\nSec-WebSocket-Version: 13\r\n",
                "\r\nHost: 10.5.0.2:8088\r\n").endsWith("\r\n\r\n");
        assertThat(switching).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .contains("\r\nSec-WebSocket-Protocol: sip\r\n").endsWith("\r\n\r\n");
        String key = get.replaceAll("(?s).*Sec-WebSocket-Key: ([^\r]+)\r\n.*", "$1");
        assertThat(Base64.getDecoder().decode(key)).hasSize(16);
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        assertThat(switching).contains("\r\nSec-WebSocket-Accept: " + accept + "\r\n");
        assertThat(data.get(0).dstPort()).isEqualTo(8088);

        // RFC 7118 section 5.2: Via SIP/2.0/WS with the client's .invalid host; contacts say transport=ws
        SipView invite = ladder.get(0).view();
        assertThat(invite.header("Via")).matches("SIP/2\\.0/WS [0-9a-f]{12}\\.invalid;branch=z9hG4bK[0-9a-f]{16}");
        assertThat(invite.header("Contact")).matches("<sip:alice@[0-9a-f]{12}\\.invalid;transport=ws>");
        assertThat(invite.firstLine()).isEqualTo("INVITE sip:bob@10.5.0.2:8088;transport=ws SIP/2.0");
        assertThat(ladder.get(1).view().header("Via")).contains(";received=10.5.0.1;");
        SipView bye = ladder.get(5).view();
        assertThat(bye.firstLine()).matches("BYE sip:alice@[0-9a-f]{12}\\.invalid;transport=ws SIP/2\\.0");
        assertThat(bye.header("Via")).startsWith("SIP/2.0/WS 10.5.0.2:8088;branch=");
        assertThat(call.hangupBy()).isEqualTo("bob");
        assertThat(ladder.get(0).truth().transaction().sentBy()).endsWith(".invalid");

        // messages longer than 400 bytes are split into continuation frames, one TCP segment each
        assertThat(ladder.get(0).truth().frames()).hasSizeGreaterThan(1);
        assertThat(ladder.get(3).truth().frames()).hasSizeGreaterThan(1);
        assertThat(ladder.get(1).truth().frames()).hasSize(1);

        // a ping from the server, the client's pong with the same payload, then the closing handshake
        List<CaptureReader.Control> controls = CaptureReader.webSocketControls(g.frames());
        assertThat(controls).extracting(CaptureReader.Control::opcode).containsExactly(0x9, 0xA, 0x8, 0x8);
        assertThat(controls.get(0).fromClient()).isFalse();
        assertThat(controls.get(1).fromClient()).isTrue();
        assertThat(controls.get(1).payload()).isEqualTo(controls.get(0).payload()).hasSize(4);
        assertThat(controls.get(2).payload()).containsExactly(0x03, 0xE8);
        assertThat(controls.get(2).fromClient()).isTrue();
        // after the closing handshake the server closes the TCP connection first (RFC 6455 section 7.1.1)
        List<WireCheck.Packet> fins = tcp.stream().filter(p -> (p.tcpFlags() & 0x01) != 0).toList();
        assertThat(fins).hasSize(2);
        assertThat(fins.get(0).srcPort()).isEqualTo(8088);
        assertThat(fins.get(0).frameNumber()).isGreaterThan(controls.get(3).frame());
    }

    @Test
    void everyClientFrameHasItsOwnMaskingKey() throws Exception {
        Scenario.Generated g = SampleCaptures.callWebSocket().generate();
        List<byte[]> keys = new ArrayList<>();
        for (WireCheck.Packet p : WireCheck.parseAll(g.frames())) {
            byte[] b = p.payload();
            if (p.protocol() != 6 || p.dstPort() != 8088 || b.length < 6 || (b[0] & 0x70) != 0 || (b[1] & 0x80) == 0) {
                continue;
            }
            int len = b[1] & 0x7F;
            int at = len == 126 ? 4 : len == 127 ? 10 : 2;
            keys.add(java.util.Arrays.copyOfRange(b, at, at + 4));
        }
        assertThat(keys).hasSizeGreaterThan(4);
        assertThat(keys.stream().map(java.util.Arrays::toString).distinct().count()).isEqualTo(keys.size());
    }

    @Test
    void webSocketOptionsNeedTheWebSocketTransport() {
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 80)
                .wsPing(1)).build()).hasMessageContaining("WebSocket");
        assertThatThrownBy(() -> Scenario.builder(1).call(c -> c.caller("a", "10.0.0.1", 5060).callee("b", "10.0.0.2", 80)
                .transport(Transport.WS).retransmitBye(1)).build()).hasMessageContaining("does not retransmit");
        assertThatThrownBy(() -> new CallBuilder().wsPath("ws")).hasMessageContaining("starts with /");
    }
}
