package dev.sipscope.samples;

import dev.sipscope.capture.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulls the SIP messages out of generated frames the way an analyzer would, but simply: a UDP
 * datagram (after fragment reassembly) whose payload starts with a SIP start line is one message;
 * TCP payloads are appended per direction in sequence order (gaps and overlaps fail the test) and
 * cut by Content-Length. A TCP connection that starts with an HTTP Upgrade to WebSocket is read
 * as WebSocket frames after the 101 (RFC 6455 section 5.2): client frames must be masked, server
 * frames must not, data frames are joined across continuations, control frames are collected.
 */
final class CaptureReader {
    record Message(byte[] bytes, long lastFrame, String src, int srcPort, boolean tcp, boolean ws) {
    }

    /** A WebSocket control frame (ping, pong, close) as read. */
    record Control(int opcode, byte[] payload, boolean masked, boolean fromClient, long frame) {
    }

    /** State of one direction of a TCP connection. */
    private static final class Direction {
        final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        long nextSeq;
        boolean client;
        boolean http;
        boolean websocket;
        final ByteArrayOutputStream wsMessage = new ByteArrayOutputStream();
        int wsOpcode = -1;
    }

    private CaptureReader() {
    }

    static List<Message> sipMessages(List<Frame> frames) {
        return read(frames, null);
    }

    static List<Control> webSocketControls(List<Frame> frames) {
        List<Control> out = new ArrayList<>();
        read(frames, out);
        return out;
    }

    private static List<Message> read(List<Frame> frames, List<Control> controls) {
        List<WireCheck.Packet> packets = WireCheck.reassemble(WireCheck.parseAll(frames), frames);
        List<Message> out = new ArrayList<>();
        Map<String, Direction> streams = new HashMap<>();
        for (WireCheck.Packet p : packets) {
            if (p.protocol() == 17) {
                if (looksLikeSip(p.payload(), 0)) {
                    WireCheck.checkSipFraming(p.payload(), "frame " + p.frameNumber());
                    out.add(new Message(p.payload(), p.frameNumber(), p.src(), p.srcPort(), false, false));
                }
                continue;
            }
            String key = p.src() + ":" + p.srcPort() + ">" + p.dst() + ":" + p.dstPort();
            String reverse = p.dst() + ":" + p.dstPort() + ">" + p.src() + ":" + p.srcPort();
            boolean syn = (p.tcpFlags() & 0x02) != 0;
            boolean ack = (p.tcpFlags() & 0x10) != 0;
            boolean fin = (p.tcpFlags() & 0x01) != 0;
            if (syn) {
                Direction d = new Direction();
                d.nextSeq = (p.tcpSeq() + 1) & 0xFFFF_FFFFL;
                d.client = !ack;
                streams.put(key, d);
                continue;
            }
            Direction d = streams.get(key);
            if (d == null) {
                throw new AssertionError("frame " + p.frameNumber() + ": TCP data before the SYN");
            }
            if ((p.payload().length > 0 || fin) && p.tcpSeq() != d.nextSeq) {
                throw new AssertionError("frame " + p.frameNumber() + ": TCP seq " + p.tcpSeq() + ", expected " + d.nextSeq);
            }
            d.nextSeq = (d.nextSeq + p.payload().length + (fin ? 1 : 0)) & 0xFFFF_FFFFL;
            d.buffered.writeBytes(p.payload());
            byte[] buffered = d.buffered.toByteArray();
            int consumed = 0;
            while (consumed < buffered.length) {
                if (d.websocket) {
                    int used = webSocketFrame(buffered, consumed, d, p, out, controls);
                    if (used < 0) {
                        break;
                    }
                    consumed += used;
                    continue;
                }
                int len = messageLength(buffered, consumed);
                if (len < 0) {
                    break;
                }
                byte[] m = Arrays.copyOfRange(buffered, consumed, consumed + len);
                consumed += len;
                String text = new String(m, StandardCharsets.ISO_8859_1);
                if (text.startsWith("GET ") && text.contains("\r\nUpgrade: websocket\r\n")) {
                    d.http = true;
                    continue;
                }
                if (text.startsWith("HTTP/1.1 101 ")) {
                    Direction peer = streams.get(reverse);
                    if (peer == null || !peer.http) {
                        throw new AssertionError("frame " + p.frameNumber() + ": 101 without an Upgrade request");
                    }
                    d.websocket = true;
                    peer.websocket = true;
                    continue;
                }
                WireCheck.checkSipFraming(m, "frame " + p.frameNumber());
                out.add(new Message(m, p.frameNumber(), p.src(), p.srcPort(), true, false));
            }
            d.buffered.reset();
            d.buffered.write(buffered, consumed, buffered.length - consumed);
        }
        return out;
    }

