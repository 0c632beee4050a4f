package dev.sipscope.correlator.call;

import dev.sipscope.decoder.sip.SipMethod;

import java.util.Locale;

/**
 * What a Call-ID is used for, from the request that started it: an INVITE session, or one of the
 * non-INVITE usages, each its own kind. Requests that only exist inside an INVITE dialog (BYE, ACK,
 * PRACK, UPDATE, CANCEL, INFO) make a {@link #CALL} when they are the first thing seen of a Call-ID
 * (a capture started in the middle of a call). An INVITE turns any kind into {@link #CALL}.
 */
public enum CallKind {
    CALL, REGISTER, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY, PUBLISH, REFER, OTHER;

    /** Lower-case name used in JSON and text: {@code call}, {@code register}... */
    /** Made once: reports ask for it for every call, dialog and media line. */
    private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

    public String jsonName() {
        return lowerCaseName;
    }

    /** The kind a Call-ID gets when {@code method} is the first request (or response's CSeq method) seen of it. */
    public static CallKind of(SipMethod method) {
        switch (method) {
            case INVITE: case ACK: case BYE: case CANCEL: case PRACK: case UPDATE: case INFO:
                return CALL;
            case REGISTER:
                return REGISTER;
            case OPTIONS:
                return OPTIONS;
            case MESSAGE:
                return MESSAGE;
            case SUBSCRIBE:
                return SUBSCRIBE;
            case NOTIFY:
                return NOTIFY;
            case PUBLISH:
                return PUBLISH;
            case REFER:
                return REFER;
            default:
                return OTHER;
        }
    }

    /** The method whose transactions decide this kind's state ({@link SipMethod#UNKNOWN} for OTHER). */
    public SipMethod method() {
        switch (this) {
            case CALL: return SipMethod.INVITE;
            case REGISTER: return SipMethod.REGISTER;
            case OPTIONS: return SipMethod.OPTIONS;
            case MESSAGE: return SipMethod.MESSAGE;
            case SUBSCRIBE: return SipMethod.SUBSCRIBE;
            case NOTIFY: return SipMethod.NOTIFY;
            case PUBLISH: return SipMethod.PUBLISH;
            case REFER: return SipMethod.REFER;
            default: return SipMethod.UNKNOWN;
        }
    }
}
