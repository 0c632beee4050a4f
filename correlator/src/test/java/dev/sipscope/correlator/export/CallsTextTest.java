package dev.sipscope.correlator.export;

import dev.sipscope.correlator.Msg;
import dev.sipscope.correlator.Wire;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CallsTextTest {

    @Test
    void partiesAreUserAtHostWithoutSchemePortOrParameters() {
        assertThat(CallsText.party("sip:alice@10.0.0.1:5060;transport=tcp")).isEqualTo("alice@10.0.0.1");
        assertThat(CallsText.party("sips:bob@[2001:db8::1]:5061")).isEqualTo("bob@[2001:db8::1]");
        assertThat(CallsText.party("tel:+15551234;phone-context=x")).isEqualTo("+15551234");
        assertThat(CallsText.party("sip:example.com")).isEqualTo("example.com");
        assertThat(CallsText.party(null)).isEqualTo("-");
        assertThat(CallsText.party("sip:evil\u001b[2J@x")).isEqualTo("evil\\x1b[2J@x");
    }

    @Test
    void longTextIsCutWithATilde() {
        assertThat(CallsText.fit("alice@10.0.0.1", 15)).isEqualTo("alice@10.0.0.1");
        assertThat(CallsText.fit("averyveryverylongname@host", 10)).isEqualTo("averyvery~");
        assertThat(CallsText.fit("abcdefgh\ud83d\ude00xyz", 10)).isEqualTo("abcdefgh~");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(CallsText.seconds(50_000_000L)).isEqualTo("0.05s");
        assertThat(CallsText.seconds(12_345_000_000L)).isEqualTo("12.35s");
        assertThat(CallsText.seconds(725_000_000_000L)).isEqualTo("12:05");
        assertThat(CallsText.seconds(3_723_000_000_000L)).isEqualTo("1:02:03");
    }

    @Test
    void hostileHeadersCannotBreakTheTable() {
        Wire w = new Wire();
        Msg inv = Msg.request("INVITE", "sip:x@y", "10.0.0.1:5060", "z9hG4bK1", "alice@a", "t", "bob@b", null, "c", 1)
                .set("From", "\"\u202e\" <sip:" + "m".repeat(300) + "\u0007@a>;tag=t");
        w.at(0).send("10.0.0.1:5060", "10.0.0.2:5060", inv);
        StringWriter out = new StringWriter();
        CallsText.print(new PrintWriter(out), w.snapshot().calls());
        assertThat(out.toString().lines()).allSatisfy(line -> {
            assertThat(line.length()).isLessThanOrEqualTo(CallsText.WIDTH);
            assertThat(line.chars()).noneMatch(c -> c < 0x20 || c == 0x202e);
        });
        assertThat(out.toString()).contains("Calls: 1 (1 call), times UTC 2026-01-15", "calling");
    }
}
