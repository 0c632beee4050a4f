package dev.sipscope.tui.screen;

import dev.sipscope.tui.fixtures.UiFixtures;
import dev.sipscope.tui.model.CallDetail;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.MessageRow;
import dev.sipscope.tui.model.MessageText;
import dev.sipscope.tui.model.StreamRow;
import dev.sipscope.tui.view.GridCanvas;
import dev.sipscope.tui.view.Glyphs;
import dev.sipscope.tui.view.Style;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LadderTest {
    private static final FeedSnapshot FEED = UiFixtures.standard();

    @Test
    void hostsAreColumnsInOrderOfAppearanceAndStreamsJoinTheirHostsByAddress() {
        Ladder l = Ladder.build(List.of(FEED.detail(1)), true);
        assertThat(l.hosts()).containsExactly("10.0.1.1:5060", "10.0.2.1:5060");
        assertThat(l.items()).hasSize(9);
        Ladder.Item rtp = l.items().get(4);
        assertThat(rtp.kind()).isEqualTo(Ladder.Kind.STREAM);
        assertThat(rtp.from()).isZero();
        assertThat(rtp.to()).isEqualTo(1);
        assertThat(rtp.label()).isEqualTo("RTP PCMU/8000 1,650 pkt, loss 0.0%, MOS 4.38");
        assertThat(l.items().get(0).deltaNanos()).isEqualTo(-1);
        assertThat(l.items().get(1).deltaNanos()).isEqualTo(20_510_730);
        assertThat(l.items().get(3).style()).isEqualTo(Style.SUCCESS);
        assertThat(l.items().get(2).style()).isEqualTo(Style.PROVISIONAL);
        assertThat(l.nextMessage(4, 1)).isEqualTo(6);
        assertThat(l.nextMessage(5, -1)).isEqualTo(3);
    }

    @Test
    void severalCallsShareOneTimeLineWithTheirIndexInEachLabel() {
        Ladder l = Ladder.build(List.of(FEED.detail(4), FEED.detail(5)), false);
        assertThat(l.hosts()).containsExactly("10.0.1.4:5060", "192.168.50.10:5060", "203.0.113.9:5060");
        assertThat(l.items()).extracting(Ladder.Item::label).startsWith("[4] INVITE (SDP)", "[5] INVITE (SDP)",
                "[5] 100 Trying", "[4] INVITE (SDP)");
        assertThat(l.items().get(3).style()).isEqualTo(Style.RETRANSMISSION);
        for (int i = 1; i < l.items().size(); i++) {
            assertThat(l.items().get(i).tsNanos()).isGreaterThanOrEqualTo(l.items().get(i - 1).tsNanos());
        }
    }

    @Test
    void aStreamFromAnAddressNoMessageUsedGetsItsOwnColumn() {
        MessageRow m = new MessageRow(1, 10, "10.0.0.1:5060", "10.0.0.2:5060", "UDP", "INVITE sip:x SIP/2.0", true,
                "INVITE", 0, true, false, MessageText.of("INVITE sip:x SIP/2.0\r\n\r\n"));
        StreamRow s = new StreamRow("198.51.100.7:4000", "10.0.0.1:7000", 1, "PCMU/8000", 20, 30, 5, 0, 0, 0, 0, Double.NaN,
                null, null, "", null);
        Ladder l = Ladder.build(List.of(new CallDetail(1, List.of(m), List.of(s), null, null)), true);
        assertThat(l.hosts()).containsExactly("10.0.0.1:5060", "10.0.0.2:5060", "198.51.100.7:4000");
        assertThat(l.items().get(1).from()).isEqualTo(2);
        assertThat(l.items().get(1).to()).isZero();
    }

    @Test
    void ipv6EndpointsKeepTheirAddressPart() {
        assertThat(Ladder.ipOf("[2001:db8::1]:5060")).isEqualTo("2001:db8::1");
        assertThat(Ladder.ipOf("10.0.0.1:5060")).isEqualTo("10.0.0.1");
        assertThat(Ladder.ipOf("2001:db8::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void theRendererDrawsOnlyTheRowsThatFitFromTheTopItem() {
        Ladder l = Ladder.build(List.of(FEED.detail(1)), true);
        GridCanvas g = new GridCanvas(90, 8);
        LadderRenderer.draw(g, l, Glyphs.ASCII, ZoneId.of("UTC"), 5, 6, Set.of(6), 0);
        String text = g.text();
        assertThat(text).contains("10.0.1.1:5060").contains("10.0.2.1:5060");
        assertThat(text).contains("*10:00:01.073325").contains("ACK").contains("BYE");
        assertThat(text).doesNotContain("INVITE").doesNotContain("Ringing").doesNotContain("200 OK");
        assertThat(text).contains("<=========").contains("---------->");
        assertThat(g.line(2)).contains("RTP PCMU 0.1% 4.36");
    }
}
