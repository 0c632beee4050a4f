package dev.sipscope.samples;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.FrameEmitter;
import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.MergedGenerator;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.rtp.RtcpGenerator;
import dev.sipscope.samples.rtp.RtcpReport;
import dev.sipscope.samples.rtp.RtpStreamBuilder;
import dev.sipscope.samples.rtp.RtpStreamGenerator;
import dev.sipscope.samples.rtp.RtpStreamSpec;
import dev.sipscope.samples.rtp.StreamTruth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A stand-alone RTP stream, its optional reverse and their RTCP, without signalling. */
final class StreamItemGenerator implements FrameGenerator {
    private final MergedGenerator inner = new MergedGenerator();
    private final int index;
    private final String label;
    private final Consumer<StreamGroupTruth> sink;
    private final RtpStreamGenerator forward;
    private final RtpStreamGenerator backward;
    private final List<RtcpReport> rtcp = new ArrayList<>();
    private boolean finished;

    StreamItemGenerator(RtpStreamBuilder b, int index, long startNanos, PacketBuilder packets, SeededRandom random,
                        Consumer<StreamGroupTruth> sink) {
        if (b.from() == null || b.to() == null) {
            throw new IllegalArgumentException("a stand-alone RTP stream needs from(...) and to(...)");
        }
        this.index = index;
        this.sink = sink;
        this.label = b.label() != null ? b.label() : b.from() + "->" + b.to();
        long end = startNanos + Math.round(b.seconds() * 1e9);
        RtpStreamSpec spec = RtpStreamSpec.resolve(label, b, b.from(), b.to(), b.path(), b.codec(), startNanos, end,
                List.of(), random.child(1));
        forward = new RtpStreamGenerator(spec, packets, random.child(2), null);
        inner.add(forward);
        if (b.hasReverse()) {
            RtpStreamSpec back = RtpStreamSpec.resolve(b.to() + "->" + b.from(), b, b.to(), b.from(), b.path(), b.codec(),
                    startNanos, end, List.of(), random.child(3));
            backward = new RtpStreamGenerator(back, packets, random.child(4), null);
            inner.add(backward);
        } else {
            backward = null;
        }
        if (b.rtcpEnabled()) {
            long iv = b.rtcpIntervalMillis() * 1_000_000L;
            Endpoint fromRtcp = b.from().withPort(b.from().port() + 1);
            Endpoint toRtcp = b.to().withPort(b.to().port() + 1);
            RtcpGenerator a = new RtcpGenerator(packets, fromRtcp, toRtcp, b.path(), spec.ssrc(), "rtp@" + b.from().ip(),
                    forward, backward, startNanos + iv, iv, end, rtcp::add);
            long ssrcB = backward != null ? backward.spec().ssrc() : random.child(5).nextUnsignedInt();
            RtcpGenerator z = new RtcpGenerator(packets, toRtcp, fromRtcp, b.path(), ssrcB, "rtp@" + b.to().ip(),
                    backward, forward, startNanos + iv + iv / 2, iv, end, rtcp::add);
            a.peer(z);
            z.peer(a);
            inner.add(a);
            inner.add(z);
        }
    }

    @Override
    public long nextNanos() {
        return inner.nextNanos();
    }

    @Override
    public void emitNext(FrameEmitter out) throws IOException {
        inner.emitNext(out);
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        List<StreamTruth> streams = new ArrayList<>(2);
        streams.add(forward.truth());
        if (backward != null) {
            streams.add(backward.truth());
        }
        sink.accept(new StreamGroupTruth(index, label, streams, rtcp));
    }
}
