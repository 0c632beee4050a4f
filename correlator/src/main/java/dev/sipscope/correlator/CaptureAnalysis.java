package dev.sipscope.correlator;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.DecoderStats;
import dev.sipscope.decoder.Malformed;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.sip.SipLookahead;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One pass over a frame source: every frame through the decoder, counting what the capture holds,
 * and, with an {@link Engine}, correlating SIP into calls (read the calls afterwards with
 * {@link Engine#snapshot()}). Runs on the calling thread, which is then the engine thread; memory
 * is bounded by the decoder's and the engine's own bounds. At the end (or on an error) it calls
 * {@link Engine#finish()}, so an engine whose stream statistics are fed in batches, maybe on a
 * thread of their own ({@code QualityMediaSink.batched}), has caught up when this returns.
 */
public final class CaptureAnalysis {

    /** Told about progress every {@link #PROGRESS_EVERY_FRAMES} frames and once at the end. */
    public interface ProgressListener {
        void progress(long frames, long position, long size);
    }

    public static final int PROGRESS_EVERY_FRAMES = 1 << 16;

    private final DecoderConfig config;
    private final PacketSink sink;
    private final Engine engine;
    private ProgressListener progress = (f, p, s) -> { };
    /** A second reader of the same capture, for {@link SipLookahead}, or null. */
    private FrameSource twin;
    private long parsedAhead;

    /** Frames and transports only: decoded packets go to {@code sink}; no SIP counts. */
    public CaptureAnalysis(DecoderConfig config, PacketSink sink) {
        this.config = config;
        this.sink = sink;
        this.engine = null;
    }

    /** Frames, transports and SIP: decoded packets go to {@code engine}. */
    public CaptureAnalysis(DecoderConfig config, Engine engine) {
        this.config = config;
        this.sink = engine;
        this.engine = engine;
    }

    public CaptureAnalysis onProgress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Parses SIP ahead on a second thread ({@link SipLookahead}) from {@code twin}, a second reader
     * of exactly the capture {@link #run} will read, which the lookahead closes. Only with an
     * engine; without one {@code twin} is closed at once. The results are the same with or without.
     */
    public CaptureAnalysis parseAhead(FrameSource twin) throws IOException {
        if (engine == null) {
            twin.close();
        } else {
            this.twin = twin;
        }
        return this;
    }

    /** SIP messages of the last {@link #run} that the engine took from the lookahead (see {@link #parseAhead}). */
    public long parsedAhead() {
        return parsedAhead;
    }

    /** Reads {@code source} to its end (it is not closed here). */
    public CaptureSummary run(FrameSource source, List<String> inputNames) throws IOException {
        PacketDecoder decoder = new PacketDecoder(config, sink);
        long frames = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        SipLookahead ahead = null;
        if (twin != null) {
            ahead = SipLookahead.start(twin, config, engine.config().sipLimits());
            twin = null;
            engine.sipDecoder().parseAhead(ahead);
        }
        try {
            Frame f;
            while ((f = source.next()) != null) {
                frames++;
                if (ahead != null) {
                    ahead.frame(frames);
                }
                long t = f.timestampNanos();
                if (t < first) {
                    first = t;
                }
                if (t > last) {
                    last = t;
                }
                decoder.decode(f);
                if ((frames & (PROGRESS_EVERY_FRAMES - 1)) == 0) {
                    progress.progress(frames, source.position(), source.size());
                }
            }
            decoder.finish();
        } catch (IOException | RuntimeException | Error e) {
            if (engine != null) {
                try {
                    engine.finish();
                } catch (RuntimeException | Error also) {
                    if (also != e) {
                        e.addSuppressed(also);
                    }
                }
            }
            throw e;
        } finally {
            if (ahead != null) {
                engine.sipDecoder().parseAhead(null);
                ahead.close();
                parsedAhead = ahead.taken();
            }
        }
        if (engine != null) {
            engine.finish();
        }
        progress.progress(frames, source.position(), source.size());

        DecoderStats st = decoder.stats();
        Map<String, Long> linkTypes = new LinkedHashMap<>();
        for (Map.Entry<Integer, Long> e : st.framesByLinkType().entrySet()) {
            linkTypes.merge(LinkType.name(e.getKey()), e.getValue(), Long::sum);
        }
        if (st.otherLinkTypeFrames() > 0) {
            linkTypes.put("OTHER", st.otherLinkTypeFrames());
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (Map.Entry<Malformed, Long> e : st.malformedByReason().entrySet()) {
            if (e.getValue() > 0) {
                reasons.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return new CaptureSummary(List.copyOf(inputNames), st.frames(), st.capturedBytes(),
                frames == 0 ? Long.MIN_VALUE : first, frames == 0 ? Long.MIN_VALUE : last,
                linkTypes, st.ipv4Packets(), st.ipv6Packets(), st.udpDatagrams(), st.tcpSegments(),
                decoder.tcpReassembler().streams(), st.sctpDataChunks(), st.hepPackets(), st.datagramsReassembled(),
                st.malformedTotal(), reasons, source.truncated(), warnings(source.warnings(), st),
                engine == null ? 0 : engine.sipMessages(), engine == null ? 0 : engine.sipMalformed(),
                engine == null ? Map.of() : engine.sipMalformedReasons(),
                engine == null ? 0 : engine.correlator().callsCreated(),
                engine == null ? 0 : engine.correlator().callsEvicted());
    }

    /**
     * The input's warnings, then one for IP datagrams whose fragments never all came together and one for
     * SCTP fragments given up: what they carried (a large SIP INVITE over UDP, typically, when a path
     * drops fragments or its MTU is wrong) is lost to the analysis, and nothing else would say so.
     */
    static List<String> warnings(List<String> input, DecoderStats st) {
        long missing = st.datagramsExpired() + st.datagramsUnfinishedAtEnd();
        long incomplete = missing + st.datagramsEvicted() + st.datagramsDiscardedForOverlap();
        if (incomplete == 0 && st.sctpFragmentsDropped() == 0) {
            return List.copyOf(input);
        }
        List<String> out = new ArrayList<>(input);
        if (incomplete > 0) {
            out.add(String.format(Locale.ROOT, "%,d fragmented IP datagrams could not be reassembled (%,d with a"
                    + " fragment that never came, %,d dropped to bound memory, %,d with overlapping IPv6 fragments);"
                    + " what they carried is not analysed", incomplete, missing, st.datagramsEvicted(),
                    st.datagramsDiscardedForOverlap()));
        }
        if (st.sctpFragmentsDropped() > 0) {
            out.add(String.format(Locale.ROOT, "%,d SCTP fragments were given up (out of sequence, without a first"
                    + " fragment, over a bound or never completed); the messages they belonged to are not analysed",
                    st.sctpFragmentsDropped()));
        }
        return List.copyOf(out);
    }
}
