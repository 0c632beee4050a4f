package dev.sipscope.correlator.media;

import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.sdp.SdpRtpMap;
import dev.sipscope.quality.MediaEndpoint;
import dev.sipscope.quality.QualityEngine;
import dev.sipscope.quality.QualityPipeline;

import java.util.Locale;

/**
 * The engine's media sink with stream statistics: every datagram that is not SIP is counted on its
 * call's binding (as {@link MediaCounter} does) and handed to the quality module's
 * {@link QualityEngine}; every SDP endpoint the correlator registers is declared to the quality
 * engine with its payload map, so that bound streams are decoded with the negotiated codecs and
 * carry their call ({@code callRef} is the {@link MediaOwner}); when the registry lets the endpoint
 * go, it is withdrawn again.
 *
 * <p>Per packet: the registry's one probe and the quality engine's one probe, no allocation.
 * Declarations allocate (they happen per SDP, not per packet).
 *
 * <p>{@link #batched} feeds the quality engine through a {@link QualityPipeline}: the engine thread
 * counts, copies each datagram into a reused batch and goes on, and the batch is replayed into the
 * quality engine grouped by 5-tuple (better cache locality), on a thread of its own or inline; the
 * results are the same. The quality engine may then be read only after {@link #finish()} (which
 * {@code Engine.finish()} calls): batch analysis only, since a live view reads summaries while it runs.
 */
public final class QualityMediaSink implements PacketSink, MediaRegistry.EndpointListener {
    /** How {@link #batched} sinks feed the quality engine, by default (see {@link #defaultMode()}). */
    public enum Mode {
        /** Datagram by datagram, on the engine thread (as {@link #QualityMediaSink(MediaRegistry, QualityEngine)}). */
        DIRECT,
        /** In batches replayed on the engine thread. */
        INLINE,
        /** In batches replayed on a thread of its own. */
        THREAD
    }

    private final MediaCounter counter;
    private final QualityEngine quality;
    /** One quality payload map (a 128-slot table) per distinct offer, shared by all bindings offering it. */
    private final SharedValues<PayloadMap, dev.sipscope.quality.PayloadMap> qualityMaps =
            new SharedValues<>(256, QualityMediaSink::payloadMap);
    /** Non-null when the quality engine is fed in batches. */
    private final QualityPipeline pipeline;

    public QualityMediaSink(MediaRegistry registry, QualityEngine quality) {
        this(registry, quality, null);
    }

    private QualityMediaSink(MediaRegistry registry, QualityEngine quality, QualityPipeline pipeline) {
        this.counter = new MediaCounter(registry);
        this.quality = quality;
        this.pipeline = pipeline;
        registry.onEndpoint(this);
    }

    /**
     * A sink feeding {@code quality} as {@code mode} says (a {@link Mode#THREAD} sink starts its thread
     * now); call {@link #finish()} at the end of the input before reading {@code quality}.
     */
    public static QualityMediaSink batched(MediaRegistry registry, QualityEngine quality, Mode mode) {
        QualityPipeline p = switch (mode) {
            case DIRECT -> null;
            case INLINE -> QualityPipeline.inline(quality);
            case THREAD -> new QualityPipeline(quality);
        };
        return new QualityMediaSink(registry, quality, p);
    }

    /**
     * The mode batch analysis uses: the system property {@code sipscope.quality} ({@code direct},
     * {@code inline} or {@code thread}) if set, else {@code thread} when the JVM has more than one
     * processor, else {@code inline}.
     */
    public static Mode defaultMode() {
        String p = System.getProperty("sipscope.quality");
        if (p != null) {
            for (Mode m : Mode.values()) {
                if (m.name().equalsIgnoreCase(p.trim())) {
                    return m;
                }
            }
        }
        return Runtime.getRuntime().availableProcessors() > 1 ? Mode.THREAD : Mode.INLINE;
    }

    public QualityEngine quality() {
        return quality;
    }

    public Mode mode() {
        return pipeline == null ? Mode.DIRECT : pipeline.threaded() ? Mode.THREAD : Mode.INLINE;
    }

    /**
     * The end of the input: replays what is pending in batches and waits until the quality engine has
     * taken everything (rethrowing what failed on its thread), after which it may be read on this thread.
     * Nothing to do for a direct sink; idempotent.
     */
    public void finish() {
        if (pipeline != null) {
            pipeline.finish();
        }
    }

    public MediaCounter counter() {
        return counter;
    }

    @Override
    public void onDatagram(Packet p) {
        byte first = p.payloadLength > 8 ? p.data[p.payloadOffset] : 0;
        if ((first == 'M' || first == '!') && isH248Text(p.data, p.payloadOffset)) {
            declareH248(p);
            return;
        }
        counter.onDatagram(p);
        if (pipeline != null) {
            pipeline.onDatagram(p);
        } else {
            quality.onDatagram(p);
        }
    }

