package dev.sipscope.correlator.call;

/**
 * A link from one call to another.
 *
 * @param callId     the other call's Call-ID
 * @param callNumber the other call's number, or 0 when that call was never seen (or was evicted before the link)
 * @param kind       why they are linked
 */
public record CallLink(String callId, long callNumber, LinkKind kind) {
}
