package dev.sipscope.correlator;

import dev.sipscope.correlator.call.CallState;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.decoder.Packet;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.sipscope.correlator.Msg.response;
import static org.assertj.core.api.Assertions.assertThat;

/** Long runs stay bounded; hostile input never escapes as an exception; the RTP path allocates nothing. */
class EngineBoundsTest {
    static final long MS = 1_000_000L;
    static final String PUNCTUATION = "\r\n:;,<>\"=@ %z0";

    static List<Msg> callFlow(int i) {
        String id = "call-" + i + "@example.com";
        String a = "10.0." + (i % 250) + ".1:5060";
        Msg inv = Msg.request("INVITE", "sip:bob@b", a, "z9hG4bK" + i, "alice@a", "at" + i, "bob@b", null, id, 1)
                .sdp("10.0." + (i % 250) + ".1", 10_000 + 2 * (i % 1000), "sendrecv");
        Msg bye = Msg.request("BYE", "sip:bob@b", a, "z9hG4bKb" + i, "alice@a", "at" + i, "bob@b", "bt" + i, id, 2);
        return List.of(inv, response(inv, 100, "Trying"), response(inv, 180, "Ringing").toTag("bt" + i),
                response(inv, 200, "OK").toTag("bt" + i).sdp("10.1.0.2", 20_000 + 2 * (i % 1000), "sendrecv"),
                Msg.request("ACK", "sip:bob@b", a, "z9hG4bKa" + i, "alice@a", "at" + i, "bob@b", "bt" + i, id, 1),
                bye, response(bye, 200, "OK"));
    }

    static void play(Wire w, int i, long startMillis) {
        List<Msg> flow = callFlow(i);
        String a = "10.0." + (i % 250) + ".1:5060";
        String b = "10.1.0.2:5060";
        for (int k = 0; k < flow.size(); k++) {
            boolean fromCaller = k == 0 || k == 4 || k == 5;
            w.at(startMillis + k * 10L).send(fromCaller ? a : b, fromCaller ? b : a, flow.get(k));
        }
    }

    @Test
    void aLongRunKeepsAtMostTheConfiguredCallsMessagesAndEndpoints() {
        CorrelatorConfig config = CorrelatorConfig.DEFAULTS.withMaxCalls(100).withMaxMessagesPerCall(4)
                .withMaxTransactions(500);
        Engine engine = new Engine(EngineConfig.DEFAULTS.withCorrelator(config));
        Wire w = new Wire(engine);
        for (int i = 0; i < 5_000; i++) {
            play(w, i, i * 100L);
            assertThat(engine.correlator().callCount()).isLessThanOrEqualTo(100);
            assertThat(engine.correlator().liveTransactions()).isLessThanOrEqualTo(500);
        }
        engine.advanceTime(Wire.START + 5_000 * 100 * MS + 60_000 * MS);
        EngineSnapshot s = engine.snapshot();
        assertThat(s.calls()).hasSize(100);
        assertThat(s.callsSeen()).isEqualTo(5_000);
        assertThat(s.callsEvicted()).isEqualTo(4_900);
        assertThat(engine.correlator().activeCallsEvicted()).as("finished calls go first").isZero();
        assertThat(s.sipMessages()).isEqualTo(35_000);
        for (CallSummary c : s.calls()) {
            assertThat(c.state()).isEqualTo(CallState.COMPLETED);
            assertThat(c.messages()).hasSize(4);
            assertThat(c.messagesNotKept()).isEqualTo(3);
            assertThat(c.messageCount()).isEqualTo(7);
        }
        assertThat(s.calls().get(0).callId()).isEqualTo("call-4900@example.com");
        assertThat(engine.correlator().liveTransactions()).as("all forgotten after 64*T1").isZero();
        assertThat(s.mediaEndpoints()).as("every call ended: media released").isZero();
    }

    @Test
    void theSipTapSeesEveryMessageAfterTheCorrelatorCreatedItsCall() {
        Engine engine = new Engine(EngineConfig.DEFAULTS);
        List<String> seen = new ArrayList<>();
        engine.tapSip((m, transport, p) -> seen.add(m.startLine() + " call#" + engine.correlator().callsCreated()
                + " kept=" + (engine.correlator().summary(m.callId()) != null)));
        Wire w = new Wire(engine);
        play(w, 1, 0);
        play(w, 2, 1_000);
        assertThat(seen).hasSize(14);
        assertThat(seen.get(0)).startsWith("INVITE ").endsWith(" call#1 kept=true");
        assertThat(seen.get(7)).startsWith("INVITE ").endsWith(" call#2 kept=true");
        engine.tapSip(null);
        play(w, 3, 2_000);
        assertThat(seen).hasSize(14);
        assertThat(engine.sipMessages()).isEqualTo(21);
    }

