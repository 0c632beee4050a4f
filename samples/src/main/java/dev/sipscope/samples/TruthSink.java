package dev.sipscope.samples;

/** Receives ground truth as each generated item completes (in completion order). */
public interface TruthSink {
    void call(CallTruth truth);

    void registration(RegistrationTruth truth);

    /** Stand-alone RTP streams of one scenario item (streams of calls arrive inside their {@link CallTruth}). */
    void streams(StreamGroupTruth truth);

    /** An OPTIONS, MESSAGE or subscription exchange (ignored unless the sink cares). */
    default void exchange(ExchangeTruth truth) {
    }
}
