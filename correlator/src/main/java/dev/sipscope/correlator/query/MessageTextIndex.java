package dev.sipscope.correlator.query;

import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds, while a capture is read, the Call-IDs whose SIP messages contain the free-text needles of
 * a filter (any header or body, ignoring ASCII case), so a batch run can answer
 * {@link CallFacts#textContains} without keeping every message. Tap it on the engine
 * ({@code Engine.tapSip}); it searches the message's bytes in place and allocates only the
 * Call-ID text of a message that matched. Memory: one set of Call-IDs per needle, bounded by the
 * calls that matched.
 */
public final class MessageTextIndex implements SipSink {
    private final List<String> needles;
    private final byte[][] needleBytes;
    private final Set<String>[] matched;

    @SuppressWarnings("unchecked")
    public MessageTextIndex(List<String> needles) {
        this.needles = List.copyOf(needles);
        this.needleBytes = new byte[this.needles.size()][];
        this.matched = new Set[this.needles.size()];
        for (int i = 0; i < needleBytes.length; i++) {
            needleBytes[i] = this.needles.get(i).getBytes(StandardCharsets.UTF_8);
            matched[i] = new HashSet<>();
        }
    }

    @Override
    public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
        String callId = null;
        for (int i = 0; i < needleBytes.length; i++) {
            if (contains(message, needleBytes[i])) {
                if (callId == null) {
                    callId = message.callIdText();
                    if (callId == null) {
                        return;
                    }
                }
                matched[i].add(callId);
            }
        }
    }

    /** True when a message of the call {@code callId} contained {@code needle} (one the index was made with). */
    public boolean contains(String callId, String needle) {
        int i = needles.indexOf(needle);
        return i >= 0 && matched[i].contains(callId);
    }

    /** True when {@code message}'s bytes contain {@code needle}, ASCII letters compared without case. */
    static boolean contains(SipMessage message, byte[] needle) {
        int n = needle.length;
        if (n == 0) {
            return true;
        }
        for (int i = 0, last = message.length() - n; i <= last; i++) {
            int j = 0;
            while (j < n && lower(message.byteAt(i + j)) == lower(needle[j])) {
                j++;
            }
            if (j == n) {
                return true;
            }
        }
        return false;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
