package dev.sipscope.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipscope.samples.Scenario;
import dev.sipscope.samples.ScenarioTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static dev.sipscope.tui.cli.ExportCommandTest.analyze;
import static dev.sipscope.tui.cli.ExportCommandTest.call;
import static dev.sipscope.tui.cli.ExportCommandTest.streamPackets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code sipscope export} copies the chosen calls' RTCP with their RTP, and no other call's. */
class ExportRtcpTest {

    /**
     * Three calls between the same two hosts with RTCP every second: "a" and "b" at the same time on
     * different ports, "c" after "a" on a's very ports, within the media grace after a's BYE.
     */
    private static ScenarioTruth threeCalls(Path pcap) throws IOException {
        return Scenario.builder(4242)
                .call(c -> c.label("a").caller("alice", "10.9.0.1", 5060).callee("bob", "10.9.0.2", 5060)
                        .callerRtpPort(40000).calleeRtpPort(50000).ringMillis(500).talkSeconds(6)
                        .rtp(r -> r.rtcp(true).rtcpInterval(1000)))
                .call(c -> c.label("b").at(300).caller("carol", "10.9.0.1", 5060).callee("dave", "10.9.0.2", 5060)
                        .callerRtpPort(40010).calleeRtpPort(50010).ringMillis(400).talkSeconds(6)
                        .rtp(r -> r.rtcp(true).rtcpInterval(1000)))
                .call(c -> c.label("c").at(8000).caller("erin", "10.9.0.1", 5060).callee("frank", "10.9.0.2", 5060)
                        .callerRtpPort(40000).calleeRtpPort(50000).ringMillis(300).talkSeconds(3)
                        .rtp(r -> r.rtcp(true).rtcpInterval(1000)))
                .build().writePcap(pcap);
    }

    private static long sipOf(JsonNode report, String id) {
        JsonNode c = call(report, id);
        return c.get("messages").asLong() + c.get("retransmissions").asLong();
    }

    @Test
    void eachCallExportsExactlyItsSipRtpAndRtcpEvenOnPortsReusedWithinTheGrace(@TempDir Path dir) throws IOException {
        Path pcap = dir.resolve("three.pcap");
        ScenarioTruth truth = threeCalls(pcap);
        JsonNode original = analyze(pcap.toString());
        long allRtcp = 0;
        for (String label : new String[] {"a", "b", "c"}) {
            allRtcp += truth.call(label).rtcp().size();
        }
        assertThat(original.get("capture").get("rtcp_packets").asLong()).isEqualTo(allRtcp);
        for (String label : new String[] {"a", "b", "c"}) {
            String id = truth.call(label).callId();
            long rtcp = truth.call(label).rtcp().size();
            assertThat(rtcp).as(label).isGreaterThanOrEqualTo(4);
            Path out = dir.resolve(label + ".pcapng");
            AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", pcap.toString(), "--call", id, "-w", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode exported = analyze(out.toString());
            assertThat(exported.get("calls")).as(label).hasSize(1);
            assertThat(call(exported, id)).as(label).isNotNull();
            long sip = sipOf(original, id);
            long rtp = streamPackets(original, id);
            assertThat(rtp).as(label).isPositive();
            JsonNode capture = exported.get("capture");
            assertThat(capture.get("sip_messages").asLong()).as(label).isEqualTo(sip);
            assertThat(streamPackets(exported, id)).as(label).isEqualTo(rtp);
            assertThat(capture.get("rtcp_packets").asLong()).as(label + " RTCP").isEqualTo(rtcp);
            assertThat(capture.get("frames").asLong()).as(label + " frames").isEqualTo(sip + rtp + rtcp);
            assertThat(r.err()).contains("wrote " + (sip + rtp + rtcp) + " packets of 1 call");
        }
    }

