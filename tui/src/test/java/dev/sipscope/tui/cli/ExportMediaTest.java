package dev.sipscope.tui.cli;

import dev.sipscope.correlator.call.CallKind;
import dev.sipscope.correlator.call.CallState;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.media.MediaSide;
import dev.sipscope.correlator.media.MediaSummary;
import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ExportMedia}: which datagrams are RTCP of a chosen call, on endpoints the SDP named. */
class ExportMediaTest {
    private static final long S = 1_000_000_000L;

    private static CallSummary call(String id, long startNanos, long endNanos, String endpoint, String rtcpEndpoint) {
        MediaSummary m = new MediaSummary(MediaSide.CALLEE, 0, "audio", "RTP/AVP", endpoint, rtcpEndpoint,
                List.of("PCMU/8000"), "sendrecv", true, startNanos, 0, 0, Long.MIN_VALUE, Long.MIN_VALUE, null, null,
                false, null);
        return new CallSummary(1, id, CallKind.CALL, null, null, null, null, CallState.COMPLETED, 200, null,
                startNanos, CallSummary.NO_TIME, endNanos, -1, -1, -1, -1, 1, 0, 0, List.of(), null, List.of(), null,
                false, 0, -1, List.of(m), List.of(), startNanos);
    }

    private static Packet udp(long tNanos, String src, int srcPort, String dst, int dstPort, int secondOctet) {
        long[] a = new long[2];
        Packet p = new Packet();
        p.protocol = Packet.PROTO_UDP;
        p.timestampNanos = tNanos;
        IpAddress.parse(src, a);
        p.srcHi = a[0];
        p.srcLo = a[1];
        IpAddress.parse(dst, a);
        p.dstHi = a[0];
        p.dstLo = a[1];
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.data = new byte[] {(byte) 0x81, (byte) secondOctet, 0, 7, 1, 2, 3, 4, 0, 0, 0, 0};
        p.payloadOffset = 0;
        p.payloadLength = p.data.length;
        return p;
    }

    @Test
    void rtcpMuxOnTheAnnouncedRtpPortIsTakenButRtpThereIsNot() {
        ExportMedia media = ExportMedia.of(List.of(call("a", 10 * S, CallSummary.NO_TIME, "10.1.1.1:4000", "10.1.1.1:4000")),
                Set.of("a"), List.of(), 5 * S);
        assertThat(media.takes(udp(20 * S, "10.1.1.2", 6000, "10.1.1.1", 4000, 200))).as("SR to the mux port").isTrue();
        assertThat(media.takes(udp(20 * S, "10.1.1.1", 4000, "10.1.1.2", 6000, 201))).as("RR from it").isTrue();
        assertThat(media.takes(udp(20 * S, "10.1.1.2", 6000, "10.1.1.1", 4000, 0))).as("RTP of no stream").isFalse();
        assertThat(media.takes(udp(5 * S, "10.1.1.2", 6000, "10.1.1.1", 4000, 200))).as("before the call").isFalse();
        assertThat(media.takes(udp(20 * S, "10.1.1.2", 6000, "10.1.1.1", 4001, 200))).as("port + 1 not named").isFalse();
    }

    @Test
    void anAnnouncedRtcpPortBelongsToTheCallUntilItsEndPlusTheGraceAndThenToALaterCall() {
        CallSummary a = call("a", 10 * S, 30 * S, "[2001:db8::1]:4000", "[2001:db8::1]:4101");
        CallSummary b = call("b", 32 * S, CallSummary.NO_TIME, "[2001:db8::1]:4000", "[2001:db8::1]:4101");
        ExportMedia onlyA = ExportMedia.of(List.of(a, b), Set.of("a"), List.of(), 5 * S);
        assertThat(onlyA.takes(udp(20 * S, "2001:db8::2", 7001, "2001:db8::1", 4101, 200))).isTrue();
        assertThat(onlyA.takes(udp(31 * S, "2001:db8::1", 4101, "2001:db8::2", 7001, 203))).as("BYE in the grace").isTrue();
        assertThat(onlyA.takes(udp(33 * S, "2001:db8::2", 7001, "2001:db8::1", 4101, 200))).as("b's now").isFalse();
        assertThat(onlyA.takes(udp(40 * S, "2001:db8::2", 7001, "2001:db8::1", 4101, 200))).isFalse();
        ExportMedia onlyB = ExportMedia.of(List.of(a, b), Set.of("b"), List.of(), 5 * S);
        assertThat(onlyB.takes(udp(20 * S, "2001:db8::2", 7001, "2001:db8::1", 4101, 200))).isFalse();
        assertThat(onlyB.takes(udp(33 * S, "2001:db8::2", 7001, "2001:db8::1", 4101, 200))).isTrue();
    }
}