    /**
     * Text-encoded H.248/MEGACO (RFC 3525 Annex B: {@code MEGACO/1} or the short {@code !/1})
     * between a media gateway controller and its gateways carries SDP in its Local and Remote
     * descriptors; a trunk gateway's RTP is often announced only there. Its endpoints are declared
     * to the stream statistics (not to any call), as Wireshark does. RTP never starts with these
     * bytes (its first octet is 0x80..0xbf).
     */
    static boolean isH248Text(byte[] b, int off) {
        return (b[off] == 'M' && b[off + 1] == 'E' && b[off + 2] == 'G' && b[off + 3] == 'A'
                && b[off + 4] == 'C' && b[off + 5] == 'O' && b[off + 6] == '/')
                || (b[off] == '!' && b[off + 1] == '/');
    }

    private void declareH248(Packet p) {
        String text = new String(p.data, p.payloadOffset, p.payloadLength, java.nio.charset.StandardCharsets.ISO_8859_1);
        int v = text.indexOf("v=0");
        while (v >= 0) {
            int next = text.indexOf("v=0", v + 3);
            int end = next < 0 ? text.length() : next;
            int brace = text.indexOf('}', v);
            if (brace >= 0 && brace < end) {
                end = brace;
            }
            declareSdp(dev.sipscope.decoder.sdp.SdpParser.parse(text.substring(v, end)));
            v = next;
        }
    }

    private void declareSdp(dev.sipscope.decoder.sdp.SdpSession sdp) {
        long[] address = new long[2];
        java.util.List<dev.sipscope.decoder.sdp.SdpMedia> lines = sdp.media();
        for (int i = 0; i < lines.size(); i++) {
            dev.sipscope.decoder.sdp.SdpMedia m = lines.get(i);
            dev.sipscope.decoder.sdp.SdpConnection c = m.effectiveConnection();
            if (m.port() <= 0 || m.port() > 65535 || c == null || c.isUnspecified()
                    || !dev.sipscope.decoder.IpAddress.parse(c.address(), address)) {
                continue;
            }
            String proto = m.proto() == null ? "" : m.proto().toUpperCase(Locale.ROOT);
            declare(new MediaEndpoint(address[0], address[1], m.port(), 0,
                    m.attribute("rtcp-mux") != null, qualityMaps.get(PayloadMap.of(m)), Double.NaN, null, i,
                    proto.contains("SAVP"), proto.contains("RTP")));
        }
    }

    private static dev.sipscope.quality.PayloadMap payloadMap(PayloadMap payloads) {
        dev.sipscope.quality.PayloadMap.Builder map = dev.sipscope.quality.PayloadMap.builder();
        for (int i = 0; payloads != null && i < payloads.size(); i++) {
            SdpRtpMap codec = payloads.codecAt(i);
            if (codec != null && codec.clockRateHz() > 0) {
                map.add(new dev.sipscope.quality.PayloadFormat(codec.payloadType(), codec.encodingName(),
                        codec.clockRateHz(), Math.max(1, codec.channels())));
            }
        }
        return map.build();
    }

    /**
     * The endpoint's last binding left: the quality engine forgets the endpoint if this binding's
     * call declared it (streams already bound keep their call), so that its bounded endpoint table
     * holds the endpoints of live calls only, however long the capture.
     */
    @Override
    public void unregistered(MediaBinding b) {
        if (b.isRtcp() && !b.rtcpMux()) {
            return;
        }
        if (pipeline != null) {
            pipeline.withdrawEndpointOf(b.addressHi(), b.addressLo(), b.port(), b.owner());
        } else {
            quality.withdrawEndpointOf(b.addressHi(), b.addressLo(), b.port(), b.owner());
        }
    }

    @Override
    public void registered(MediaBinding b) {
        if (b.isRtcp() && !b.rtcpMux()) {
            return;
        }
        String proto = b.proto() == null ? "" : b.proto().toUpperCase(Locale.ROOT);
        boolean rtp = proto.contains("RTP");
        declare(new MediaEndpoint(b.addressHi(), b.addressLo(), b.port(), 0, b.rtcpMux(),
                b.payloads() == null ? payloadMap(null) : qualityMaps.get(b.payloads()), Double.NaN, b.owner(),
                b.mediaIndex(), proto.contains("SAVP"), rtp));
    }

    private void declare(MediaEndpoint e) {
        if (pipeline != null) {
            pipeline.declareEndpoint(e);
        } else {
            quality.declareEndpoint(e);
        }
    }
}
