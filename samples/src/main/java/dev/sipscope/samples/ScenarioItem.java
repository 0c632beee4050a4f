package dev.sipscope.samples;

import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.rtp.RtpStreamBuilder;

/** One thing that happens in a scenario: a call, a registration or a stand-alone RTP stream. */
public final class ScenarioItem {
    private final CallBuilder call;
    private final RegisterBuilder register;
    private final RtpStreamBuilder stream;

    private ScenarioItem(CallBuilder call, RegisterBuilder register, RtpStreamBuilder stream) {
        this.call = call;
        this.register = register;
        this.stream = stream;
    }

    public static ScenarioItem call(CallBuilder b) {
        b.validate();
        return new ScenarioItem(b, null, null);
    }

    public static ScenarioItem register(RegisterBuilder b) {
        b.validate();
        return new ScenarioItem(null, b, null);
    }

    public static ScenarioItem stream(RtpStreamBuilder b) {
        return new ScenarioItem(null, null, b);
    }

    /** When it starts, in milliseconds after the scenario start; its first frame is not earlier. */
    public long atMillis() {
        return call != null ? call.atMillis : register != null ? register.atMillis : stream.atMillis();
    }

    /** Builds the item's generator; its random draws depend only on {@code seed} and {@code index}. */
    FrameGenerator open(int index, long scenarioStartNanos, PacketBuilder packets, long seed, TruthSink sink) {
        long start = scenarioStartNanos + atMillis() * 1_000_000L;
        SeededRandom random = SeededRandom.derive(seed, index);
        if (call != null) {
            return new CallGenerator(call, index, start, packets, random, sink::call);
        }
        if (register != null) {
            return new RegisterGenerator(register, index, start, packets, random, sink::registration);
        }
        return new StreamItemGenerator(stream, index, start, packets, random, sink::streams);
    }
}
