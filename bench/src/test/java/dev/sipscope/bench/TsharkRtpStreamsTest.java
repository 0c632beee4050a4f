package dev.sipscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rtp,streams parser on real tshark 4.0.17 output (run with {@code -o rtp.heuristic_rtp:TRUE} on
 * captures under /work/shared/captures: heplify FAX-Call-t38, ndpi skinny, packetnet ipv6_rtp).
 */
class TsharkRtpStreamsTest {
    private static List<String> lines(String name) throws IOException {
        try (InputStream in = TsharkRtpStreamsTest.class.getResourceAsStream("/tshark/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void payloadColumnWithSeveralNamesAndProblemMarkIsReadFromBothEnds() throws IOException {
        List<TsharkRtpStreams.Row> rows = TsharkRtpStreams.parse(lines("rtp-streams-fax.txt"));

        assertThat(rows).hasSize(2);
        TsharkRtpStreams.Row first = rows.get(0);
        assertThat(first.startSeconds()).isEqualTo(29.970889);
        assertThat(first.endSeconds()).isEqualTo(104.761218);
        assertThat(first.srcAddress()).isEqualTo("10.23.1.52");
        assertThat(first.srcPort()).isEqualTo(16756);
        assertThat(first.dstAddress()).isEqualTo("10.35.60.100");
        assertThat(first.dstPort()).isEqualTo(15580);
        assertThat(first.ssrc()).isEqualTo(0x17D90134L);
        assertThat(first.payload()).isEqualTo("g711A, CN, RTPType-100");
        assertThat(first.packets()).isEqualTo(3147);
        assertThat(first.lost()).isZero();
        assertThat(first.minDeltaMillis()).isEqualTo(1.078);
        assertThat(first.meanDeltaMillis()).isEqualTo(17.973);
        assertThat(first.maxDeltaMillis()).isEqualTo(9199.842);
        assertThat(first.minJitterMillis()).isEqualTo(0.023);
        assertThat(first.meanJitterMillis()).isEqualTo(14.144);
        assertThat(first.maxJitterMillis()).isEqualTo(2730.468);
        assertThat(first.problem()).isTrue();
        assertThat(rows.get(1).payload()).isEqualTo("g711A, RTPType-102");
        assertThat(rows.get(1).lost()).isEqualTo(6);
        assertThat(rows.get(1).ssrc()).isEqualTo(0x0EAF0EAFL);
    }

    @Test
    void negativeLostAndRowsWithoutProblemMark() throws IOException {
        List<TsharkRtpStreams.Row> rows = TsharkRtpStreams.parse(lines("rtp-streams-skinny.txt"));

        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).problem()).isFalse();
        assertThat(rows.get(0).maxJitterMillis()).isEqualTo(0.015);
        assertThat(rows.get(0).dstPort()).isEqualTo(9400);
        assertThat(rows.get(2).lost()).isEqualTo(-16);
        assertThat(rows.get(2).problem()).isTrue();
        assertThat(rows.get(4).lost()).isEqualTo(-18);
        assertThat(rows.get(4).ssrc()).isEqualTo(0xF6BF57DCL);
    }

    @Test
    void ipv6AddressesAndNegativeDeltasOfASinglePacketStream() throws IOException {
        List<TsharkRtpStreams.Row> rows = TsharkRtpStreams.parse(lines("rtp-streams-ipv6.txt"));

        assertThat(rows).hasSize(1);
        TsharkRtpStreams.Row row = rows.get(0);
        assertThat(row.srcAddress()).isEqualTo("fd01:abab:cdcd:efe0:8655:ab4d:6299:e315");
        assertThat(row.srcPort()).isEqualTo(40004);
        assertThat(row.dstAddress()).isEqualTo("fd01:cafe::1");
        assertThat(row.dstPort()).isEqualTo(6000);
        assertThat(row.payload()).isEqualTo("RTPType-112");
        assertThat(row.packets()).isEqualTo(1);
        assertThat(row.minDeltaMillis()).isEqualTo(-1.0);
        assertThat(row.minJitterMillis()).isEqualTo(-1.0);
    }

    @Test
    void bannerHeaderAndBlankLinesAreNotRows() {
        assertThat(TsharkRtpStreams.parse(List.of(
                "========================= RTP Streams ========================",
                "   Start time      End time     Src IP addr  Port    Dest IP addr  Port       SSRC          Payload  Pkts",
                "",
                "=============================================================="))).isEmpty();
    }

    @Test
    void aTruncatedRowIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> TsharkRtpStreams.parse(List.of("header",
                "     3.882583      4.162631  192.168.195.50 17732  192.168.193.24  9400 0x7C1071F3   g711U    15")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
    }
}
