package dev.sipscope.correlator;

import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.Correlator;
import dev.sipscope.correlator.media.MediaCounter;
import dev.sipscope.correlator.media.MediaRegistry;
import dev.sipscope.correlator.media.QualityMediaSink;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.sip.SipDecoder;
import dev.sipscope.decoder.sip.SipMalformed;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.decoder.tcp.TcpStream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The single writer: owns every piece of correlation state (SIP decoder and framers, correlator,
 * media registry) and is fed decoded packets on one thread, as the {@link PacketSink} of a
 * {@code PacketDecoder}.
 *
 * <pre>
 *   PacketDecoder ─▶ Engine ─┬─ SIP (datagrams, TCP streams) ─▶ SipDecoder ─▶ Correlator ─▶ MediaRegistry
 *                            └─ every other datagram ─▶ media sink (stream statistics), which binds
 *                               packets to calls through {@link #media()}
 * </pre>
 *
 * Nothing inside takes a lock: every method must be called on the engine thread.
 * {@link #snapshot()} copies what the engine knows into immutable values that may then be handed to
 * any thread (a volatile field or a queue is enough to publish them); only calls that changed since
 * the previous snapshot are rebuilt. Time is capture time: each packet moves it forward, and RFC
 * 3261 timers and media releases follow it; {@link #advanceTime} moves it without a packet (live
 * capture in a quiet moment).
 */
public final class Engine implements PacketSink {
    private final EngineConfig config;
    private final MediaRegistry registry;
    private final Correlator correlator;
    private final SipDecoder sip;
    private final PacketSink media;
    /** Sees every SIP message right after the correlator did, or null (see {@link #tapSip}). */
    private SipSink tap;

    /** An engine whose media sink is a {@link MediaCounter} (counts bound RTP/RTCP per endpoint). */
    public Engine(EngineConfig config) {
        this(config, MediaCounter::new);
    }

    /**
     * @param mediaSink makes the sink for every datagram that is not SIP, given the engine's media
     *                  registry (stream statistics connect here)
     */
    public Engine(EngineConfig config, Function<MediaRegistry, PacketSink> mediaSink) {
        this.config = config;
        this.registry = new MediaRegistry(config.maxMediaBindings());
        this.correlator = new Correlator(config.correlator(), registry);
        this.sip = new SipDecoder(config.sipLimits(), config.sipPorts(), new SipSink() {
            @Override
            public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
                correlator.onSipMessage(message, transport, packet);
                SipSink t = tap;
                if (t != null) {
                    t.onSipMessage(message, transport, packet);
                }
            }

            @Override
            public void onSipMalformed(SipMalformed reason, SipTransport transport, Packet packet) {
                correlator.onSipMalformed(reason, transport, packet);
            }
        });
        this.media = mediaSink.apply(registry);
    }

    public EngineConfig config() {
        return config;
    }

    /** The media registry: where the media sink binds RTP and RTCP to calls. */
    public MediaRegistry media() {
        return registry;
    }

    public Correlator correlator() {
        return correlator;
    }

    public SipDecoder sipDecoder() {
        return sip;
    }

    /**
     * Hands every decoded SIP message to {@code sink} right after the correlator took it (so the
     * call it belongs to already exists), on the engine thread; null removes it. For a front end
     * that needs more than the snapshot carries, such as the frame each message came in.
     */
    public void tapSip(SipSink sink) {
        this.tap = sink;
    }

    /** The sink non-SIP datagrams go to. */
    public PacketSink mediaSink() {
        return media;
    }

    // ---------------------------------------------------------------- PacketSink

    @Override
    public void onDatagram(Packet packet) {
        correlator.advanceTime(packet.timestampNanos);
        if (!sip.offerDatagram(packet)) {
            media.onDatagram(packet);
        }
    }

    @Override
    public void onTcpData(TcpStream stream, Packet packet) {
        correlator.advanceTime(packet.timestampNanos);
        sip.onTcpData(stream, packet);
    }

    @Override
    public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
        sip.onTcpGap(stream, fromClient, missingBytes);
    }

    @Override
    public void onTcpClose(TcpStream stream) {
        sip.onTcpClose(stream);
    }

    /**
     * The end of the input: a media sink that works behind (a batched {@link QualityMediaSink}, maybe
     * on a thread of its own) catches up, and what failed there is rethrown. Idempotent.
     */
    public void finish() {
        if (media instanceof QualityMediaSink) {
            ((QualityMediaSink) media).finish();
        }
    }

    /** Moves capture time forward without a packet (timers, media releases). */
    public void advanceTime(long timeNanos) {
        correlator.advanceTime(timeNanos);
    }

    // ---------------------------------------------------------------- publishing

    /** SIP messages with a Call-ID seen so far. */
    public long sipMessages() {
        return correlator.messages();
    }

    /** SIP decoding problems plus messages without Call-ID. */
    public long sipMalformed() {
        return sip.malformed() + correlator.messagesWithoutCallId();
    }

    /** {@link #sipMalformed()} per reason (lower-case names), non-zero ones only, in a stable order. */
    public Map<String, Long> sipMalformedReasons() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (SipMalformed r : SipMalformed.values()) {
            long n = sip.malformed(r);
            if (n > 0) {
                out.put(r.name().toLowerCase(Locale.ROOT), n);
            }
        }
        if (correlator.messagesWithoutCallId() > 0) {
            out.put("missing_call_id", correlator.messagesWithoutCallId());
        }
        return out;
    }

    /** What the engine knows now, as immutable values (engine thread; cost: the calls that changed). */
    public EngineSnapshot snapshot() {
        List<CallSummary> calls = correlator.summaries();
        return new EngineSnapshot(correlator.nowNanos(), correlator.messages(), correlator.messagesWithoutCallId(),
                sipMalformed(), java.util.Collections.unmodifiableMap(sipMalformedReasons()), correlator.retransmissions(),
                correlator.callsCreated(), correlator.callsEvicted(), registry.endpoints(), registry.lookups(),
                registry.boundLookups(), calls);
    }
}
