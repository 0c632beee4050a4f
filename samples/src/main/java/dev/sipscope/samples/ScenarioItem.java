package dev.sipscope.samples;

import dev.sipscope.samples.net.FrameGenerator;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.rtp.RtpStreamBuilder;

/**
 * One thing that happens in a scenario: a call, a forked call, a transfer, a B2BUA call, a
 * registration, an OPTIONS / MESSAGE / subscription exchange or a stand-alone RTP stream.
 */
public final class ScenarioItem {
    /** Builds the item's generator once the run reaches its start. */
    @FunctionalInterface
    private interface Opener {
        FrameGenerator open(int index, long startNanos, PacketBuilder packets, SeededRandom random, TruthSink sink);
    }

    private final long atMillis;
    private final Opener opener;

    private ScenarioItem(long atMillis, Opener opener) {
        this.atMillis = atMillis;
        this.opener = opener;
    }

    public static ScenarioItem call(CallBuilder b) {
        b.validate();
        return new ScenarioItem(b.atMillis, (i, s, p, r, sink) -> new CallGenerator(b, i, s, p, r, sink::call));
    }

    public static ScenarioItem register(RegisterBuilder b) {
        b.validate();
        return new ScenarioItem(b.atMillis, (i, s, p, r, sink) -> new RegisterGenerator(b, i, s, p, r, sink::registration));
    }

    public static ScenarioItem stream(RtpStreamBuilder b) {
        return new ScenarioItem(b.atMillis(), (i, s, p, r, sink) -> new StreamItemGenerator(b, i, s, p, r, sink::streams));
    }

    public static ScenarioItem forkedCall(ForkedCallBuilder b) {
        b.validate();
        return new ScenarioItem(b.atMillis, (i, s, p, r, sink) -> new ForkedCallGenerator(b, i, s, p, r, sink::call));
    }

    public static ScenarioItem transfer(TransferBuilder b) {
        b.validate();
        return new ScenarioItem(b.atMillis, (i, s, p, r, sink) -> new TransferGenerator(b, i, s, p, r, sink::call));
    }

    public static ScenarioItem b2bua(B2buaBuilder b) {
        b.validate();
        return new ScenarioItem(b.atMillis, (i, s, p, r, sink) -> new B2buaGenerator(b, i, s, p, r, sink::call));
    }

    public static ScenarioItem request(RequestBuilder b) {
        b.validate();
        return new ScenarioItem(b.atMillis, (i, s, p, r, sink) -> new ExchangeGenerator(b, i, s, p, r, sink::exchange));
    }

    public static ScenarioItem subscribe(SubscribeBuilder b) {
        b.validate();
        return new ScenarioItem(b.atMillis, (i, s, p, r, sink) -> new ExchangeGenerator(b, i, s, p, r, sink::exchange));
    }

    /** When it starts, in milliseconds after the scenario start; its first frame is not earlier. */
    public long atMillis() {
        return atMillis;
    }

    /** Builds the item's generator; its random draws depend only on {@code seed} and {@code index}. */
    FrameGenerator open(int index, long scenarioStartNanos, PacketBuilder packets, long seed, TruthSink sink) {
        long start = scenarioStartNanos + atMillis * 1_000_000L;
        return opener.open(index, start, packets, SeededRandom.derive(seed, index), sink);
    }
}
