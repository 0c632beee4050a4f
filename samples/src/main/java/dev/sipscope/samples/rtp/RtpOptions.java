package dev.sipscope.samples.rtp;

/** RTP settings of one direction of a call; endpoints and timing come from the call. */
public final class RtpOptions extends RtpSettings<RtpOptions> {
    public RtpOptions() {
    }

    @Override
    protected RtpOptions self() {
        return this;
    }
}
