package dev.sipscope.decoder.sip;

import java.util.ArrayList;
import java.util.List;

/** Records what a framer reports, as comparable text events. */
final class Recorder implements SipStreamFramer.Listener {
    final List<String> events = new ArrayList<>();
    final List<SipMessage> messages = new ArrayList<>();

    @Override
    public void onMessage(SipMessage message, SipTransport transport) {
        messages.add(message);
        events.add(transport + " " + message.text());
    }

    @Override
    public void onMalformed(SipMalformed reason, SipTransport transport) {
        events.add("malformed " + reason);
    }

    @Override
    public void onKeepAlive(SipTransport transport) {
        events.add("keep-alive");
    }

    List<String> messageTexts() {
        List<String> out = new ArrayList<>();
        for (SipMessage m : messages) {
            out.add(m.text());
        }
        return out;
    }

    List<String> malformed() {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (e.startsWith("malformed ")) {
                out.add(e.substring(10));
            }
        }
        return out;
    }
}
