package dev.sipscope.decoder.rtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target (Jazzer) for the RTP and RTCP views. The input is one UDP payload,
 * read both as RTP ({@link RtpView}, with the RFC 4733 {@link TelephoneEventView} fields of its
 * payload) and as an RTCP compound ({@link RtcpView}: every packet, report block, SDES item, BYE
 * source, APP field, XR block, VoIP metrics and DLRR entry).
 *
 * <p>Oracle: nothing throws; a valid RTP view's header, payload and padding add up to the packet
 * and lie inside it (RFC 3550 §5.1); the RTCP walk covers at most the datagram, each packet it
 * visits lies inside the walked octets, one after the other, as many as {@code packetCount()};
 * report-block, SDES, BYE, XR and DLRR offsets stay inside their packet; and the same bytes placed
 * at an offset inside a larger array give the same results (relative to that offset).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RtpRtcpFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void rtp(byte[] input) {
        String seen = describe(input, 0, input.length);
        byte[] embedded = new byte[input.length + 11];
        java.util.Arrays.fill(embedded, (byte) 0x80);
        System.arraycopy(input, 0, embedded, 5, input.length);
        String seenEmbedded = describe(embedded, 5, input.length);
        if (!seen.equals(seenEmbedded)) {
            throw new AssertionError("the same datagram inside a larger array reads differently:\n" + seen + "\n---\n"
                    + seenEmbedded);
        }
    }

    private static String describe(byte[] b, int base, int length) {
        StringBuilder sb = new StringBuilder();
        int end = base + length;
        RtpView rtp = new RtpView();
        int v = rtp.wrap(b, base, length);
        sb.append("rtp ").append(v).append(RtpView.describe(v));
        if (v == RtpView.VALID) {
            if (rtp.headerLength() + rtp.payloadLength() + rtp.paddingLength() != length
                    || rtp.payloadOffset() != base + rtp.headerLength() || rtp.payloadLength() < 0
                    || rtp.headerLength() < RtpView.FIXED_HEADER_LENGTH) {
                throw new AssertionError("RTP header " + rtp.headerLength() + " + payload " + rtp.payloadLength()
                        + " + padding " + rtp.paddingLength() + " is not the length " + length);
            }
            sb.append(rtp.version()).append(rtp.padding()).append(rtp.extension()).append(rtp.csrcCount())
                    .append(rtp.marker()).append(rtp.payloadType()).append(rtp.sequence()).append(rtp.timestamp())
                    .append(rtp.ssrc()).append(rtp.length());
            for (int i = 0; i < rtp.csrcCount(); i++) {
                sb.append(',').append(rtp.csrc(i));
            }
            if (rtp.extension()) {
                int eo = rtp.extensionDataOffset();
                int el = rtp.extensionDataLength();
                inside("extension", eo, el, base, end);
                sb.append(rtp.extensionProfile()).append(eo - base).append(el);
            }
            if (rtp.payloadLength() >= TelephoneEventView.LENGTH) {
                int w = TelephoneEventView.word(b, rtp.payloadOffset());
                int event = TelephoneEventView.event(w);
                sb.append(event).append(TelephoneEventView.end(w)).append(TelephoneEventView.volume(w))
                        .append(TelephoneEventView.duration(w)).append(TelephoneEventView.dtmfChar(event));
            }
        }
        RtcpView rtcp = new RtcpView();
        int rv = rtcp.wrap(b, base, length);
        sb.append(" rtcp ").append(rv).append(RtcpView.describe(rv)).append(rtcp.validity())
                .append(rtcp.packetCount()).append(rtcp.walkedLength());
        if (rtcp.walkedLength() < 0 || rtcp.walkedLength() > length) {
            throw new AssertionError("RTCP walk of " + rtcp.walkedLength() + " octets in a datagram of " + length);
        }
        int packets = 0;
        int expected = base;
        for (boolean more = rtcp.first(); more; more = rtcp.next()) {
            packets++;
            int po = rtcp.packetOffset();
            int pl = rtcp.packetLength();
            if (po != expected || pl < 4 || po + pl > base + rtcp.walkedLength()) {
                throw new AssertionError("RTCP packet " + packets + " at " + (po - base) + "+" + pl + ", expected at "
                        + (expected - base) + " within " + rtcp.walkedLength());
            }
            expected = po + pl;
            int pend = po + pl;
            sb.append('\n').append(rtcp.packetType()).append(rtcp.count()).append(rtcp.hasPadding())
                    .append(rtcp.senderSsrc()).append(rtcp.hasSenderInfo());
            if (rtcp.hasSenderInfo()) {
                sb.append(rtcp.ntpSeconds()).append(rtcp.ntpFraction()).append(rtcp.ntpMiddle32())
                        .append(rtcp.senderRtpTimestamp()).append(rtcp.senderPacketCount()).append(rtcp.senderOctetCount());
            }
            int blocks = rtcp.reportBlockCount();
            if (blocks < 0 || blocks * RtcpView.REPORT_BLOCK_LENGTH > pl) {
                throw new AssertionError(blocks + " report blocks in a packet of " + pl);
            }
            for (int i = 0; i < blocks; i++) {
                sb.append(rtcp.blockSsrc(i)).append(rtcp.blockFractionLost(i)).append(rtcp.blockCumulativeLost(i))
                        .append(rtcp.blockExtendedHighestSeq(i)).append(rtcp.blockJitter(i)).append(rtcp.blockLsr(i))
                        .append(rtcp.blockDlsr(i));
            }
            int type = rtcp.packetType();
            if (type == RtcpView.PT_SDES) {
                for (int items = 0; rtcp.nextSdesItem(); items++) {
                    if (items > pl) {
                        throw new AssertionError("more SDES items than octets");
                    }
                    inside("SDES item", rtcp.sdesItemOffset(), rtcp.sdesItemLength(), po, pend);
                    sb.append(rtcp.sdesSsrc()).append(rtcp.sdesItemType()).append(rtcp.sdesItemOffset() - base)
                            .append(rtcp.sdesItemLength());
                }
            } else if (type == RtcpView.PT_BYE) {
                int n = rtcp.byeSsrcCount();
                if (n < 0 || 4 + 4 * n > pl) {
                    throw new AssertionError(n + " BYE sources in a packet of " + pl);
                }
                for (int i = 0; i < n; i++) {
                    sb.append(rtcp.byeSsrc(i));
                }
                if (rtcp.byeReasonOffset() >= 0) {
                    inside("BYE reason", rtcp.byeReasonOffset(), rtcp.byeReasonLength(), po, pend);
                    sb.append(rtcp.byeReasonOffset() - base).append(rtcp.byeReasonLength());
                }
            } else if (type == RtcpView.PT_APP) {
                sb.append(rtcp.appName());
                if (rtcp.appDataLength() > 0) {
                    inside("APP data", rtcp.appDataOffset(), rtcp.appDataLength(), po, pend);
                    sb.append(rtcp.appDataOffset() - base).append(rtcp.appDataLength());
                }
            } else if (type == RtcpView.PT_XR) {
                int xr = 0;
                for (boolean x = rtcp.firstXrBlock(); x; x = rtcp.nextXrBlock()) {
                    if (++xr > pl) {
                        throw new AssertionError("more XR blocks than octets");
                    }
                    inside("XR block", rtcp.xrBlockOffset(), rtcp.xrBlockLength(), po, pend);
                    sb.append(rtcp.xrBlockType()).append(rtcp.xrTypeSpecific()).append(rtcp.xrBlockOffset() - base)
                            .append(rtcp.xrBlockLength()).append(rtcp.isVoipMetrics())
                            .append(rtcp.isReceiverReferenceTime());
                    if (rtcp.isVoipMetrics()) {
                        sb.append(rtcp.vmSsrc()).append(rtcp.vmLossRate()).append(rtcp.vmDiscardRate())
                                .append(rtcp.vmBurstDensity()).append(rtcp.vmGapDensity()).append(rtcp.vmBurstDurationMs())
                                .append(rtcp.vmGapDurationMs()).append(rtcp.vmRoundTripDelayMs())
                                .append(rtcp.vmEndSystemDelayMs()).append(rtcp.vmSignalLevel()).append(rtcp.vmNoiseLevel())
                                .append(rtcp.vmRerl()).append(rtcp.vmGmin()).append(rtcp.vmRFactor())
                                .append(rtcp.vmExtRFactor()).append(rtcp.vmMosLq()).append(rtcp.vmMosCq())
                                .append(rtcp.vmRxConfig()).append(rtcp.vmJbNominalMs()).append(rtcp.vmJbMaximumMs())
                                .append(rtcp.vmJbAbsMaxMs());
                    }
                    if (rtcp.isReceiverReferenceTime()) {
                        sb.append(rtcp.rrtNtpMiddle32());
                    }
                    int dlrr = rtcp.dlrrCount();
                    if (dlrr < 0 || 12 * dlrr > pl) {
                        throw new AssertionError(dlrr + " DLRR entries in a packet of " + pl);
                    }
                    for (int i = 0; i < dlrr; i++) {
                        sb.append(rtcp.dlrrSsrc(i)).append(rtcp.dlrrLastRr(i)).append(rtcp.dlrrDelay(i));
                    }
                }
            }
        }
        if (packets != rtcp.packetCount() || (packets > 0 && expected != base + rtcp.walkedLength())) {
            throw new AssertionError("visited " + packets + " RTCP packets ending at " + (expected - base) + ", the walk said "
                    + rtcp.packetCount() + " over " + rtcp.walkedLength());
        }
        return sb.toString();
    }

    private static void inside(String what, int offset, int length, int from, int to) {
        if (offset < from || length < 0 || offset + length > to) {
            throw new AssertionError(what + " at " + offset + "+" + length + " outside " + from + ".." + to);
        }
    }
}