    @Test
    void sipOnlyLeavesRtcpOutToo(@TempDir Path dir) throws IOException {
        Path pcap = dir.resolve("three.pcap");
        ScenarioTruth truth = threeCalls(pcap);
        String id = truth.call("a").callId();
        Path out = dir.resolve("a.pcap");
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run("export", pcap.toString(), "--call", id, "--sip-only", "-w", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode exported = analyze(out.toString());
        assertThat(exported.get("capture").get("rtcp_packets").asLong()).isZero();
        assertThat(exported.get("capture").get("rtp_packets").asLong()).isZero();
        assertThat(exported.get("capture").get("frames").asLong()).isEqualTo(sipOf(analyze(pcap.toString()), id));
    }

    @Test
    void theBundledG711CallExportsItsRtcp(@TempDir Path dir) throws IOException {
        Path sample = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures/call-udp-g711.pcap");
        JsonNode original = analyze(sample.toString());
        String id = original.get("calls").get(0).get("call_id").asText();
        long rtcp = original.get("capture").get("rtcp_packets").asLong();
        assertThat(rtcp).isPositive();
        Path out = dir.resolve("g711.pcap");
        assertThat(AnalyzeCsvTest.run("export", sample.toString(), "--call", id, "-w", out.toString()).exitCode()).isZero();
        JsonNode exported = analyze(out.toString());
        assertThat(exported.get("capture").get("rtcp_packets").asLong()).isEqualTo(rtcp);
        assertThat(exported.get("capture").get("frames")).isEqualTo(original.get("capture").get("frames"));
    }

    /**
     * sngrep/aaa.pcap: one phone announces 192.168.1.2:30000 in four calls; the last one's RTP went to
     * 212.242.33.36:40392 and its one RTCP compound (SR, SDES, BYE; tshark frame 633) from port 30001.
     * heplify/sip_ipv4_tcp.pcap: one call over TCP with an SR each way.
     */
    @Test
    void sharedCapturesExportTheRtcpOfTheCallThatOwnsThePort(@TempDir Path dir) throws IOException {
        Path shared = Path.of(System.getProperty("sipscope.shared", "../../shared"), "captures");
        assumeTrue(Files.isDirectory(shared), "the shared capture corpus is not at " + shared.toAbsolutePath()
                + " (a fresh clone has no ../shared): skipped");
        String aaa = shared.resolve("sngrep/aaa.pcap").toString();
        JsonNode original = analyze(aaa);
        String last = "11894297-4432a9f8@192.168.1.2";
        Set<String> earlier = Set.of("24487391-449bf2a0@192.168.1.2", "85216695-42dcdb1d@192.168.1.2");
        Path out = dir.resolve("last.pcap");
        assertThat(AnalyzeCsvTest.run("export", aaa, "--call", last, "-w", out.toString()).exitCode()).isZero();
        JsonNode exported = analyze(out.toString());
        assertThat(exported.get("capture").get("rtcp_packets").asLong()).isEqualTo(1);
        assertThat(exported.get("capture").get("frames").asLong())
                .isEqualTo(sipOf(original, last) + streamPackets(original, last) + 1);
        for (String id : earlier) {
            Path o = dir.resolve(id.substring(0, 8) + ".pcap");
            assertThat(AnalyzeCsvTest.run("export", aaa, "--call", id, "-w", o.toString()).exitCode()).isZero();
            JsonNode e = analyze(o.toString());
            assertThat(e.get("capture").get("rtcp_packets").asLong()).as(id).isZero();
            assertThat(e.get("capture").get("frames").asLong()).as(id).isEqualTo(sipOf(original, id));
        }
        String tcp = shared.resolve("heplify/sip_ipv4_tcp.pcap").toString();
        JsonNode tcpOriginal = analyze(tcp);
        String id = tcpOriginal.get("calls").get(0).get("call_id").asText();
        Path tcpOut = dir.resolve("tcp.pcap");
        assertThat(AnalyzeCsvTest.run("export", tcp, "--call", id, "-w", tcpOut.toString()).exitCode()).isZero();
        JsonNode tcpExported = analyze(tcpOut.toString());
        assertThat(tcpExported.get("capture").get("rtcp_packets").asLong()).isEqualTo(2);
        assertThat(streamPackets(tcpExported, id)).isEqualTo(streamPackets(tcpOriginal, id));
    }
}
