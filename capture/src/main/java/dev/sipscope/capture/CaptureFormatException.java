package dev.sipscope.capture;

import java.io.IOException;

/** The input is not a capture this project can read; the message is one sentence naming the input. */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CaptureFormatException(String message) {
        super(message);
    }
}
