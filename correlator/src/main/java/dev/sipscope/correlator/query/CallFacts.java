package dev.sipscope.correlator.query;

/**
 * A call as a {@link CallFilter} sees it. Text comes off the wire: never null (empty when unknown),
 * compared without regard to case. Figures a call does not have are NaN; a comparison on a NaN
 * figure never holds.
 *
 * <p>The methods after {@link #diagnosticCount()} may be costly (they look at the call's messages
 * or streams); a filter asks for them only when a term needs them ({@link CallFilter#needsDetail()}).
 */
public interface CallFacts {

    /** The call's number (1, 2, ... in order of first message). */
    long index();

    /** Time of the first message, ns since the epoch; {@code Long.MIN_VALUE} when unknown. */
    long startNanos();

    /** Method of the initial request ({@code INVITE}, {@code REGISTER}, ...). */
    String method();

    /** The From URI (or its {@code user@host}). */
    String from();

    /** The To URI (or its {@code user@host}). */
    String to();

    String callId();

    /** {@code ip:port} that sent the initial request. */
    String caller();

    /** {@code ip:port} it was sent to. */
    String callee();

    /**
     * True when the call is in the state named by {@code state}, one of {@link CallFilter#STATES}
     * (lower case, canonical).
     */
    boolean inState(String state);

    /** The final status code that decided the state, 0 when none. */
    int finalCode();

    /** SIP messages of the call, retransmissions included. */
    int messages();

    /** Duration in seconds, NaN when unknown. */
    double durationSeconds();

    /** Post-dial delay (INVITE to the first 180/183) in seconds, NaN when unknown. */
    double postDialDelaySeconds();

    /** The worst MOS of the call's RTP streams, NaN when none has one. */
    double mos();

    /** Number of diagnostics raised on the call. */
    int diagnosticCount();

    /** True when the call has the diagnostic {@code code} (upper snake case, e.g. {@code ONE_WAY_AUDIO}). */
    boolean hasDiagnostic(String code);

    /** RTP streams bound to the call. */
    int streamCount();

    /** The worst loss of its streams, percent; NaN when none. */
    double worstLossPercent();

    /** The worst jitter of its streams, ms; NaN when none. */
    double worstJitterMillis();

    /**
     * True when text of the call beyond the fields above (its messages: any header, the body)
     * contains {@code needle}, ignoring case.
     */
    boolean textContains(String needle);

    /** True when an address of the call's messages or streams contains {@code needle}. */
    boolean addressContains(String needle);
}
