package dev.sipscope.tui.feed;

import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.CallState;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HepListenSourceTest {

    @Test
    void sipSentByAnAgentOverHep3BecomesACall() throws Exception {
        HepListenSource source = HepListenSource.open("udp:127.0.0.1:0");
        DecoderConfig config = DecoderConfig.DEFAULTS.withHepUdpPorts(9060, source.port());
        try (CaptureFeed feed = new CaptureFeed(source, config, TableOptions.DEFAULTS).start();
             DatagramSocket agent = new DatagramSocket()) {
            long t = 1_768_471_200L;
            send(agent, source.port(), hep3(t, "INVITE sip:bob@192.0.2.2 SIP/2.0", "INVITE", 1, true));
            send(agent, source.port(), hep3(t + 1, "SIP/2.0 486 Busy Here", "INVITE", 1, false));
            FeedSnapshot s;
            do {
                Thread.sleep(20);
                s = feed.get();
            } while (s.calls().isEmpty() || s.calls().get(0).messages() < 2);
            CallRow r = s.calls().get(0);
            assertThat(r.state()).isEqualTo(CallState.BUSY);
            assertThat(r.caller()).isEqualTo("192.0.2.1:5060");
            assertThat(r.callee()).isEqualTo("192.0.2.2:5060");
            assertThat(r.startNanos()).isEqualTo(t * 1_000_000_000L + 250_000_000L);
            assertThat(s.status().kind()).isEqualTo(SourceKind.HEP);
            assertThat(s.status().source()).isEqualTo("udp:127.0.0.1:" + source.port());
        }
    }

    private static void send(DatagramSocket s, int port, byte[] data) throws IOException {
        s.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
    }

    /** A HEPv3 packet (chunks of vendor 0) carrying a SIP message from 192.0.2.1:5060 to 192.0.2.2:5060. */
    static byte[] hep3(long seconds, String firstLine, String method, int cseq, boolean request) throws IOException {
        String sip = firstLine + "\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
                + "From: <sip:alice@192.0.2.1>;tag=a\r\n"
                + "To: <sip:bob@192.0.2.2>" + (request ? "" : ";tag=b") + "\r\n"
                + "Call-ID: hep-test-1@192.0.2.1\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunk(chunks, 1, new byte[] {2});
        chunk(chunks, 2, new byte[] {17});
        boolean fromA = request;
        chunk(chunks, 3, fromA ? new byte[] {(byte) 192, 0, 2, 1} : new byte[] {(byte) 192, 0, 2, 2});
        chunk(chunks, 4, fromA ? new byte[] {(byte) 192, 0, 2, 2} : new byte[] {(byte) 192, 0, 2, 1});
        chunk(chunks, 7, new byte[] {0x13, (byte) 0xc4});
        chunk(chunks, 8, new byte[] {0x13, (byte) 0xc4});
        chunk(chunks, 9, int32(seconds));
        chunk(chunks, 10, int32(250_000));
        chunk(chunks, 11, new byte[] {1});
        chunk(chunks, 12, int32(2001));
        chunk(chunks, 15, sip.getBytes(StandardCharsets.US_ASCII));
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("HEP3".getBytes(StandardCharsets.US_ASCII));
        int total = 6 + body.length;
        out.write(total >>> 8);
        out.write(total);
        out.write(body);
        return out.toByteArray();
    }

    private static byte[] int32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static void chunk(ByteArrayOutputStream out, int type, byte[] value) throws IOException {
        int len = 6 + value.length;
        out.write(new byte[] {0, 0, (byte) (type >>> 8), (byte) type, (byte) (len >>> 8), (byte) len});
        out.write(value);
    }

    @Test
    void listenAddressesAreCheckedWithOneSentence() {
        assertThat(HepListenSource.parse("udp:0.0.0.0:9060").getPort()).isEqualTo(9060);
        assertThat(HepListenSource.parse("udp::9061").getAddress().isAnyLocalAddress()).isTrue();
        assertThat(HepListenSource.parse("udp:[::1]:9062").getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> HepListenSource.parse("tcp:1.2.3.4:9060")).hasMessageStartingWith("--hep-listen takes udp:");
        assertThatThrownBy(() -> HepListenSource.parse("udp:1.2.3.4")).hasMessageContaining("needs a port");
        assertThatThrownBy(() -> HepListenSource.parse("udp:host.example:9060")).hasMessageContaining("not a numeric IP");
        assertThatThrownBy(() -> HepListenSource.parse("udp:1.2.3.4:70000")).hasMessageContaining("out of range");
    }
}
