package dev.sipscope.decoder.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RTCP compound walking and every packet type; TV-XR (QUALITY.md §9.5) and TV-RTCP / TV-RTT fields (§9.4, §9.6). */
class RtcpViewTest {
    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    /** SR with one block (TV-RTCP block), SDES CNAME, then BYE. */
    static final String SR = "81 c8 000c 11111111 e8a1b2c3 40000000 00001f40 00000064 00003e80"
            + " 11223344 0a fffffe 00010005 000000a0 b7052000 00054000";
    static final String SDES = "81 ca 0005 11111111 010a 616c69636540686f7374 00000000";
    static final String BYE = "81 cb 0003 11111111 04 62796521 000000";

    @Test
    void compoundSrSdesByeIsWalkedAndDecoded() {
        byte[] b = hex(SR + SDES + BYE);
        RtcpView v = new RtcpView();
        assertThat(v.wrap(b, 0, b.length)).isEqualTo(RtcpView.VALID);
        assertThat(v.packetCount()).isEqualTo(3);
        assertThat(v.walkedLength()).isEqualTo(b.length);

        assertThat(v.first()).isTrue();
        assertThat(v.packetType()).isEqualTo(RtcpView.PT_SR);
        assertThat(v.hasSenderInfo()).isTrue();
        assertThat(v.senderSsrc()).isEqualTo(0x11111111L);
        assertThat(v.ntpSeconds()).isEqualTo(0xE8A1B2C3L);
        assertThat(v.ntpFraction()).isEqualTo(0x40000000L);
        assertThat(v.ntpMiddle32()).isEqualTo(0xB2C34000L);
        assertThat(v.senderRtpTimestamp()).isEqualTo(8000);
        assertThat(v.senderPacketCount()).isEqualTo(100);
        assertThat(v.senderOctetCount()).isEqualTo(16000);
        assertThat(v.reportBlockCount()).isEqualTo(1);
        assertThat(v.blockSsrc(0)).isEqualTo(0x11223344L);
        assertThat(v.blockFractionLost(0)).isEqualTo(10);
        assertThat(v.blockFractionLost(0) * 100.0 / 256).isEqualTo(3.90625);
        assertThat(v.blockCumulativeLost(0)).isEqualTo(-2);
        assertThat(v.blockExtendedHighestSeq(0) >>> 16).isEqualTo(1);
        assertThat(v.blockExtendedHighestSeq(0) & 0xffff).isEqualTo(5);
        assertThat(v.blockJitter(0)).isEqualTo(160);
        assertThat(v.blockJitter(0) * 1000.0 / 8000).isEqualTo(20.0);
        assertThat(v.blockLsr(0)).isEqualTo(0xB7052000L);
        assertThat(v.blockDlsr(0)).isEqualTo(0x00054000L);
        assertThat(NtpTime.unitsToSeconds(v.blockDlsr(0))).isEqualTo(5.25);

        assertThat(v.next()).isTrue();
        assertThat(v.packetType()).isEqualTo(RtcpView.PT_SDES);
        assertThat(v.nextSdesItem()).isTrue();
        assertThat(v.sdesSsrc()).isEqualTo(0x11111111L);
        assertThat(v.sdesItemType()).isEqualTo(RtcpView.SDES_CNAME);
        assertThat(new String(b, v.sdesItemOffset(), v.sdesItemLength(), StandardCharsets.US_ASCII))
                .isEqualTo("alice@host");
        assertThat(v.nextSdesItem()).isFalse();

        assertThat(v.next()).isTrue();
        assertThat(v.packetType()).isEqualTo(RtcpView.PT_BYE);
        assertThat(v.byeSsrcCount()).isEqualTo(1);
        assertThat(v.byeSsrc(0)).isEqualTo(0x11111111L);
        assertThat(new String(b, v.byeReasonOffset(), v.byeReasonLength(), StandardCharsets.US_ASCII)).isEqualTo("bye!");
        assertThat(v.next()).isFalse();
    }

    @Test
    void roundTripArithmeticOfRfc3550() {
        assertThat(NtpTime.roundTripUnits(0xB7108000L, 0xB7052000L, 0x00054000L)).isEqualTo(0x00062000L);
        assertThat(NtpTime.unitsToSeconds(0x00062000L)).isEqualTo(6.125);
        assertThat(NtpTime.middle32(0xE8A1B2C3L, 0x40000000L)).isEqualTo(0xB2C34000L);
    }

