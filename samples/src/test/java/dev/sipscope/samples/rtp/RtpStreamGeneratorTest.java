package dev.sipscope.samples.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtpStreamGeneratorTest {

    @Test
    void cleanStreamIsPerfectlyRegular() throws Exception {
        StreamHarness h = new StreamHarness();
        RtpStreamGenerator g = h.stream(StreamHarness.options().ssrc(0x12345678L).startSeq(1000).startTimestamp(5000),
                Codec.PCMU, 10, 1);
        h.run(g);
        StreamTruth t = g.truth();
        assertThat(t.sent()).isEqualTo(500);
        assertThat(t.captured()).isEqualTo(500);
        assertThat(t.expected()).isEqualTo(500);
        assertThat(t.lost()).isZero();
        assertThat(t.duplicates()).isZero();
        assertThat(t.reordered()).isZero();
        assertThat(t.jitterRfc3550()).isZero();
        assertThat(t.markers()).isEqualTo(1);
        List<StreamHarness.Rtp> rtp = h.rtpFrom(StreamHarness.A);
        assertThat(rtp).hasSize(500);
        for (int i = 0; i < rtp.size(); i++) {
            StreamHarness.Rtp p = rtp.get(i);
            assertThat(p.version()).isEqualTo(2);
            assertThat(p.payloadType()).isZero();
            assertThat(p.ssrc()).isEqualTo(0x12345678L);
            assertThat(p.seq()).isEqualTo(1000 + i);
            assertThat(p.timestamp()).isEqualTo(5000 + 160L * i);
            assertThat(p.payload()).hasSize(160);
            assertThat(p.marker()).isEqualTo(i == 0);
            assertThat(p.tsNanos()).isEqualTo(StreamHarness.T0 + i * 20_000_000L);
        }
    }

    @Test
    void sequenceAndTimestampWrapAreForcedByTheStartValues() throws Exception {
        StreamHarness h = new StreamHarness();
        RtpStreamGenerator g = h.stream(StreamHarness.options().startSeq(65530).startTimestamp(0xFFFF_FF00L), Codec.PCMA,
                1, 2);
        h.run(g);
        List<StreamHarness.Rtp> rtp = h.rtpFrom(StreamHarness.A);
        assertThat(rtp).extracting(StreamHarness.Rtp::seq).startsWith(65530, 65531, 65532, 65533, 65534, 65535, 0, 1);
        assertThat(rtp.get(1).timestamp()).isEqualTo(0xFFFF_FFA0L);
        assertThat(rtp.get(2).timestamp()).isEqualTo(64); // 0xFFFFFF00 + 320 modulo 2^32
        StreamTruth t = g.truth();
        assertThat(t.minExtSeq()).isEqualTo(65530);
        assertThat(t.maxExtSeq()).isEqualTo(65530 + 49);
        assertThat(t.arrivals().get(49).seq()).isEqualTo((65530 + 49) & 0xFFFF);
        assertThat(t.expected()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 99})
    void truthOfAnImpairedStreamAgreesWithWhatWasCaptured(long seed) throws Exception {
        StreamHarness h = new StreamHarness();
        RtpStreamGenerator g = h.stream(StreamHarness.options().burstyLoss(0.05, 3).jitterMillis(12).reorder(0.02)
                .duplicates(0.03), Codec.PCMU, 30, seed);
        h.run(g);
        StreamTruth t = g.truth();
        List<RtpArrival> arrivals = t.arrivals();
        List<StreamHarness.Rtp> rtp = h.rtpFrom(StreamHarness.A);
        assertThat(arrivals).hasSize(rtp.size());
        assertThat(t.captured()).isEqualTo(rtp.size());

        BitSet seen = new BitSet();
        long max = -1;
        long min = Long.MAX_VALUE;
        long unique = 0;
        long duplicates = 0;
        long reordered = 0;
        long lastTime = Long.MIN_VALUE;
        for (int i = 0; i < arrivals.size(); i++) {
            RtpArrival a = arrivals.get(i);
            StreamHarness.Rtp p = rtp.get(i);
            assertThat(a.arrivalNanos()).isEqualTo(p.tsNanos()).isGreaterThanOrEqualTo(lastTime);
            lastTime = a.arrivalNanos();
            assertThat(a.seq()).isEqualTo(p.seq());
            assertThat(a.timestamp()).isEqualTo(p.timestamp());
            assertThat(a.seq()).isEqualTo((int) (a.extSeq() & 0xFFFF));
            int index = (int) (a.extSeq() - t.spec().startSeq());
            boolean dup = seen.get(index);
            assertThat(a.duplicate()).isEqualTo(dup);
            if (dup) {
                duplicates++;
            } else {
                seen.set(index);
                unique++;
                if (a.extSeq() < max) {
                    reordered++;
                }
            }
            max = Math.max(max, a.extSeq());
            min = Math.min(min, a.extSeq());
        }
        assertThat(t.unique()).isEqualTo(unique);
        assertThat(t.duplicates()).isEqualTo(duplicates).isPositive();
        assertThat(t.reordered()).isEqualTo(reordered).isPositive();
        assertThat(t.expected()).isEqualTo(max - min + 1);
        assertThat(t.lost() + t.unique()).isEqualTo(t.expected());
        assertThat(t.lost()).isPositive();
        assertThat(t.lostInNetwork()).isEqualTo(t.sent() - t.unique());
        assertThat(t.sent()).isEqualTo(1500);
        assertThat(t.cumulativeLostRfc3550()).isEqualTo(t.maxExtSeq() - t.firstArrivalExtSeq() + 1 - t.captured());
        assertThat(t.jitterRfc3550()).isCloseTo(StreamHarness.referenceJitter(arrivals, 0, 8000, StreamHarness.T0),
                within(1e-6));
        assertThat(t.jitterMillis()).isBetween(5.0, 30.0);
    }

    @Test
    void lossModelsReachTheirLongRunRates() throws Exception {
        StreamHarness h = new StreamHarness();
        RtpStreamGenerator random = h.stream(StreamHarness.options().randomLoss(0.05).recordArrivals(false), Codec.G729,
                1200, 5);
        h.run(random);
        assertThat(random.truth().lostInNetwork() / (double) random.truth().sent()).isCloseTo(0.05, within(0.006));

        StreamHarness h2 = new StreamHarness();
        RtpStreamGenerator gilbert = h2.stream(StreamHarness.options().loss(LossModel.gilbert(0.01, 0.25))
                .recordArrivals(false), Codec.G729, 1200, 6);
        h2.run(gilbert);
        StreamTruth t = gilbert.truth();
        double rate = t.lostInNetwork() / (double) t.sent();
        assertThat(rate).isCloseTo(0.01 / 0.26, within(0.008));
        double meanBurst = t.lostInNetwork() / (double) t.lossBursts();
        assertThat(meanBurst).isCloseTo(4.0, within(0.5));
        assertThat(t.maxLossBurst()).isGreaterThan(6);
    }

    @Test
    void telephoneEventsFollowRfc4733() throws Exception {
        StreamHarness h = new StreamHarness();
        RtpStreamGenerator g = h.stream(StreamHarness.options().dtmf(new DtmfEvent(1000, '5', 100, 12))
                .dtmf(new DtmfEvent(2000, '#', 50)), Codec.PCMU, 3, 3);
        h.run(g);
        List<StreamHarness.Rtp> rtp = h.rtpFrom(StreamHarness.A);
        List<StreamHarness.Rtp> five = rtp.stream().filter(p -> p.payloadType() == 101 && p.payload()[0] == 5).toList();
        assertThat(five).hasSize(5 + 2);
        assertThat(five.get(0).marker()).isTrue();
        assertThat(five).extracting(StreamHarness.Rtp::timestamp).containsOnly(five.get(0).timestamp());
        int[] durations = five.stream().mapToInt(p -> ((p.payload()[2] & 0xFF) << 8) | (p.payload()[3] & 0xFF)).toArray();
        assertThat(durations).containsExactly(160, 320, 480, 640, 800, 800, 800);
        boolean[] end = new boolean[five.size()];
        for (int i = 0; i < end.length; i++) {
            end[i] = (five.get(i).payload()[1] & 0x80) != 0;
            assertThat(five.get(i).payload()[1] & 0x3F).isEqualTo(12);
            assertThat(five.get(i).payload()).hasSize(4);
        }
        assertThat(end).containsExactly(false, false, false, false, true, true, true);
        // the sequence numbers stay contiguous across audio and events
        for (int i = 1; i < rtp.size(); i++) {
            assertThat(rtp.get(i).seq()).isEqualTo((rtp.get(i - 1).seq() + 1) & 0xFFFF);
        }
        assertThat(g.truth().dtmf()).extracting(DtmfTruth::digit).containsExactly('5', '#');
        assertThat(g.truth().dtmf().get(1).packets()).isEqualTo(3 + 2);
        assertThat(g.truth().sent()).isEqualTo(150);
    }

    @Test
    void talkSpurtsSetTheMarkerAndLeaveGaps() throws Exception {
        StreamHarness h = new StreamHarness();
        RtpStreamGenerator g = h.stream(StreamHarness.options().talkSpurts(1200, 600), Codec.PCMU, 30, 4);
        h.run(g);
        List<StreamHarness.Rtp> rtp = h.rtpFrom(StreamHarness.A);
        int spurts = 1;
        for (int i = 1; i < rtp.size(); i++) {
            StreamHarness.Rtp p = rtp.get(i);
            StreamHarness.Rtp prev = rtp.get(i - 1);
            assertThat(p.seq()).isEqualTo((prev.seq() + 1) & 0xFFFF);
            boolean gap = p.timestamp() - prev.timestamp() > 160;
            assertThat(p.marker()).as("packet %d", i).isEqualTo(gap);
            if (gap) {
                spurts++;
                assertThat(p.tsNanos() - prev.tsNanos()).isEqualTo((p.timestamp() - prev.timestamp()) / 8 * 1_000_000L);
            }
        }
        assertThat(spurts).isGreaterThan(5);
        assertThat(g.truth().markers()).isEqualTo(spurts);
        assertThat(g.truth().sent()).isLessThan(1500);
    }

    @Test
    void jitterModelsStayWithinTheirBounds() {
        dev.sipscope.samples.net.SeededRandom r = new dev.sipscope.samples.net.SeededRandom(8);
        JitterModel gaussian = JitterModel.gaussian(10);
        JitterModel uniform = JitterModel.uniform(7);
        double sum = 0;
        double sumSq = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            long d = gaussian.delayNanos(r);
            assertThat(d).isBetween(0L, gaussian.maxDelayNanos());
            sum += d / 1e6;
            sumSq += (d / 1e6) * (d / 1e6);
            assertThat(uniform.delayNanos(r)).isBetween(0L, 7_000_000L);
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(30, within(0.2));
        assertThat(Math.sqrt(sumSq / n - mean * mean)).isCloseTo(10, within(0.2));
        assertThat(JitterModel.none().delayNanos(r)).isZero();
    }
}