    /** Reads one WebSocket frame at {@code at}; returns its length, or -1 when it is not all there. */
    private static int webSocketFrame(byte[] b, int at, Direction d, WireCheck.Packet p, List<Message> out,
                                      List<Control> controls) {
        if (b.length - at < 2) {
            return -1;
        }
        boolean fin = (b[at] & 0x80) != 0;
        if ((b[at] & 0x70) != 0) {
            throw new AssertionError("frame " + p.frameNumber() + ": WebSocket RSV bits set");
        }
        int opcode = b[at] & 0x0F;
        boolean masked = (b[at + 1] & 0x80) != 0;
        long len = b[at + 1] & 0x7F;
        int p0 = at + 2;
        if (len == 126) {
            if (b.length - p0 < 2) {
                return -1;
            }
            len = ((b[p0] & 0xFF) << 8) | (b[p0 + 1] & 0xFF);
            p0 += 2;
        } else if (len == 127) {
            if (b.length - p0 < 8) {
                return -1;
            }
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (b[p0 + i] & 0xFF);
            }
            p0 += 8;
        }
        byte[] mask = null;
        if (masked) {
            if (b.length - p0 < 4) {
                return -1;
            }
            mask = Arrays.copyOfRange(b, p0, p0 + 4);
            p0 += 4;
        }
        if (b.length - p0 < len) {
            return -1;
        }
        if (masked != d.client) {
            throw new AssertionError("frame " + p.frameNumber() + ": " + (d.client ? "client frame not masked"
                    : "server frame masked") + " (RFC 6455 section 5.1)");
        }
        byte[] payload = Arrays.copyOfRange(b, p0, p0 + (int) len);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        if (opcode >= 8) {
            if (!fin || len > 125) {
                throw new AssertionError("frame " + p.frameNumber() + ": bad control frame");
            }
            if (controls != null) {
                controls.add(new Control(opcode, payload, masked, d.client, p.frameNumber()));
            }
        } else {
            if (opcode == 0 && d.wsOpcode < 0) {
                throw new AssertionError("frame " + p.frameNumber() + ": continuation without a first frame");
            }
            if (opcode != 0) {
                if (d.wsOpcode >= 0) {
                    throw new AssertionError("frame " + p.frameNumber() + ": new message inside a fragmented one");
                }
                d.wsOpcode = opcode;
            }
            d.wsMessage.writeBytes(payload);
            if (fin) {
                byte[] m = d.wsMessage.toByteArray();
                d.wsMessage.reset();
                d.wsOpcode = -1;
                WireCheck.checkSipFraming(m, "frame " + p.frameNumber());
                out.add(new Message(m, p.frameNumber(), p.src(), p.srcPort(), true, true));
            }
        }
        return p0 + (int) len - at;
    }

    /** A SIP start line: {@code SIP/2.0 } or an upper-case method followed by a SIP URI. */
    static boolean looksLikeSip(byte[] b, int from) {
        String head = new String(b, from, Math.min(32, b.length - from), StandardCharsets.ISO_8859_1);
        if (head.startsWith("SIP/2.0 ")) {
            return true;
        }
        int space = head.indexOf(' ');
        if (space < 3) {
            return false;
        }
        for (int i = 0; i < space; i++) {
            char c = head.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return head.startsWith("sip:", space + 1) || head.startsWith("sips:", space + 1);
    }

    /** Length of the complete message (SIP or HTTP) starting at {@code from}, or -1 if it is not all there yet. */
    private static int messageLength(byte[] b, int from) {
        String text = new String(b, from, b.length - from, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return -1;
        }
        int cl = 0;
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                cl = Integer.parseInt(line.substring(15).trim());
            }
        }
        int total = end + 4 + cl;
        return total <= text.length() ? total : -1;
    }
}
