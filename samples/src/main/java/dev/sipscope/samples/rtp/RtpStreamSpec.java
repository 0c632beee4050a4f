package dev.sipscope.samples.rtp;

import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.NetPath;
import dev.sipscope.samples.net.SeededRandom;
import java.util.List;

/**
 * Everything that defines one RTP stream, with every value concrete (identifiers already drawn).
 * Packets are sent at {@code startNanos + k * ptime} for every slot before {@code endNanos}, except
 * in {@code pauses} (hold) and silences; sequence numbers count sent packets only, timestamps
 * follow the slot (so they jump over pauses, RFC 3550 section 5.1).
 */
public record RtpStreamSpec(
        String label,
        Endpoint src,
        Endpoint dst,
        NetPath path,
        Codec codec,
        int payloadType,
        int eventPayloadType,
        int ptimeMillis,
        long ssrc,
        int startSeq,
        long startTimestamp,
        long startNanos,
        long endNanos,
        List<TimeWindow> pauses,
        LossModel loss,
        JitterModel jitter,
        double reorderRate,
        double duplicateRate,
        List<DtmfEvent> dtmf,
        long meanTalkMillis,
        long meanSilenceMillis,
        boolean recordArrivals,
        boolean trackSenderHistory) {

    public RtpStreamSpec {
        codec.checkPtime(ptimeMillis);
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("stream " + label + " ends before it starts");
        }
        if (src.ip().isV6() != dst.ip().isV6()) {
            throw new IllegalArgumentException("stream " + label + " mixes IPv4 and IPv6");
        }
        pauses = List.copyOf(pauses);
        dtmf = List.copyOf(dtmf);
    }

    /** Draws the unset identifiers of {@code settings} from {@code random} and fixes the stream. */
    public static RtpStreamSpec resolve(String label, RtpSettings<?> settings, Endpoint src, Endpoint dst, NetPath path,
                                        Codec codec, long startNanos, long endNanos, List<TimeWindow> pauses,
                                        SeededRandom random) {
        long ssrc = random.nextUnsignedInt();
        int seq = random.nextInt(65536);
        long ts = random.nextUnsignedInt();
        return new RtpStreamSpec(label, src, dst, path, codec,
                settings.payloadType != null ? settings.payloadType : codec.payloadType(),
                settings.eventPayloadType, settings.ptimeMillis,
                settings.ssrc != null ? settings.ssrc : ssrc,
                settings.startSeq != null ? settings.startSeq : seq,
                settings.startTimestamp != null ? settings.startTimestamp : ts,
                startNanos, endNanos, pauses, settings.loss, settings.jitter, settings.reorderRate,
                settings.duplicateRate, settings.dtmfEvents(), settings.meanTalkMillis, settings.meanSilenceMillis,
                settings.recordArrivals, settings.rtcp);
    }

    public long ptimeNanos() {
        return ptimeMillis * 1_000_000L;
    }

    public int samplesPerPacket() {
        return codec.samplesPerPacket(ptimeMillis);
    }

    public int clockRateHz() {
        return codec.clockRateHz();
    }

    /** RTP timestamp (not wrapped to 32 bits) of the sample taken at {@code tNanos}. */
    public long unwrappedTimestampAt(long tNanos) {
        return startTimestamp + Math.floorDiv((tNanos - startNanos) * (long) clockRateHz(), 1_000_000_000L);
    }
}
