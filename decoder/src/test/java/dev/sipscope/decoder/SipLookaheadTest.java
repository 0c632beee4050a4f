package dev.sipscope.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.sip.SipDatagramParser;
import dev.sipscope.decoder.sip.SipLimits;
import dev.sipscope.decoder.sip.SipLookahead;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.samples.SampleCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link SipLookahead} on its own thread: what it hands over is exactly what the engine's own parse
 * gives, datagram by datagram; it stops on captures with little SIP and when closed, even while
 * waiting on a full queue.
 */
class SipLookaheadTest {

    /** Waits until the lookahead thread has ended (it has published all it found), at most 10 s. */
    private static void awaitEnd(SipLookahead ahead) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ahead.running() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ahead.running()).as("lookahead thread still running").isFalse();
    }

    @Test
    void everySipDatagramOfTheSamplesComesAheadEqualToTheEnginesOwnParse() throws Exception {
        long total = 0;
        for (String sample : List.of("calls-mixed.pcap", "call-forked.pcap", "b2bua-sdp.pcap", "call-transfer.pcap",
                "sip-nondialog.pcap", "call-prack-update.pcap", "call-retransmissions.pcap")) {
            String path = SampleCaptures.directory().resolve(sample).toString();
            SipLookahead ahead = SipLookahead.start(CaptureFiles.open(path), DecoderConfig.DEFAULTS, SipLimits.DEFAULTS);
            awaitEnd(ahead);
            SipDatagramParser own = new SipDatagramParser();
            long[] counts = new long[2];
            PacketDecoder engine = new PacketDecoder(DecoderConfig.DEFAULTS, new PacketSink() {
                @Override
                public void onDatagram(Packet p) {
                    SipMessage mine = own.parse(p.data, p.payloadOffset, p.payloadLength);
                    SipMessage theirs = ahead.take(p.data, p.payloadOffset, p.payloadLength);
                    if (mine == null) {
                        assertThat(theirs).as("%s: a message for a datagram that is not one", sample).isNull();
                        return;
                    }
                    counts[0]++;
                    assertThat(theirs).as("%s: %s not parsed ahead", sample, mine.startLine()).isNotNull();
                    counts[1]++;
                    assertThat(theirs.text()).isEqualTo(mine.text());
                    assertThat(theirs.callId()).isEqualTo(mine.callId());
                    assertThat(theirs.problem()).isEqualTo(mine.problem());
                    assertThat(theirs.bodyOffset()).isEqualTo(mine.bodyOffset());
                    assertThat(theirs.headerCount()).isEqualTo(mine.headerCount());
                    assertThat(String.valueOf(theirs.topVia())).isEqualTo(String.valueOf(mine.topVia()));
                    assertThat(String.valueOf(theirs.sdp())).isEqualTo(String.valueOf(mine.sdp()));
                }
            });
            try (FrameSource in = CaptureFiles.open(path)) {
                Frame f;
                long n = 0;
                while ((f = in.next()) != null) {
                    ahead.frame(++n);
                    engine.decode(f);
                }
            }
            ahead.close();
            assertThat(counts[1]).as(sample).isEqualTo(counts[0]);
            assertThat(ahead.taken()).isEqualTo(counts[1]);
            total += counts[0];
        }
        assertThat(total).as("SIP datagrams in the samples").isGreaterThan(100);
    }

    @Test
    void nothingIsHandedOverForAFrameOtherThanTheOneItWasParsedFrom() throws Exception {
        SipLookahead ahead = SipLookahead.start(new Generated(10, n -> sip(n)), DecoderConfig.DEFAULTS,
                SipLimits.DEFAULTS);
        awaitEnd(ahead);
        byte[] payload = invite(3).getBytes(StandardCharsets.US_ASCII);
        ahead.frame(2);
        assertThat(ahead.take(payload, 0, payload.length)).as("frame 3's message asked for at frame 2").isNull();
        ahead.frame(3);
        assertThat(ahead.take(payload, 0, payload.length)).isNotNull();
        ahead.frame(5);
        byte[] four = invite(4).getBytes(StandardCharsets.US_ASCII);
        assertThat(ahead.take(four, 0, four.length)).as("frame 4's message asked for at frame 5").isNull();
        ahead.close();
    }

    @Test
    void itStopsWhenAStretchOfFramesHoldsLittleSip() throws Exception {
        // One SIP datagram in 100 frames, under the 1 in 50 it needs.
        SipLookahead ahead = SipLookahead.start(new Generated(Long.MAX_VALUE, n -> n % 100 == 0 ? sip(n) : rtp(n)),
                DecoderConfig.DEFAULTS, SipLimits.DEFAULTS);
        awaitEnd(ahead);
        ahead.close();
    }

    @Test
    void closeEndsTheThreadWhileItWaitsOnAFullQueue() throws Exception {
        Generated endless = new Generated(Long.MAX_VALUE, n -> sip(n));
        SipLookahead ahead = SipLookahead.start(endless, DecoderConfig.DEFAULTS, SipLimits.DEFAULTS);
        long deadline = System.nanoTime() + 10_000_000_000L;
        long before = -1;
        while (endless.handedOut != before && System.nanoTime() < deadline) {
            before = endless.handedOut;
            Thread.sleep(100);
        }
        assertThat(endless.handedOut).as("reading stops at a full queue").isEqualTo(before)
                .isLessThan(10_000);
        assertThat(ahead.running()).as("waiting on the queue").isTrue();
        ahead.close();
        assertThat(ahead.running()).isFalse();
        assertThat(endless.closed).as("the lookahead closes its reader").isTrue();
    }

    @Test
    void onlyPlainEthernetIpv4UdpWithABinaryPayloadIsSkippedUndecoded() {
        byte[] rtpUdp = TestFrames.udp(20000, 30000, new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1});
        byte[] sipUdp = TestFrames.udp(5060, 5060, invite(1).getBytes(StandardCharsets.US_ASCII));
        assertThat(skipped(TestFrames.ethernet(TestFrames.ETH_IPV4,
                TestFrames.ipv4("192.0.2.1", "192.0.2.2", TestFrames.UDP, rtpUdp)))).as("RTP").isTrue();
        assertThat(skipped(TestFrames.ethernet(TestFrames.ETH_IPV4,
                TestFrames.ipv4("192.0.2.1", "192.0.2.2", TestFrames.UDP, sipUdp)))).as("SIP").isFalse();
        assertThat(skipped(TestFrames.ethernet(TestFrames.ETH_IPV4,
                TestFrames.ipv4Fragment("192.0.2.1", "192.0.2.2", TestFrames.UDP, 7, 0, true, rtpUdp))))
                .as("a first fragment").isFalse();
        assertThat(skipped(TestFrames.ethernet(TestFrames.ETH_IPV4,
                TestFrames.ipv4Fragment("192.0.2.1", "192.0.2.2", TestFrames.UDP, 7, 8, false, rtpUdp))))
                .as("a later fragment").isFalse();
        assertThat(skipped(TestFrames.ethernetWithTags(TestFrames.ETH_IPV4,
                TestFrames.ipv4("192.0.2.1", "192.0.2.2", TestFrames.UDP, rtpUdp), 0x8100, 10)))
                .as("behind a VLAN tag").isFalse();
        assertThat(skipped(TestFrames.ethernet(TestFrames.ETH_IPV4,
                TestFrames.ipv4("192.0.2.1", "192.0.2.2", TestFrames.TCP, rtpUdp)))).as("not UDP").isFalse();
        byte[] raw = TestFrames.ipv4("192.0.2.1", "192.0.2.2", TestFrames.UDP, rtpUdp);
        assertThat(SipLookahead.plainUdpNotSip(new Frame(0, LinkType.RAW, 0, raw, 0, raw.length, raw.length)))
                .as("another link type").isFalse();
        byte[] eth = TestFrames.ethernet(TestFrames.ETH_IPV4, TestFrames.ipv4("192.0.2.1", "192.0.2.2", TestFrames.UDP, rtpUdp));
        assertThat(SipLookahead.plainUdpNotSip(new Frame(0, LinkType.ETHERNET, 0, eth, 0, 14 + 20 + 8, eth.length)))
                .as("cut before the payload").isFalse();
    }

    private static boolean skipped(byte[] ethernetFrame) {
        return SipLookahead.plainUdpNotSip(new Frame(0, LinkType.ETHERNET, 0, ethernetFrame, 0, ethernetFrame.length,
                ethernetFrame.length));
    }

    // ------------------------------------------------------------ generated captures

    private static String invite(long n) {
        return "INVITE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK" + n
                + "\r\nFrom: <sip:a@example.com>;tag=" + n + "\r\nTo: <sip:b@example.com>\r\nCall-ID: c" + n
                + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    }

    private static byte[] sip(long n) {
        return TestFrames.ipv4("192.0.2.1", "192.0.2.2", TestFrames.UDP,
                TestFrames.udp(5060, 5060, invite(n).getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] rtp(long n) {
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        rtp[3] = (byte) n;
        return TestFrames.ipv4("192.0.2.1", "192.0.2.2", TestFrames.UDP, TestFrames.udp(20000, 30000, rtp));
    }

    /** Raw-IP frames made on demand: frame n (from 1) is {@code make(n)}; {@code count} of them. */
    private static final class Generated implements FrameSource {
        private final long count;
        private final LongFunction<byte[]> make;
        volatile long handedOut;
        volatile boolean closed;

        Generated(long count, LongFunction<byte[]> make) {
            this.count = count;
            this.make = make;
        }

        @Override
        public Frame next() {
            if (handedOut == count) {
                return null;
            }
            long n = handedOut + 1;
            byte[] b = make.apply(n);
            handedOut = n;
            return new Frame(n * 1_000_000L, LinkType.RAW, 0, b, 0, b.length, b.length);
        }

        @Override
        public String name() {
            return "generated";
        }

        @Override
        public List<InterfaceInfo> interfaces() {
            return List.of();
        }

        @Override
        public boolean truncated() {
            return false;
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public long size() {
            return -1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
