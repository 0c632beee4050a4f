package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.quality.QualityConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames the view keeps to save a call are bounded per call: a dialog that never ends (a presence
 * subscription's NOTIFY after NOTIFY, or a hostile peer) keeps as many copies of live frames as the messages
 * its ladder keeps, and 64 times that in frame numbers from a file, not one per message forever.
 */
class FramesPerCallTest {
    private static final int KEEP_MESSAGES = 8;
    private static final int NOTIFIES = 1_000;

    @Test
    void aLiveDialogThatNeverEndsKeepsAsManyFramesAsItsLadderKeepsMessages() {
        CorrelatorFeedEngine feed = feed(true);
        List<CallPackets> packets = feed.packetsOf(List.of(1L));
        assertThat(packets).hasSize(1);
        assertThat(packets.get(0).liveFrames()).hasSize(KEEP_MESSAGES);
        assertThat(packets.get(0).sipFrames()).hasSize(Math.min(NOTIFIES + 1,
                CorrelatorFeedEngine.MAX_FRAME_NUMBERS_PER_MESSAGE_KEPT * KEEP_MESSAGES));
    }

    @Test
    void fromAFileOnlyFrameNumbersAreKept() {
        CorrelatorFeedEngine feed = feed(false);
        CallPackets p = feed.packetsOf(List.of(1L)).get(0);
        assertThat(p.liveFrames()).isEmpty();
        assertThat(p.sipFrames()).hasSize(CorrelatorFeedEngine.MAX_FRAME_NUMBERS_PER_MESSAGE_KEPT * KEEP_MESSAGES);
        assertThat(p.sipFrames()[0]).isZero();
        assertThat(p.sipFrames()[p.sipFrames().length - 1]).as("the first frames, in order")
                .isEqualTo(p.sipFrames().length - 1L);
    }

    /** A SUBSCRIBE and {@link #NOTIFIES} NOTIFYs of the same Call-ID, one frame each. */
    private static CorrelatorFeedEngine feed(boolean live) {
        CorrelatorFeedEngine feed = new CorrelatorFeedEngine(TableOptions.DEFAULTS, live,
                EngineConfig.DEFAULTS.withCorrelator(CorrelatorConfig.DEFAULTS.withMaxMessagesPerCall(KEEP_MESSAGES)),
                QualityConfig.DEFAULTS, 5_000_000_000L);
        PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, feed);
        long t = 1_768_471_200_000_000_000L;
        for (int i = 0; i <= NOTIFIES; i++) {
            String method = i == 0 ? "SUBSCRIBE" : "NOTIFY";
            String sip = method + " sip:watcher@192.0.2.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK" + i + "\r\n"
                    + "From: <sip:pres@192.0.2.2>;tag=a\r\n"
                    + "To: <sip:watcher@192.0.2.1>" + (i == 0 ? "" : ";tag=b") + "\r\n"
                    + "Call-ID: blf-1@192.0.2.2\r\n"
                    + "CSeq: " + (i + 1) + " " + method + "\r\n"
                    + "Content-Length: 0\r\n\r\n";
            Frame f = udp(t + i * 1_000_000_000L, sip.getBytes(StandardCharsets.US_ASCII));
            feed.beforeFrame(i, f);
            decoder.decode(f);
            feed.afterFrame();
        }
        decoder.finish();
        return feed;
    }

    /** A raw IPv4/UDP frame from 192.0.2.2:5060 to 192.0.2.1:5060, a new array each time (as a live source). */
    private static Frame udp(long nanos, byte[] payload) {
        byte[] b = new byte[28 + payload.length];
        b[0] = 0x45;
        b[2] = (byte) (b.length >> 8);
        b[3] = (byte) b.length;
        b[8] = 64;
        b[9] = 17;
        byte[] src = {(byte) 192, 0, 2, 2};
        byte[] dst = {(byte) 192, 0, 2, 1};
        System.arraycopy(src, 0, b, 12, 4);
        System.arraycopy(dst, 0, b, 16, 4);
        b[20] = (byte) (5060 >> 8);
        b[21] = (byte) 5060;
        b[22] = (byte) (5060 >> 8);
        b[23] = (byte) 5060;
        int udpLength = 8 + payload.length;
        b[24] = (byte) (udpLength >> 8);
        b[25] = (byte) udpLength;
        System.arraycopy(payload, 0, b, 28, payload.length);
        return new Frame(nanos, LinkType.RAW, 0, b, 0, b.length, b.length);
    }
}
