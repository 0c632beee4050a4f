package dev.sipscope.quality;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz target (Jazzer) for the {@link QualityEngine}: RTP and RTCP datagrams (or
 * anything else) on eight flows between four hosts, IPv4 or IPv6, with SDP declarations,
 * withdrawals, resumes after hold and idle expiry in between, into an engine with small bounds
 * ({@value #MAX_STREAMS} streams, {@value #MAX_CANDIDATES} candidates, {@value #MAX_RETIRED} retired
 * summaries), so that every table fills and evicts, and streams quiet for 30 s are retired at the limit as
 * batch analysis and the live view do.
 *
 * <p>Oracle: nothing throws; after every datagram the engine holds at most {@value #MAX_STREAMS}
 * streams, {@code 2 * MAX_STREAMS} endpoints and {@value #MAX_RETIRED} retired summaries, and its counters
 * never go down; at the end it lists a summary for every stream held or retired, every summary is consistent (packets and bytes not negative, first time not after the last, MOS
 * in 1..4.5 or absent) and expiring everything empties the stream table.
 *
 * <pre>
 *   record  := control:u8  timing:u8  length:u8  payload[length]   (the last one may be cut)
 *   control := bits 0-2 flow (pair = bits 1-2, bit 0 = the answering side sends), bit 3 IPv6,
 *              bit 4 declare the receiver's endpoint first (PCMU/PCMA/telephone-event/dynamic 96),
 *              bit 5 withdraw it after, bit 6 expire streams idle for 2 s, bit 7 resume after hold
 *   timing  := capture-time step before the datagram: value * 5 ms; 255 means 40 s
 * </pre>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class QualityEngineFuzzTest {
    static final int MAX_STREAMS = 6;
    static final int MAX_CANDIDATES = 4;
    static final int MAX_RETIRED = 4;
    static final long START_NANOS = 1_768_471_200_000_000_000L;
    private static final PayloadMap PAYLOADS = PayloadMap.of(new PayloadFormat(0, "PCMU", 8000),
            new PayloadFormat(8, "PCMA", 8000), new PayloadFormat(101, "telephone-event", 8000),
            new PayloadFormat(96, "opus", 48000, 2));

    @FuzzTest(maxDuration = "30s")
    void datagrams(byte[] input) {
        QualityEngine engine = new QualityEngine(QualityConfig.DEFAULTS.withLimits(MAX_STREAMS, MAX_CANDIDATES),
                QualityEngine.QUIET_STREAM_NANOS, MAX_RETIRED);
        long nanos = START_NANOS;
        QualityCounters before = engine.counters();
        for (int at = 0; input.length - at >= 3; ) {
            int control = input[at] & 0xff;
            int timing = input[at + 1] & 0xff;
            int length = Math.min(input[at + 2] & 0xff, input.length - at - 3);
            int payload = at + 3;
            at = payload + length;
            nanos += timing == 255 ? 40_000_000_000L : timing * 5_000_000L;

            int pair = (control >> 1) & 3;
            boolean answer = (control & 1) != 0;
            boolean v6 = (control & 8) != 0;
            long[] a = address(pair, false, v6);
            long[] b = address(pair, true, v6);
            int portA = 4000 + 2 * pair;
            int portB = 6000 + 2 * pair;
            long[] src = answer ? b : a;
            long[] dst = answer ? a : b;
            int srcPort = answer ? portB : portA;
            int dstPort = answer ? portA : portB;
            if ((control & 0x10) != 0) {
                engine.declareEndpoint(new MediaEndpoint(dst[0], dst[1], dstPort, 0, pair == 3, PAYLOADS, 20.0,
                        "call" + pair, 0, false, true));
            }
            engine.onDatagram(nanos, src[0], src[1], srcPort, dst[0], dst[1], dstPort, v6 ? 6 : 4, input, payload,
                    length);
            if ((control & 0x20) != 0) {
                engine.withdrawEndpoint(dst[0], dst[1], dstPort);
            }
            if ((control & 0x40) != 0) {
                engine.expireIdle(nanos, 2_000_000_000L, QualityEngineFuzzTest::check);
            }
            if ((control & 0x80) != 0) {
                engine.resumeAfterHold(dst[0], dst[1], dstPort);
            }
            if (engine.streamCount() > MAX_STREAMS) {
                throw new AssertionError(engine.streamCount() + " streams held, bound " + MAX_STREAMS);
            }
            if (engine.retiredCount() > MAX_RETIRED) {
                throw new AssertionError(engine.retiredCount() + " retired summaries kept, bound " + MAX_RETIRED);
            }
            QualityCounters now = engine.counters();
            if (now.endpoints() > 2 * MAX_STREAMS) {
                throw new AssertionError(now.endpoints() + " endpoints held, bound " + 2 * MAX_STREAMS);
            }
            if (now.datagrams() < before.datagrams() || now.rtpPackets() < before.rtpPackets()
                    || now.streamsCreated() < before.streamsCreated() || now.rtcpDatagrams() < before.rtcpDatagrams()
                || now.streamsRefused() < before.streamsRefused() || now.retiredDropped() < before.retiredDropped()) {
                throw new AssertionError("a counter went down: " + before + " -> " + now);
            }
            before = now;
        }
        List<StreamSummary> summaries = engine.summaries();
        if (summaries.size() != engine.streamCount() + engine.retiredCount()) {
            throw new AssertionError(summaries.size() + " summaries for " + engine.streamCount() + " streams held and "
                    + engine.retiredCount() + " retired");
        }
        for (int i = 1; i < summaries.size(); i++) {
            if (QualityEngine.SUMMARY_ORDER.compare(summaries.get(i - 1), summaries.get(i)) > 0) {
                throw new AssertionError("summaries out of order at " + i);
            }
        }
        summaries.forEach(QualityEngineFuzzTest::check);
        engine.expireIdle(Long.MAX_VALUE, 0, QualityEngineFuzzTest::check);
        if (engine.streamCount() != 0) {
            throw new AssertionError(engine.streamCount() + " streams left after expiring everything");
        }
    }

    private static void check(StreamSummary s) {
        if (s.packets() < 0 || s.rtpBytes() < 0 || s.payloadBytes() < 0 || s.firstNanos() > s.lastNanos()
                || s.sequence() == null) {
            throw new AssertionError("inconsistent summary: " + s);
        }
        if (s.emodel() != null) {
            for (Double mos : new Double[] {s.emodel().mosCq(), s.emodel().mosLq()}) {
                if (mos != null && !(mos >= 1.0 && mos <= 4.5)) {
                    throw new AssertionError("MOS " + mos + " outside 1..4.5: " + s);
                }
            }
        }
    }

    /** Host {@code pair} (caller or answerer) as {hi, lo}: 10.0.pair.1/2 or fd00::pair:1/2. */
    static long[] address(int pair, boolean answerer, boolean v6) {
        int host = answerer ? 2 : 1;
        if (v6) {
            return new long[] {0xfd00_0000_0000_0000L, ((long) pair << 16) | host};
        }
        return new long[] {0, dev.sipscope.decoder.IpAddress.v4Lo((10 << 24) | (pair << 8) | host)};
    }

    /** One record of the input format, for seeds and tests. */
    static void record(ByteArrayOutputStream out, int control, int timing, byte[] payload, int off, int len) {
        int n = Math.min(len, 255);
        out.write(control);
        out.write(timing);
        out.write(n);
        out.write(payload, off, n);
    }
}
