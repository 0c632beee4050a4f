package dev.sipscope.samples.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * WebSocket framing (RFC 6455 section 5) and the opening handshake's key arithmetic (section 4),
 * as needed to carry SIP over WebSocket (RFC 7118).
 *
 * <p>A frame is FIN, three zero RSV bits and the opcode; then the MASK bit and the payload length
 * (7 bits, or 126 plus 16 bits, or 127 plus 64 bits); then the 4-byte masking key when masked;
 * then the payload, XORed with the key when masked. Frames from a client are always masked,
 * frames from a server never are (section 5.1). Control frames carry at most 125 bytes and are
 * never fragmented (section 5.5).
 */
public final class WebSocketFrames {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** The GUID every server appends to the client's key (RFC 6455 section 1.3). */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketFrames() {
    }

    /**
     * One frame.
     *
     * @param mask the 4-byte masking key, or null for an unmasked (server) frame
     */
    public static byte[] frame(boolean fin, int opcode, byte[] mask, byte[] payload, int off, int len) {
        if (opcode < 0 || opcode > 0xF) {
            throw new IllegalArgumentException("opcode must be 0..15, got " + opcode);
        }
        if (opcode >= 0x8 && (len > 125 || !fin)) {
            throw new IllegalArgumentException("a control frame is final and carries at most 125 bytes");
        }
        if (mask != null && mask.length != 4) {
            throw new IllegalArgumentException("a masking key has 4 bytes");
        }
        int lengthBytes = len <= 125 ? 0 : len <= 0xFFFF ? 2 : 8;
        int header = 2 + lengthBytes + (mask != null ? 4 : 0);
        byte[] out = new byte[header + len];
        out[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        int maskBit = mask != null ? 0x80 : 0;
        if (lengthBytes == 0) {
            out[1] = (byte) (maskBit | len);
        } else if (lengthBytes == 2) {
            out[1] = (byte) (maskBit | 126);
            out[2] = (byte) (len >>> 8);
            out[3] = (byte) len;
        } else {
            out[1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        int p = 2 + lengthBytes;
        if (mask != null) {
            System.arraycopy(mask, 0, out, p, 4);
            p += 4;
        }
        for (int i = 0; i < len; i++) {
            byte b = payload[off + i];
            out[p + i] = mask != null ? (byte) (b ^ mask[i & 3]) : b;
        }
        return out;
    }

    /**
     * A data message as one frame, or as a first frame of {@code opcode} followed by continuation
     * frames when it is longer than {@code maxFramePayload} (section 5.4). {@code masks} supplies one
     * masking key per frame (null entries, or a null supplier, for a server).
     */
    public static List<byte[]> message(int opcode, byte[] payload, int maxFramePayload, MaskSource masks) {
        if (maxFramePayload < 1) {
            throw new IllegalArgumentException("frame payload limit must be positive");
        }
        List<byte[]> out = new ArrayList<>(1 + payload.length / maxFramePayload);
        int off = 0;
        do {
            int n = Math.min(maxFramePayload, payload.length - off);
            boolean fin = off + n >= payload.length;
            out.add(frame(fin, off == 0 ? opcode : CONTINUATION, masks == null ? null : masks.next(), payload, off, n));
            off += n;
        } while (off < payload.length);
        return out;
    }

    /** Supplies masking keys, one per client frame. */
    @FunctionalInterface
    public interface MaskSource {
        byte[] next();
    }

    /** {@code Sec-WebSocket-Accept} for a client's {@code Sec-WebSocket-Key} (RFC 6455 section 4.2.2). */
    public static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-1", e);
        }
    }

    /** A {@code Sec-WebSocket-Key}: 16 bytes, base64 (section 4.1). */
    public static String keyFrom(byte[] sixteen) {
        if (sixteen.length != 16) {
            throw new IllegalArgumentException("a WebSocket key is 16 bytes");
        }
        return Base64.getEncoder().encodeToString(sixteen);
    }
}
