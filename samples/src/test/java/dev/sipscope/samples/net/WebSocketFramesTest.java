package dev.sipscope.samples.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {

    @Test
    void acceptKeyMatchesTheRfc6455Example() {
        // RFC 6455 section 1.3
        assertThat(WebSocketFrames.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(WebSocketFrames.keyFrom("the sample nonce".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
    }

    @Test
    void unmaskedAndMaskedFramesMatchTheRfc6455Examples() {
        byte[] hello = "Hello".getBytes(StandardCharsets.US_ASCII);
        // RFC 6455 section 5.7: a single-frame unmasked text message, and a masked one
        assertThat(WebSocketFrames.frame(true, WebSocketFrames.TEXT, null, hello, 0, 5))
                .containsExactly(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        assertThat(WebSocketFrames.frame(true, WebSocketFrames.TEXT, mask, hello, 0, 5))
                .containsExactly(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
        // a fragmented unmasked text message: "Hel" then "lo"
        List<byte[]> parts = WebSocketFrames.message(WebSocketFrames.TEXT, hello, 3, null);
        assertThat(parts.get(0)).containsExactly(0x01, 0x03, 0x48, 0x65, 0x6c);
        assertThat(parts.get(1)).containsExactly(0x80, 0x02, 0x6c, 0x6f);
        // an unmasked ping carrying "Hello"
        assertThat(WebSocketFrames.frame(true, WebSocketFrames.PING, null, hello, 0, 5))
                .containsExactly(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    }

    @Test
    void lengthsUseSixteenAndSixtyFourBitFields() {
        byte[] big = new byte[256];
        byte[] f = WebSocketFrames.frame(true, WebSocketFrames.BINARY, null, big, 0, 256);
        assertThat(f).hasSize(4 + 256);
        assertThat(f[1]).isEqualTo((byte) 126);
        assertThat(f[2]).isEqualTo((byte) 0x01);
        assertThat(f[3]).isEqualTo((byte) 0x00);
        byte[] huge = new byte[65536];
        byte[] h = WebSocketFrames.frame(true, WebSocketFrames.BINARY, new byte[4], huge, 0, huge.length);
        assertThat(h).hasSize(2 + 8 + 4 + 65536);
        assertThat(h[1]).isEqualTo((byte) (0x80 | 127));
        assertThat(java.util.Arrays.copyOfRange(h, 2, 10)).containsExactly(0, 0, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void badFramesAreRefused() {
        assertThatThrownBy(() -> WebSocketFrames.frame(false, WebSocketFrames.PING, null, new byte[1], 0, 1))
                .hasMessageContaining("control frame");
        assertThatThrownBy(() -> WebSocketFrames.frame(true, WebSocketFrames.CLOSE, null, new byte[126], 0, 126))
                .hasMessageContaining("125");
        assertThatThrownBy(() -> WebSocketFrames.frame(true, WebSocketFrames.TEXT, new byte[3], new byte[1], 0, 1))
                .hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> WebSocketFrames.message(WebSocketFrames.TEXT, new byte[1], 0, null))
                .hasMessageContaining("positive");
    }
}