    @Test
    void whenNoCallHasFinishedTheOldestIsEvicted() {
        Engine engine = new Engine(EngineConfig.DEFAULTS.withCorrelator(CorrelatorConfig.DEFAULTS.withMaxCalls(10)));
        Wire w = new Wire(engine);
        for (int i = 0; i < 25; i++) {
            w.at(i).send("10.0.0.1:5060", "10.0.0.2:5060", callFlow(i).get(0));
        }
        EngineSnapshot s = engine.snapshot();
        assertThat(s.calls()).hasSize(10);
        assertThat(s.calls().get(0).callId()).isEqualTo("call-15@example.com");
        assertThat(engine.correlator().activeCallsEvicted()).isEqualTo(15);
        assertThat(s.mediaEndpoints()).as("evicted calls release their media at once").isEqualTo(20);
    }

    @Test
    void mangledMessagesNeverEscapeAsExceptionsAndEveryMessageIsAccountedFor() {
        Random random = new Random(4242);
        Engine engine = new Engine(EngineConfig.DEFAULTS.withCorrelator(CorrelatorConfig.DEFAULTS.withMaxCalls(50)));
        Wire w = new Wire(engine);
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            for (Msg m : callFlow(i)) {
                corpus.add(m.bytes());
            }
        }
        corpus.add(Msg.request("REFER", "sip:a@b", "10.0.0.1:5060", "z9hG4bKr", "a@b", "x", "c@d", "y", "r1", 1)
                .header("Refer-To", "<sip:c@d?Replaces=abc%3Bto-tag%3D1>").header("Referred-By", "<sip:a@b>").bytes());
        corpus.add(Msg.request("REGISTER", "sip:b", "10.0.0.1:5060", "z9hG4bKg", "a@b", "x", "a@b", null, "g1", 1)
                .header("Contact", "*").header("Expires", "0").header("X-Call-ID", "call-1@example.com").bytes());
        long t = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] m = corpus.get(random.nextInt(corpus.size())).clone();
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(m.length);
                switch (random.nextInt(5)) {
                    case 0 -> m[at] = (byte) random.nextInt(256);
                    case 1 -> m[at] = (byte) PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
                    case 2 -> m = java.util.Arrays.copyOf(m, Math.max(1, at));
                    case 3 -> {
                        byte[] longer = java.util.Arrays.copyOf(m, m.length + 40);
                        System.arraycopy(m, at, longer, at + 40, m.length - at);
                        java.util.Arrays.fill(longer, at, at + 40, (byte) 'x');
                        m = longer;
                    }
                    default -> m[at] = m[random.nextInt(m.length)];
                }
            }
            t += random.nextInt(3_000);
            w.at(t).udp(random.nextBoolean() ? "10.0.0.1:5060" : "10.1.0.2:5060", "10.1.0.2:5060", m);
            if (round % 1_000 == 0) {
                engine.snapshot();
            }
        }
        EngineSnapshot s = engine.snapshot();
        long kept = 0;
        for (CallSummary c : s.calls()) {
            kept += c.messageCount() + c.retransmissions();
            assertThat(c.state()).isNotNull();
        }
        assertThat(s.sipMessages()).isPositive();
        assertThat(kept).isLessThanOrEqualTo(s.sipMessages());
        assertThat(s.calls().size()).isLessThanOrEqualTo(50);
        Analysis.callsJson(s);
    }

    @Test
    void rtpThroughTheEngineAllocatesNothing() {
        Engine engine = new Engine(EngineConfig.DEFAULTS);
        Wire w = new Wire(engine);
        play(w, 1, 0);
        List<Msg> flow = callFlow(2);
        w.at(1000).send("10.0.2.1:5060", "10.1.0.2:5060", flow.get(0));
        w.at(1010).send("10.1.0.2:5060", "10.0.2.1:5060", flow.get(3));
        Packet p = new Packet();
        p.clear();
        p.ipVersion = 4;
        p.protocol = Packet.PROTO_UDP;
        long[] a = new long[2];
        dev.sipscope.decoder.IpAddress.parse("10.1.0.2", a);
        p.srcLo = a[1];
        p.srcPort = 20_004;
        dev.sipscope.decoder.IpAddress.parse("10.0.2.1", a);
        p.dstLo = a[1];
        p.dstPort = 10_004;
        p.data = new byte[172];
        p.data[0] = (byte) 0x80;
        p.payloadLength = 172;
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long t = Wire.START + 2_000 * MS;
        for (int round = 0; round < 3; round++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                p.timestampNanos = t;
                t += 20 * MS / 1000;
                engine.onDatagram(p);
            }
            if (round == 2) {
                assertThat(bean.getCurrentThreadAllocatedBytes() - before).as("bytes for 100,000 RTP packets")
                        .isLessThan(1024);
            }
        }
        CallSummary c = w.call("call-2@example.com");
        assertThat(c.media().get(0).packets()).isEqualTo(300_000);
        assertThat(new String(p.data, 0, 1, StandardCharsets.ISO_8859_1)).isNotEmpty();
    }
}
