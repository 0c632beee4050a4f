package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.tui.model.CallRow;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.SourceKind;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Damaged, truncated and hostile SIP and RTP through the whole feed: counted, never thrown. */
class HostileInputTest {

    /** Frames held in memory, handed out one by one. */
    static final class MemorySource implements PacketSource {
        private final List<Frame> frames;
        private int next;

        MemorySource(List<Frame> frames) {
            this.frames = frames;
        }

        @Override
        public Frame poll(long timeoutMillis) {
            return next < frames.size() ? frames.get(next++) : null;
        }

        @Override
        public boolean finished() {
            return next >= frames.size();
        }

        @Override
        public SourceKind kind() {
            return SourceKind.LIVE;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public List<InterfaceInfo> interfaces() {
            return List.of(new InterfaceInfo(0, LinkType.RAW, 65535, "memory", null));
        }

        @Override
        public void stop() {
        }

        @Override
        public void close() {
        }
    }

    /** A raw-IP IPv4/UDP frame. */
    static Frame udp(long ts, int src, int srcPort, int dst, int dstPort, byte[] payload) {
        byte[] b = new byte[28 + payload.length];
        b[0] = 0x45;
        int total = b.length;
        b[2] = (byte) (total >>> 8);
        b[3] = (byte) total;
        b[8] = 64;
        b[9] = 17;
        put32(b, 12, src);
        put32(b, 16, dst);
        b[20] = (byte) (srcPort >>> 8);
        b[21] = (byte) srcPort;
        b[22] = (byte) (dstPort >>> 8);
        b[23] = (byte) dstPort;
        int udpLen = 8 + payload.length;
        b[24] = (byte) (udpLen >>> 8);
        b[25] = (byte) udpLen;
        System.arraycopy(payload, 0, b, 28, payload.length);
        return new Frame(ts, LinkType.RAW, 0, b, 0, b.length, b.length);
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static String invite(int n) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + (4000 + n * 2) + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n";
        return "INVITE sip:bob@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + n + "\r\n"
                + "From: \"A\u001b[2J\" <sip:alice@10.0.0.1>;tag=" + n + "\r\nTo: <sip:bob@10.0.0.2>\r\n"
                + "Call-ID: fuzz-" + n + "@10.0.0.1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    @RepeatedTest(10)
    void mutatedSipAndRtpNeverEscapeAsAnException(RepetitionInfo info) {
        Random random = new Random(0xF0221L * info.getCurrentRepetition());
        List<Frame> frames = new ArrayList<>();
        long ts = 1_768_471_200_000_000_000L;
        for (int n = 0; n < 200; n++) {
            byte[] good = invite(n).getBytes(StandardCharsets.UTF_8);
            byte[] bad = good.clone();
            for (int k = random.nextInt(8); k >= 0; k--) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length) + 1);
            }
            frames.add(udp(ts + n * 1_000_000L, 0x0a000001, 5060, 0x0a000002, 5060, bad));
            byte[] rtp = new byte[12 + random.nextInt(200)];
            random.nextBytes(rtp);
            rtp[0] = (byte) 0x80;
            frames.add(udp(ts + n * 1_000_000L + 10, 0x0a000002, 30000, 0x0a000001, 4000 + n * 2, rtp));
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            frames.add(udp(ts + n * 1_000_000L + 20, 0x0a000003, 5060, 0x0a000002, 5060, junk));
        }
        try (CaptureFeed feed = new CaptureFeed(new MemorySource(frames), DecoderConfig.DEFAULTS, TableOptions.DEFAULTS)) {
            feed.runToEnd();
            FeedSnapshot s = feed.get();
            assertThat(s.status().frames()).isEqualTo(frames.size());
            assertThat(s.status().problem()).as("no frame made the engine throw").isNull();
            for (CallRow r : s.calls()) {
                assertThat(r.messages()).isPositive();
                assertThat(s.detail(r.key()).messages()).hasSize(r.messages());
            }
        }
    }

    @Test
    void hostNamesInSdpAreNeverLookedUpAndRtpToUnknownPortsIsIgnored() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 host.invalid\r\ns=-\r\nc=IN IP4 media.host.invalid\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n";
        String inv = "INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
                + "From: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCall-ID: names@x\r\nCSeq: 1 INVITE\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        List<Frame> frames = List.of(
                udp(1, 0x0a000001, 5060, 0x0a000002, 5060, inv.getBytes(StandardCharsets.US_ASCII)),
                udp(2, 0x0a000002, 30000, 0x0a000001, 4000, rtp));
        try (CaptureFeed feed = new CaptureFeed(new MemorySource(frames), DecoderConfig.DEFAULTS, TableOptions.DEFAULTS)) {
            feed.runToEnd();
            FeedSnapshot s = feed.get();
            assertThat(s.calls()).hasSize(1);
            assertThat(s.detail(1).streams()).isEmpty();
            assertThat(s.detail(1).messages().get(0).sdp()).isTrue();
        }
    }
}
