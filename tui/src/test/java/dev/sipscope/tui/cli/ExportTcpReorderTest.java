package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.sipscope.tui.cli.ExportCommandTest.analyze;
import static dev.sipscope.tui.cli.ExportCommandTest.call;
import static dev.sipscope.tui.cli.ExportCommandTest.streamPackets;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code sipscope export} of a call over TCP whose segments arrived out of order. */
class ExportTcpReorderTest {
    private static final Path CALL_TCP = Path.of(System.getProperty("sipscope.root", ".."))
            .resolve("samples/captures/call-tcp.pcap");

    /** call-tcp.pcap with the frames at the given 0-based index pairs swapped (times kept in order). */
    private static Path reordered(Path dir, int[][] swaps) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (FrameSource in = CaptureFiles.open(CALL_TCP.toString())) {
            Frame f;
            while ((f = in.next()) != null) {
                frames.add(f.copy());
            }
        }
        for (int[] s : swaps) {
            Frame a = frames.get(s[0]);
            Frame b = frames.get(s[1]);
            frames.set(s[0], new Frame(a.timestampNanos(), b.linkType(), b.interfaceId(), b.bytes(), 0,
                    b.capturedLength(), b.originalLength()));
            frames.set(s[1], new Frame(b.timestampNanos(), a.linkType(), a.interfaceId(), a.bytes(), 0,
                    a.capturedLength(), a.originalLength()));
        }
        Path out = dir.resolve("call-tcp-reordered.pcap");
        try (OutputStream o = Files.newOutputStream(out)) {
            PcapWriter w = new PcapWriter(o, frames.get(0).linkType(), PcapWriter.DEFAULT_SNAPLEN, true);
            for (Frame f : frames) {
                w.write(f);
            }
            w.flush();
        }
        return out;
    }

    @Test
    void segmentsThatArrivedBeforeTheOnesFillingTheirHoleAreExportedWithTheirMessages(@TempDir Path dir)
            throws IOException {
        // tshark frames 9/10 (the 200 OK's two segments) arrive the other way round
        Path file = reordered(dir, new int[][] {{8, 9}});
        JsonNode original = analyze(file.toString());
        assertThat(original.get("capture").get("sip_malformed").asLong()).isZero();
        String id = original.get("calls").get(0).get("call_id").asText();
        Path out = dir.resolve("tcp.pcap");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", file.toString(), "--call", id, "-w", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode exported = analyze(out.toString());
        assertThat(exported.get("capture").get("sip_malformed").asLong()).isZero();
        assertThat(exported.get("capture").get("sip_messages")).isEqualTo(original.get("capture").get("sip_messages"));
        JsonNode after = call(exported, id);
        JsonNode before = call(original, id);
        for (String field : new String[] {"state", "final_status", "messages", "retransmissions", "from", "to",
                "setup_time_ms"}) {
            assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
        }
        // the same eight segments with SIP payload as in order, the reordered ones included
        assertThat(exported.get("capture").get("tcp_segments").asLong()).isEqualTo(8);
        assertThat(streamPackets(exported, id)).isEqualTo(streamPackets(original, id));
    }

    /**
     * The INVITE's two segments swapped too: both are exported. (The export has no handshake, so a
     * reader that starts the client's direction at the first segment it sees, as ours does without a
     * SYN, then takes the INVITE's first segment for a retransmission: the frames are checked here,
     * not the re-read messages.)
     */
    @Test
    void aReorderedFirstSegmentOfADirectionIsExportedToo(@TempDir Path dir) throws IOException {
        Path file = reordered(dir, new int[][] {{3, 4}, {8, 9}});
        JsonNode original = analyze(file.toString());
        assertThat(original.get("capture").get("sip_malformed").asLong()).isZero();
        String id = original.get("calls").get(0).get("call_id").asText();
        Path out = dir.resolve("tcp.pcap");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", file.toString(), "--call", id, "-w", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode exported = analyze(out.toString());
        long rtp = streamPackets(original, id);
        assertThat(exported.get("capture").get("tcp_segments").asLong()).isEqualTo(8);
        assertThat(exported.get("capture").get("frames").asLong()).isEqualTo(8 + rtp);
        assertThat(r.err()).contains("wrote " + (8 + rtp) + " packets");
    }
}
