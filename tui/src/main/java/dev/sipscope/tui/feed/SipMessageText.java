package dev.sipscope.tui.feed;

import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.tui.model.MessageText;

/**
 * The text of a decoded SIP message (the decoder's own copy of its bytes). Searching works on the
 * bytes, folding ASCII case, so that a filter over every header of every call builds no String;
 * a needle with non-ASCII characters is searched in the decoded text.
 */
final class SipMessageText implements MessageText {
    private final SipMessage message;

    SipMessageText(SipMessage message) {
        this.message = message;
    }

    @Override
    public String load() {
        return message.text();
    }

    @Override
    public boolean containsIgnoreCase(String needle) {
        int n = needle.length();
        if (n == 0) {
            return true;
        }
        byte[] folded = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = needle.charAt(i);
            if (c >= 0x80) {
                return MessageText.super.containsIgnoreCase(needle);
            }
            folded[i] = (byte) lower(c);
        }
        int last = message.length() - n;
        byte first = folded[0];
        for (int at = 0; at <= last; at++) {
            if (lower(message.byteAt(at) & 0xff) != first) {
                continue;
            }
            int k = 1;
            while (k < n && lower(message.byteAt(at + k) & 0xff) == folded[k]) {
                k++;
            }
            if (k == n) {
                return true;
            }
        }
        return false;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
