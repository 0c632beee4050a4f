package dev.sipscope.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.PcapWriter;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.samples.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fragmented SIP INVITE whose fragments did not all reach the capture is lost to the analysis; the
 * report's warnings say so, and say nothing when every fragment came.
 */
class FragmentWarningsTest {
    @TempDir
    Path dir;

    private static List<Frame> fragmentedCall() throws IOException {
        return Scenario.builder(9)
                .call(c -> c.label("frag").caller("alice", "10.2.0.1", 5060).callee("bob", "10.2.0.2", 5060)
                        .mtu(576).extraHeader("X-Padding", "x".repeat(1200)).talkSeconds(1))
                .build().generate().frames();
    }

    /** An IPv4 frame (Ethernet) that is a fragment: more fragments follow, or it does not start at 0. */
    private static boolean isFragment(Frame f) {
        byte[] b = f.data();
        int ip = f.offset() + 14;
        return ((b[ip + 6] & 0x3f) | b[ip + 7]) != 0;
    }

    private CaptureSummary analyse(List<Frame> frames) throws IOException {
        Path f = dir.resolve("c.pcap");
        try (PcapWriter w = PcapWriter.create(f, frames.get(0).linkType())) {
            for (Frame frame : frames) {
                w.write(frame);
            }
        }
        try (FrameSource source = CaptureFiles.open(f)) {
            return new CaptureAnalysis(DecoderConfig.DEFAULTS, new Engine(EngineConfig.DEFAULTS))
                    .run(source, List.of(f.toString()));
        }
    }

    @Test
    void everyFragmentThereNoWarning() throws IOException {
        List<Frame> frames = fragmentedCall();
        assertThat(frames).anyMatch(FragmentWarningsTest::isFragment);
        CaptureSummary s = analyse(frames);
        assertThat(s.ipFragmentsReassembled()).isPositive();
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void aMissingFragmentIsAWarning() throws IOException {
        List<Frame> frames = new ArrayList<>(fragmentedCall());
        int second = -1;
        for (int i = 0, seen = 0; i < frames.size(); i++) {
            if (isFragment(frames.get(i)) && ++seen == 2) {
                second = i;
                break;
            }
        }
        frames.remove(second);
        CaptureSummary s = analyse(frames);
        assertThat(s.warnings()).containsExactly("1 fragmented IP datagrams could not be reassembled (1 with a fragment"
                + " that never came, 0 dropped to bound memory, 0 with overlapping IPv6 fragments); what they carried"
                + " is not analysed");
    }
}
