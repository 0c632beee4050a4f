package dev.sipscope.correlator;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.correlator.export.CallsJson;
import dev.sipscope.correlator.export.JsonWriter;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.tcp.TcpStream;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Runs captures through the decoder and an {@link Engine} for tests, and renders what they found. */
public final class Analysis {
    private Analysis() {
    }

    /** A capture file through {@link CaptureAnalysis}; returns the engine afterwards. */
    public static Engine run(Path capture, EngineConfig config) throws IOException {
        Engine engine = new Engine(config);
        try (FrameSource source = CaptureFiles.open(capture)) {
            new CaptureAnalysis(DecoderConfig.DEFAULTS, engine).run(source, List.of(capture.toString()));
        }
        return engine;
    }

    /** Frames in memory through the decoder into {@code wrap(engine)} (a sink that may reshape TCP data). */
    public static Engine run(List<Frame> frames, EngineConfig config, Function<Engine, PacketSink> wrap) {
        Engine engine = new Engine(config);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, wrap.apply(engine));
        for (Frame f : frames) {
            decoder.decode(f);
        }
        decoder.finish();
        return engine;
    }

    /** The {@code sip_messages} count and the {@code calls} array, as {@code analyze --format json} writes them. */
    public static String callsJson(EngineSnapshot s) {
        StringWriter out = new StringWriter();
        JsonWriter json = new JsonWriter(out, true);
        json.beginObject();
        json.field("sip_messages", s.sipMessages());
        json.field("sip_malformed", s.sipMalformed());
        CallsJson.writeCalls(json, s.calls());
        json.endObject();
        json.finish();
        return out.toString();
    }

    /**
     * Passes everything to the engine, but cuts each TCP payload in two at {@code splitAt} (or into
     * single bytes when {@code splitAt} is 0), so that SIP framing must resume across calls.
     */
    public static final class SplittingTcp implements PacketSink {
        private final PacketSink next;
        private final int splitAt;

        public SplittingTcp(PacketSink next, int splitAt) {
            this.next = next;
            this.splitAt = splitAt;
        }

        @Override
        public void onDatagram(Packet packet) {
            next.onDatagram(packet);
        }

        @Override
        public void onTcpData(TcpStream stream, Packet packet) {
            int off = packet.payloadOffset;
            int len = packet.payloadLength;
            try {
                if (splitAt == 0) {
                    for (int i = 0; i < len; i++) {
                        packet.payloadOffset = off + i;
                        packet.payloadLength = 1;
                        next.onTcpData(stream, packet);
                    }
                } else if (splitAt < len) {
                    packet.payloadLength = splitAt;
                    next.onTcpData(stream, packet);
                    packet.payloadOffset = off + splitAt;
                    packet.payloadLength = len - splitAt;
                    next.onTcpData(stream, packet);
                } else {
                    next.onTcpData(stream, packet);
                }
            } finally {
                packet.payloadOffset = off;
                packet.payloadLength = len;
            }
        }

        @Override
        public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
            next.onTcpGap(stream, fromClient, missingBytes);
        }

        @Override
        public void onTcpClose(TcpStream stream) {
            next.onTcpClose(stream);
        }
    }
}