    @Test
    void tvXrVoipMetricsBlockDecodes() {
        String block = "07 00 0008 11223344 0C 05 99 02 0032 0780 005F 0064 EC C4 7F 10 4F 7F 28 25 E8 00 003C 0064 00C8";
        byte[] b = hex("80 cf 000a 55555555" + block);
        RtcpView v = new RtcpView();
        assertThat(v.wrap(b, 0, b.length)).isEqualTo(RtcpView.VALID);
        assertThat(v.first()).isTrue();
        assertThat(v.packetType()).isEqualTo(RtcpView.PT_XR);
        assertThat(v.senderSsrc()).isEqualTo(0x55555555L);
        assertThat(v.firstXrBlock()).isTrue();
        assertThat(v.isVoipMetrics()).isTrue();
        assertThat(v.xrBlockLength()).isEqualTo(36);
        assertThat(v.vmSsrc()).isEqualTo(0x11223344L);
        assertThat(v.vmLossRate()).isEqualTo(12);
        assertThat(v.vmLossRate() * 100.0 / 256).isEqualTo(4.6875);
        assertThat(v.vmDiscardRate()).isEqualTo(5);
        assertThat(v.vmBurstDensity()).isEqualTo(153);
        assertThat(v.vmGapDensity()).isEqualTo(2);
        assertThat(v.vmBurstDurationMs()).isEqualTo(50);
        assertThat(v.vmGapDurationMs()).isEqualTo(1920);
        assertThat(v.vmRoundTripDelayMs()).isEqualTo(95);
        assertThat(v.vmEndSystemDelayMs()).isEqualTo(100);
        assertThat(v.vmSignalLevel()).isEqualTo(-20);
        assertThat(v.vmNoiseLevel()).isEqualTo(-60);
        assertThat(v.vmRerl()).isEqualTo(RtcpView.XR_UNAVAILABLE);
        assertThat(v.vmGmin()).isEqualTo(16);
        assertThat(v.vmRFactor()).isEqualTo(79);
        assertThat(v.vmExtRFactor()).isEqualTo(RtcpView.XR_UNAVAILABLE);
        assertThat(v.vmMosLq()).isEqualTo(40);
        assertThat(v.vmMosCq()).isEqualTo(37);
        assertThat(v.vmRxConfig() >>> 6).isEqualTo(3);
        assertThat((v.vmRxConfig() >>> 4) & 3).isEqualTo(2);
        assertThat(v.vmRxConfig() & 15).isEqualTo(8);
        assertThat(v.vmJbNominalMs()).isEqualTo(60);
        assertThat(v.vmJbMaximumMs()).isEqualTo(100);
        assertThat(v.vmJbAbsMaxMs()).isEqualTo(200);
        assertThat(v.nextXrBlock()).isFalse();
    }

    @Test
    void xrUnknownBlocksAreSkippedAndRrtDlrrRead() {
        // BT 42 (unknown, 1 word of content), RRT, DLRR with one sub-block.
        String unknown = "2a 00 0001 deadbeef";
        String rrt = "04 00 0002 e8a1b2c3 40000000";
        String dlrr = "05 00 0003 22222222 b2c34000 00002000";
        byte[] b = hex("80 cf 000a 33333333" + unknown + rrt + dlrr);
        RtcpView v = new RtcpView();
        assertThat(v.wrap(b, 0, b.length)).isEqualTo(RtcpView.VALID);
        v.first();
        assertThat(v.firstXrBlock()).isTrue();
        assertThat(v.xrBlockType()).isEqualTo(42);
        assertThat(v.isVoipMetrics()).isFalse();
        assertThat(v.nextXrBlock()).isTrue();
        assertThat(v.isReceiverReferenceTime()).isTrue();
        assertThat(v.rrtNtpMiddle32()).isEqualTo(0xB2C34000L);
        assertThat(v.nextXrBlock()).isTrue();
        assertThat(v.dlrrCount()).isEqualTo(1);
        assertThat(v.dlrrSsrc(0)).isEqualTo(0x22222222L);
        assertThat(v.dlrrLastRr(0)).isEqualTo(0xB2C34000L);
        assertThat(v.dlrrDelay(0)).isEqualTo(0x2000);
        assertThat(v.nextXrBlock()).isFalse();
    }

