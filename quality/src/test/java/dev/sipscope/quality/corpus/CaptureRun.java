package dev.sipscope.quality.corpus;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.tcp.TcpStream;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.quality.StreamSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a capture file through the decoder and a {@link QualityEngine}, declaring the SDP endpoints
 * found in SIP on the way (UDP datagrams and reassembled TCP), as the correlator will.
 */
final class CaptureRun implements PacketSink {
    final QualityEngine engine;
    final SdpHints sdp;

    CaptureRun(QualityConfig config) {
        engine = new QualityEngine(config);
        sdp = new SdpHints(engine);
    }

    static CaptureRun of(Path file, QualityConfig config) throws IOException {
        CaptureRun run = new CaptureRun(config);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, run);
        try (FrameSource in = CaptureFiles.open(file)) {
            for (Frame f = in.next(); f != null; f = in.next()) {
                decoder.decode(f);
            }
        }
        decoder.finish();
        return run;
    }

    List<StreamSummary> summaries() {
        return engine.summaries();
    }

    @Override
    public void onDatagram(Packet p) {
        if (p.payloadLength > 0 && (p.data[p.payloadOffset] & 0xc0) != 0x80) {
            sdp.scan(p.data, p.payloadOffset, p.payloadLength);
        }
        engine.onDatagram(p);
    }

    @Override
    public void onTcpData(TcpStream stream, Packet p) {
        StringBuilder[] both = (StringBuilder[]) stream.attachment;
        if (both == null) {
            both = new StringBuilder[] {new StringBuilder(), new StringBuilder()};
            stream.attachment = both;
        }
        boolean fromClient = p.srcPort == stream.clientPort && p.srcLo == stream.clientLo && p.srcHi == stream.clientHi;
        StringBuilder buf = both[fromClient ? 0 : 1];
        buf.append(new String(p.data, p.payloadOffset, p.payloadLength, StandardCharsets.ISO_8859_1));
        while (true) {
            int end = buf.indexOf("\r\n\r\n");
            if (end < 0) {
                if (buf.length() > 1 << 20) {
                    buf.setLength(0);
                }
                return;
            }
            String head = buf.substring(0, end);
            int length = 0;
            for (String line : head.split("\r\n")) {
                String l = line.toLowerCase();
                if (l.startsWith("content-length:") || l.startsWith("l:")) {
                    try {
                        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                    } catch (NumberFormatException e) {
                        length = 0;
                    }
                }
            }
            int total = end + 4 + length;
            if (buf.length() < total) {
                return;
            }
            byte[] msg = buf.substring(0, total).getBytes(StandardCharsets.ISO_8859_1);
            sdp.scan(msg, 0, msg.length);
            buf.delete(0, total);
        }
    }

    @Override
    public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
        StringBuilder[] both = (StringBuilder[]) stream.attachment;
        if (both != null) {
            both[fromClient ? 0 : 1].setLength(0);
        }
    }
}
