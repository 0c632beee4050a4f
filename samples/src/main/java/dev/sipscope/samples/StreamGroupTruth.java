package dev.sipscope.samples;

import dev.sipscope.samples.rtp.RtcpReport;
import dev.sipscope.samples.rtp.StreamTruth;
import java.util.List;

/**
 * Ground truth of one stand-alone stream item: its stream (and the reverse one when asked for)
 * and the RTCP packets of both ends.
 */
public record StreamGroupTruth(int index, String label, List<StreamTruth> streams, List<RtcpReport> rtcp) {
    public StreamGroupTruth {
        streams = List.copyOf(streams);
        rtcp = List.copyOf(rtcp);
    }
}
