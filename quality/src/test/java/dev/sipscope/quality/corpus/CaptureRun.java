package dev.sipscope.quality.corpus;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.sip.SipDecoder;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.decoder.tcp.TcpStream;
import dev.sipscope.quality.QualityConfig;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.quality.StreamSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a capture file through the decoder and a {@link QualityEngine}, declaring the SDP endpoints
 * found on the way as the correlator will: in UDP signalling (SIP, and MEGACO as tshark reads it) by
 * {@link SdpHints}, in SIP over TCP and WebSocket through the decoder's {@link SipDecoder}.
 */
final class CaptureRun implements PacketSink {
    final QualityEngine engine;
    final SdpHints sdp;
    /** SIP over TCP and WebSocket, framed by the decoder's SIP layer; bodies go to the SDP hints. */
    final SipDecoder sip;

    CaptureRun(QualityConfig config) {
        engine = new QualityEngine(config);
        sdp = new SdpHints(engine);
        sip = new SipDecoder(new SipSink() {
            @Override
            public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
                if (message.bodyLength() > 0) {
                    sdp.declareAll(message.body().text());
                }
            }
        });
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
        sip.onTcpData(stream, p);
    }

    @Override
    public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
        sip.onTcpGap(stream, fromClient, missingBytes);
    }

    @Override
    public void onTcpClose(TcpStream stream) {
        sip.onTcpClose(stream);
    }
}
