package dev.sipscope.correlator.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    @Test
    void plainTextIsUntouched() {
        String s = "sip:alice@example.com;tag=1 \"Alice Ünïcødé\" 😀";
        assertThat(TerminalText.safe(s)).isSameAs(s);
    }

    @Test
    void escapeSequencesAndControlsBecomeVisible() {
        assertThat(TerminalText.safe("a\u001b]0;pwned\u0007b\r\n\u009b2J")).isEqualTo("a\\x1b]0;pwned\\x07b\\x0d\\x0a\\x9b2J");
    }

    @Test
    void bidiOverridesCannotReorderText() {
        assertThat(TerminalText.safe("user\u202Egpj.exe\u2066x\u2069")).isEqualTo("user\\u202egpj.exe\\u2066x\\u2069");
    }

    @Test
    void nullIsEmpty() {
        assertThat(TerminalText.safe(null)).isEmpty();
    }
}