    @Test
    void rrWithSeveralBlocksAndAppPacket() {
        String block = "11223344 00 000000 00000010 00000000 00000000 00000000";
        byte[] b = hex("82 c9 000d 44444444" + block + block.replace("11223344", "55667788")
                + "80 cc 0003 44444444 4e414d45 00000001");
        RtcpView v = new RtcpView();
        assertThat(v.wrap(b, 0, b.length)).isEqualTo(RtcpView.VALID);
        v.first();
        assertThat(v.packetType()).isEqualTo(RtcpView.PT_RR);
        assertThat(v.hasSenderInfo()).isFalse();
        assertThat(v.reportBlockCount()).isEqualTo(2);
        assertThat(v.blockSsrc(1)).isEqualTo(0x55667788L);
        v.next();
        assertThat(v.packetType()).isEqualTo(RtcpView.PT_APP);
        assertThat(v.appName()).isEqualTo(0x4e414d45);
        assertThat(v.appDataLength()).isEqualTo(4);
    }

    @Test
    void malformedCompoundsAreRejectedWithTheirReason() {
        RtcpView v = new RtcpView();
        assertThat(v.wrap(hex("80c8"), 0, 2)).isEqualTo(RtcpView.TOO_SHORT);
        assertThat(v.wrap(hex("40 c8 0001 11111111"), 0, 8)).isEqualTo(RtcpView.BAD_VERSION);
        assertThat(v.wrap(hex("80 c0 0001 11111111"), 0, 8)).isEqualTo(RtcpView.UNKNOWN_FIRST_TYPE);
        assertThat(v.wrap(hex("80 c9 0005 11111111"), 0, 8)).isEqualTo(RtcpView.BAD_LENGTH);
        // Padding on the first of two packets.
        assertThat(v.wrap(hex("a0 c9 0001 11111111 80 ca 0001 22222222"), 0, 16)).isEqualTo(RtcpView.BAD_PADDING);
        // RR then encrypted-looking octets (SRTCP): the good part is still reported.
        byte[] srtcp = hex("80 c9 0001 11111111 1f2e3d4c 80000001 0102030405060708090a");
        assertThat(v.wrap(srtcp, 0, srtcp.length)).isEqualTo(RtcpView.TRAILING_DATA);
        assertThat(v.packetCount()).isEqualTo(1);
        assertThat(v.first()).isTrue();
        assertThat(v.senderSsrc()).isEqualTo(0x11111111L);
        // RC larger than the blocks present: capped.
        byte[] short1 = hex("85 c9 0001 11111111");
        assertThat(v.wrap(short1, 0, short1.length)).isEqualTo(RtcpView.VALID);
        v.first();
        assertThat(v.reportBlockCount()).isZero();
        assertThat(RtcpView.describe(RtcpView.TRAILING_DATA)).contains("SRTCP");
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(3550);
        RtcpView v = new RtcpView();
        String[] seeds = {SR + SDES + BYE, "80 cf 000a 55555555 07 00 0008 11223344 0C 05 99 02 0032 0780 005F 0064 EC C4 7F 10 4F 7F 28 25 E8 00 003C 0064 00C8"};
        for (int i = 0; i < 50_000; i++) {
            byte[] b;
            if (r.nextBoolean()) {
                b = hex(seeds[r.nextInt(seeds.length)]);
                for (int k = r.nextInt(6); k >= 0; k--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                if (r.nextBoolean()) {
                    b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                }
            } else {
                b = new byte[r.nextInt(80)];
                r.nextBytes(b);
                if (b.length > 1) {
                    b[0] = (byte) 0x80;
                    b[1] = (byte) (200 + r.nextInt(8));
                }
            }
            v.wrap(b, 0, b.length);
            for (boolean more = v.first(); more; more = v.next()) {
                v.packetType();
                v.senderSsrc();
                for (int k = 0; k < v.reportBlockCount(); k++) {
                    v.blockCumulativeLost(k);
                    v.blockDlsr(k);
                }
                if (v.hasSenderInfo()) {
                    v.ntpMiddle32();
                }
                while (v.nextSdesItem()) {
                    assertThat(v.sdesItemOffset() + v.sdesItemLength()).isLessThanOrEqualTo(b.length);
                }
                for (int k = 0; k < v.byeSsrcCount(); k++) {
                    v.byeSsrc(k);
                }
                v.byeReasonLength();
                v.appName();
                for (boolean x = v.firstXrBlock(); x; x = v.nextXrBlock()) {
                    if (v.isVoipMetrics()) {
                        v.vmJbAbsMaxMs();
                    }
                    if (v.isReceiverReferenceTime()) {
                        v.rrtNtpMiddle32();
                    }
                    for (int k = 0; k < v.dlrrCount(); k++) {
                        v.dlrrDelay(k);
                    }
                }
            }
        }
    }
}
