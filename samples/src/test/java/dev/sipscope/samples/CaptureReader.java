package dev.sipscope.samples;

import dev.sipscope.capture.Frame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulls the SIP messages out of generated frames the way an analyzer would, but simply: UDP
 * datagrams (after fragment reassembly) are one message each; TCP payloads are appended per
 * direction in sequence order (gaps and overlaps fail the test) and cut by Content-Length.
 */
final class CaptureReader {
    record Message(byte[] bytes, long lastFrame, String src, int srcPort, boolean tcp) {
    }

    private CaptureReader() {
    }

    static List<Message> sipMessages(List<Frame> frames) {
        List<WireCheck.Packet> packets = WireCheck.reassemble(WireCheck.parseAll(frames), frames);
        List<Message> out = new ArrayList<>();
        Map<String, ByteArrayOutputStream> streams = new HashMap<>();
        Map<String, Long> nextSeq = new HashMap<>();
        for (WireCheck.Packet p : packets) {
            boolean sipPort = p.srcPort() == 5060 || p.dstPort() == 5060;
            if (!sipPort) {
                continue;
            }
            if (p.protocol() == 17) {
                WireCheck.checkSipFraming(p.payload(), "frame " + p.frameNumber());
                out.add(new Message(p.payload(), p.frameNumber(), p.src(), p.srcPort(), false));
                continue;
            }
            String key = p.src() + ":" + p.srcPort() + ">" + p.dst() + ":" + p.dstPort();
            boolean syn = (p.tcpFlags() & 0x02) != 0;
            boolean fin = (p.tcpFlags() & 0x01) != 0;
            if (syn) {
                nextSeq.put(key, (p.tcpSeq() + 1) & 0xFFFF_FFFFL);
                streams.put(key, new ByteArrayOutputStream());
                continue;
            }
            Long expected = nextSeq.get(key);
            if (expected == null) {
                throw new AssertionError("frame " + p.frameNumber() + ": TCP data before the SYN");
            }
            if (p.payload().length > 0 || fin) {
                if (p.tcpSeq() != expected) {
                    throw new AssertionError("frame " + p.frameNumber() + ": TCP seq " + p.tcpSeq() + ", expected " + expected);
                }
            }
            nextSeq.put(key, (expected + p.payload().length + (fin ? 1 : 0)) & 0xFFFF_FFFFL);
            ByteArrayOutputStream s = streams.get(key);
            s.writeBytes(p.payload());
            byte[] buffered = s.toByteArray();
            int consumed = 0;
            while (true) {
                int len = messageLength(buffered, consumed);
                if (len < 0) {
                    break;
                }
                byte[] m = java.util.Arrays.copyOfRange(buffered, consumed, consumed + len);
                WireCheck.checkSipFraming(m, "frame " + p.frameNumber());
                out.add(new Message(m, p.frameNumber(), p.src(), p.srcPort(), true));
                consumed += len;
            }
            s.reset();
            s.write(buffered, consumed, buffered.length - consumed);
        }
        return out;
    }

    /** Length of the complete message starting at {@code from}, or -1 if it is not all there yet. */
    private static int messageLength(byte[] b, int from) {
        String text = new String(b, from, b.length - from, java.nio.charset.StandardCharsets.ISO_8859_1);
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
