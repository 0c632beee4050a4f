package dev.sipscope.correlator.media;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.sdp.SdpParser;
import dev.sipscope.decoder.sdp.SdpSession;
import dev.sipscope.decoder.sip.ByteKey;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MediaRegistryTest {
    static final long SECOND = 1_000_000_000L;

    record Owner(long callNumber, ByteKey callId) implements MediaOwner {
        Owner(long n) {
            this(n, ByteKey.of("call-" + n));
        }
    }

    static SdpSession sdp(String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return SdpParser.parse(b, 0, b.length);
    }

    static SdpSession audio(String ip, int port, String extra) {
        String family = ip.contains(":") ? "IP6" : "IP4";
        return sdp("v=0\no=- 1 1 IN " + family + " " + ip + "\ns=-\nc=IN " + family + " " + ip + "\nt=0 0\nm=audio " + port
                + " RTP/AVP 8 0 101\na=rtpmap:101 telephone-event/8000\n" + extra);
    }

    static long v4(String dotted) {
        long[] a = new long[2];
        assertThat(dev.sipscope.decoder.IpAddress.parse(dotted, a)).isTrue();
        return a[1];
    }

    @Test
    void offerAndAnswerBindBothDirectionsWithPayloadMaps() {
        MediaRegistry r = new MediaRegistry();
        Owner call = new Owner(1);
        CallMedia m = new CallMedia(call);
        m.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 0, SECOND, SECOND);
        m.announce(r, MediaSide.CALLEE, audio("10.0.0.2", 5000, "a=rtcp:5009\n"), 1, SECOND, SECOND);

        MediaBinding toCallee = r.lookup(0, v4("10.0.0.2"), 5000, 0, v4("10.0.0.1"), 4000, 2);
        assertThat(toCallee.owner()).isSameAs(call);
        assertThat(toCallee.side()).isEqualTo(MediaSide.CALLEE);
        assertThat(toCallee.isRtcp()).isFalse();
        assertThat(r.lastMatch()).isEqualTo(MediaMatch.DESTINATION);
        assertThat(toCallee.payloads().clockRateHz(8)).isEqualTo(8000);
        assertThat(toCallee.payloads().codec(101).encodingName()).isEqualTo("telephone-event");
        assertThat(toCallee.payloads().clockRateHz(96)).isEqualTo(-1);
        assertThat(toCallee.payloads().codecNames()).containsExactly("PCMA/8000", "PCMU/8000", "telephone-event/8000");

        MediaBinding rtcp = r.lookup(0, v4("10.0.0.2"), 5009, 0, v4("10.0.0.1"), 4001, 2);
        assertThat(rtcp.isRtcp()).as("a=rtcp port (RFC 3605)").isTrue();
        assertThat(r.lastMatch()).isEqualTo(MediaMatch.DESTINATION);
        MediaBinding callerRtcp = r.lookup(0, v4("10.0.0.1"), 4001, 0, v4("10.0.0.2"), 5009, 2);
        assertThat(callerRtcp.isRtcp()).as("RTP port + 1 (RFC 3550 §11)").isTrue();
        assertThat(callerRtcp.side()).isEqualTo(MediaSide.CALLER);
        assertThat(r.lookup(0, v4("10.0.0.9"), 5000, 0, v4("10.0.0.8"), 4000, 2)).isNull();
        assertThat(r.lastMatch()).isEqualTo(MediaMatch.NONE);
    }

    @Test
    void rtcpMuxSharesTheRtpBinding() {
        MediaRegistry r = new MediaRegistry();
        CallMedia m = new CallMedia(new Owner(1));
        m.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, "a=rtcp-mux\n"), 0, SECOND, SECOND);
        MediaBinding b = r.lookup(0, v4("10.0.0.1"), 4000, 0, v4("10.0.0.2"), 5000, 1);
        assertThat(b.rtcpMux()).isTrue();
        assertThat(b.companion()).isSameAs(b);
        assertThat(r.lookup(0, v4("10.0.0.1"), 4001, 0, v4("10.0.0.2"), 5001, 1)).isNull();
    }

    @Test
    void natAndSymmetricRtpAreBoundAndRecorded() {
        MediaRegistry r = new MediaRegistry();
        CallMedia m = new CallMedia(new Owner(1));
        m.announce(r, MediaSide.CALLER, audio("192.168.1.10", 4000, ""), 0, SECOND, SECOND);
        m.announce(r, MediaSide.CALLEE, audio("198.51.100.2", 5000, ""), 1, SECOND, SECOND);
        // The caller's RTP leaves its NAT from a public address the SDP never named.
        MediaBinding callee = r.lookup(0, v4("198.51.100.2"), 5000, 0, v4("203.0.113.5"), 30000, 2);
        assertThat(r.lastMatch()).isEqualTo(MediaMatch.DESTINATION_UNEXPECTED_SOURCE);
        assertThat(callee.unexpectedSource()).isEqualTo("203.0.113.5:30000");
        assertThat(callee.unexpectedSourceAddress()).isTrue();
        // The callee answers to where the media came from: the NAT's public address.
        MediaBinding caller = r.lookup(0, v4("203.0.113.5"), 30000, 0, v4("198.51.100.2"), 5000, 3);
        assertThat(r.lastMatch()).isEqualTo(MediaMatch.SOURCE);
        assertThat(caller.side()).as("bound to the party it is meant for").isEqualTo(MediaSide.CALLER);
        assertThat(caller.unannouncedDestination()).isEqualTo("203.0.113.5:30000");
        // A different source port only (asymmetric RTP) is recorded but is no NAT.
        MediaBinding again = r.lookup(0, v4("192.168.1.10"), 4000, 0, v4("198.51.100.2"), 5002, 4);
        assertThat(r.lastMatch()).isEqualTo(MediaMatch.DESTINATION_UNEXPECTED_SOURCE);
        assertThat(again.unexpectedSourceAddress()).isFalse();
    }

    @Test
    void theExpectedSourceFollowsThePeerWhenItMovesItsMedia() {
        MediaRegistry r = new MediaRegistry();
        CallMedia m = new CallMedia(new Owner(1));
        m.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 0, SECOND, SECOND);
        m.announce(r, MediaSide.CALLEE, audio("10.0.0.2", 5000, ""), 1, SECOND, SECOND);
        r.lookup(0, v4("10.0.0.1"), 4000, 0, v4("10.0.0.2"), 5000, 2);
        assertThat(r.lastMatch()).isEqualTo(MediaMatch.DESTINATION);
        // A re-INVITE moves the callee's media to another address and port.
        m.announce(r, MediaSide.CALLEE, audio("10.0.0.3", 6000, ""), 3, SECOND, SECOND);
        r.lookup(0, v4("10.0.0.1"), 4000, 0, v4("10.0.0.3"), 6000, 4);
        assertThat(r.lastMatch()).as("from the callee's new endpoint").isEqualTo(MediaMatch.DESTINATION);
        MediaBinding caller = r.lookup(0, v4("10.0.0.1"), 4000, 0, v4("10.0.0.2"), 5000, 5);
        assertThat(r.lastMatch()).as("from the callee's old endpoint").isEqualTo(MediaMatch.DESTINATION_UNEXPECTED_SOURCE);
        assertThat(caller.unexpectedSource()).isEqualTo("10.0.0.2:5000");
        assertThat(caller.peer().endpointText()).isEqualTo("10.0.0.3:6000");
    }

    @Test
    void releasedEndpointsStopBindingAndAReusedPortBindsToTheNewCall() {
        MediaRegistry r = new MediaRegistry();
        Owner first = new Owner(1);
        Owner second = new Owner(2);
        CallMedia a = new CallMedia(first);
        a.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 0, SECOND, SECOND);
        a.releaseAll(r, 10 * SECOND);
        assertThat(r.lookup(0, v4("10.0.0.1"), 4000, 0, v4("10.0.0.2"), 1, 10 * SECOND - 1).owner()).isSameAs(first);
        assertThat(r.lookup(0, v4("10.0.0.1"), 4000, 0, v4("10.0.0.2"), 1, 10 * SECOND)).isNull();
        r.sweep(11 * SECOND);
        assertThat(r.endpoints()).isZero();
        assertThat(r.bindings()).isZero();

        CallMedia b = new CallMedia(second);
        a = new CallMedia(first);
        a.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 20 * SECOND, SECOND, SECOND);
        a.releaseAll(r, 30 * SECOND);
        List<MediaOwner> sharing = b.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 29 * SECOND, SECOND,
                SECOND);
        assertThat(sharing).as("announced 9 s apart: not B2BUA legs with a 1 s window").isEmpty();
        assertThat(r.lookup(0, v4("10.0.0.1"), 4000, 0, 0, 0, 29 * SECOND).owner()).isSameAs(second);
        r.sweep(31 * SECOND);
        assertThat(r.lookup(0, v4("10.0.0.1"), 4000, 0, 0, 0, 31 * SECOND).owner()).isSameAs(second);
    }

    @Test
    void theNewestOwnerHidesOlderOnesWhichComeBackWhenItGoes() {
        MediaRegistry r = new MediaRegistry();
        Owner legA = new Owner(1);
        Owner legB = new Owner(2);
        CallMedia a = new CallMedia(legA);
        CallMedia b = new CallMedia(legB);
        a.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 0, 0, SECOND);
        List<MediaOwner> sharing = b.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 10, 0, SECOND);
        assertThat(sharing).containsExactly(legA);
        assertThat(r.lookup(0, v4("10.0.0.1"), 4000, 0, 0, 0, 20).owner()).isSameAs(legB);
        b.releaseAll(r, 30);
        assertThat(r.lookup(0, v4("10.0.0.1"), 4000, 0, 0, 0, 31).owner()).isSameAs(legA);
        r.sweep(40);
        assertThat(r.lookup(0, v4("10.0.0.1"), 4000, 0, 0, 0, 41).owner()).isSameAs(legA);
        assertThat(r.bindings()).as("leg A's RTP and RTCP").isEqualTo(2);
    }

    @Test
    void portZeroHoldAddressAndHostNamesBindNothing() {
        MediaRegistry r = new MediaRegistry();
        CallMedia m = new CallMedia(new Owner(1));
        m.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 0, 0, SECOND);
        assertThat(r.endpoints()).isEqualTo(2);
        m.announce(r, MediaSide.CALLER, audio("10.0.0.1", 0, ""), 1, 0, SECOND);
        r.sweep(2);
        assertThat(r.endpoints()).as("port 0 releases the stream").isZero();
        m.announce(r, MediaSide.CALLER, audio("0.0.0.0", 4000, ""), 3, 0, SECOND);
        assertThat(m.holding(MediaSide.CALLER)).as("RFC 2543 hold").isTrue();
        assertThat(r.endpoints()).isZero();
        m.announce(r, MediaSide.CALLER, audio("media.example.com", 4000, ""), 4, 0, SECOND);
        assertThat(m.unresolvedAddresses()).isEqualTo(1);
        assertThat(r.endpoints()).isZero();
        m.announce(r, MediaSide.CALLER, audio("2001:db8::1", 4000, "a=inactive\n"), 5, 0, SECOND);
        assertThat(m.holding(MediaSide.CALLER)).isTrue();
        long[] a = new long[2];
        dev.sipscope.decoder.IpAddress.parse("2001:db8::1", a);
        assertThat(r.lookup(a[0], a[1], 4000, 0, 0, 0, 6).direction().attributeName()).isEqualTo("inactive");
    }

    @Test
    void aHostileSdpCannotRegisterUnboundedEndpoints() {
        MediaRegistry r = new MediaRegistry();
        CallMedia m = new CallMedia(new Owner(1));
        StringBuilder sb = new StringBuilder("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n");
        for (int i = 0; i < 200; i++) {
            sb.append("m=audio ").append(10000 + 2 * i).append(" RTP/AVP 0\n");
        }
        m.announce(r, MediaSide.CALLER, sdp(sb.toString()), 0, 0, SECOND);
        assertThat(r.endpoints()).isEqualTo(2 * CallMedia.MAX_MEDIA_LINES);
        for (int k = 0; k < 100; k++) {
            m.announce(r, MediaSide.CALLER, audio("10.0.0.1", 20000 + 2 * k, ""), k + 1, 0, SECOND);
        }
        assertThat(m.bindings()).hasSizeLessThanOrEqualTo(CallMedia.MAX_BINDINGS);
        r.sweep(1000);
        assertThat(r.endpoints()).isEqualTo(2);
        MediaRegistry small = new MediaRegistry(3);
        new CallMedia(new Owner(2)).announce(small, MediaSide.CALLER, sdp(sb.toString()), 0, 0, SECOND);
        assertThat(small.bindings()).isEqualTo(3);
        assertThat(small.refused()).isPositive();
    }

    @Test
    void tableMatchesAMapThroughRandomRegistrationsAndReleases() {
        Random random = new Random(20260115);
        MediaRegistry r = new MediaRegistry();
        Map<Long, MediaBinding> model = new HashMap<>();
        List<MediaBinding> live = new ArrayList<>();
        long t = 0;
        for (int step = 0; step < 20_000; step++) {
            t++;
            if (live.isEmpty() || random.nextInt(3) > 0) {
                int port = 1024 + random.nextInt(2000);
                long lo = IpAddress.v4Lo(0x0a000000 | random.nextInt(16));
                MediaBinding b = new MediaBinding(new Owner(step), MediaSide.CALLER, 0, false, 0, lo, port);
                b.describe("audio", "RTP/AVP", PayloadMap.EMPTY, null, false, t);
                r.register(b, t);
                MediaBinding old = model.put(lo * 65536 + port, b);
                if (old != null) {
                    // The older owner goes away too, so the model holds one binding per endpoint.
                    r.release(old, t);
                    live.remove(old);
                }
                live.add(b);
            } else {
                MediaBinding b = live.remove(random.nextInt(live.size()));
                r.release(b, t);
                model.remove(b.lo * 65536 + b.port);
            }
            if (step % 64 == 0) {
                r.sweep(t);
            }
            for (int probe = 0; probe < 4; probe++) {
                int port = 1024 + random.nextInt(2000);
                long lo = IpAddress.v4Lo(0x0a000000 | random.nextInt(16));
                MediaBinding expected = model.get(lo * 65536 + port);
                assertThat(r.activeAt(0, lo, port, t)).isSameAs(expected);
            }
        }
        r.sweep(t + 1);
        assertThat(r.endpoints()).isEqualTo(model.size());
    }

    @Test
    void lookupsAllocateNothing() {
        MediaRegistry r = new MediaRegistry();
        CallMedia m = new CallMedia(new Owner(1));
        m.announce(r, MediaSide.CALLER, audio("10.0.0.1", 4000, ""), 0, 0, SECOND);
        m.announce(r, MediaSide.CALLEE, audio("10.0.0.2", 5000, ""), 0, 0, SECOND);
        long caller = v4("10.0.0.1");
        long callee = v4("10.0.0.2");
        long nat = v4("203.0.113.9");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                MediaBinding b = r.lookup(0, callee, 5000, 0, caller, 4000, i);
                b.countPacket(160, i);
                sink += r.lookup(0, callee, 5000, 0, nat, 40000, i).port();
                sink += r.lookup(0, nat, 40000, 0, callee, 5000, i).port();
                sink += r.lookup(0, nat, 40002, 0, nat, 9, i) == null ? 1 : 0;
                sink += b.payloads().clockRateHz(i & 127);
            }
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            if (round == 2) {
                assertThat(allocated).as("bytes allocated by 400,000 lookups").isLessThan(1024);
            }
        }
        assertThat(sink).isPositive();
    }
}
