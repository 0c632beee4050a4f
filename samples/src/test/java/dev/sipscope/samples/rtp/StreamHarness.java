package dev.sipscope.samples.rtp;

import dev.sipscope.capture.Frame;
import dev.sipscope.samples.WireCheck;
import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.MergedGenerator;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs RTP generators into memory and decodes what came out, for the tests of this package. */
final class StreamHarness {
    static final long T0 = 1_768_471_200_000_000_000L; // 2026-01-15T10:00:00Z
    static final Endpoint A = Endpoint.of("10.9.0.1", 7000);
    static final Endpoint B = Endpoint.of("10.9.0.2", 8000);

    /** One decoded RTP packet. */
    record Rtp(long tsNanos, int version, boolean marker, int payloadType, int seq, long timestamp, long ssrc,
               byte[] payload) {
    }

    final PacketBuilder packets = new PacketBuilder(new SeededRandom(11));
    final List<Frame> frames = new ArrayList<>();

    static RtpOptions options() {
        return new RtpOptions();
    }

    RtpStreamGenerator stream(RtpSettings<?> settings, Codec codec, long seconds, long seed) {
        RtpStreamSpec spec = RtpStreamSpec.resolve("a->b", settings, A, B, NetPath.DEFAULT, codec, T0,
                T0 + seconds * 1_000_000_000L, List.of(), new SeededRandom(seed));
        return new RtpStreamGenerator(spec, packets, new SeededRandom(seed + 1), null);
    }

    void run(FrameGenerator... generators) throws IOException {
        MergedGenerator merge = new MergedGenerator();
        for (FrameGenerator g : generators) {
            merge.add(g);
        }
        long[] n = {0};
        while (merge.nextNanos() != FrameGenerator.DONE) {
            merge.emitNext(f -> {
                frames.add(f.copy());
                return ++n[0];
            });
        }
    }

    List<WireCheck.Packet> udp() {
        return WireCheck.parseAll(frames);
    }

    static Rtp rtp(WireCheck.Packet p) {
        byte[] b = p.payload();
        int seq = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        long ts = ((long) (b[4] & 0xFF) << 24) | ((b[5] & 0xFF) << 16) | ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
        long ssrc = ((long) (b[8] & 0xFF) << 24) | ((b[9] & 0xFF) << 16) | ((b[10] & 0xFF) << 8) | (b[11] & 0xFF);
        return new Rtp(p.tsNanos(), (b[0] & 0xFF) >> 6, (b[1] & 0x80) != 0, b[1] & 0x7F, seq, ts, ssrc,
                java.util.Arrays.copyOfRange(b, 12, b.length));
    }

    List<Rtp> rtpFrom(Endpoint src) {
        List<Rtp> out = new ArrayList<>();
        for (WireCheck.Packet p : udp()) {
            if (p.srcPort() == src.port() && p.src().equals(src.ip().toString())) {
                out.add(rtp(p));
            }
        }
        return out;
    }

    /** RFC 3550 A.8 over a list of arrivals of one payload type (an independent implementation). */
    static double referenceJitter(List<RtpArrival> arrivals, int payloadType, int clockRateHz, long originNanos) {
        double j = 0;
        Double last = null;
        long lastTs = -1;
        long unwrapped = 0;
        for (RtpArrival a : arrivals) {
            if (a.payloadType() != payloadType) {
                continue;
            }
            if (lastTs >= 0) {
                int diff = (int) (a.timestamp() - lastTs); // 32-bit wrap-aware difference
                unwrapped += diff;
            }
            lastTs = a.timestamp();
            double transit = (a.arrivalNanos() - originNanos) * (double) clockRateHz / 1e9 - unwrapped;
            if (last != null) {
                j += (Math.abs(transit - last) - j) / 16;
            }
            last = transit;
        }
        return j;
    }
}
