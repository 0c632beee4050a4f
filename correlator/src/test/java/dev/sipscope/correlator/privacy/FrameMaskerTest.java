package dev.sipscope.correlator.privacy;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.LinkType;
import dev.sipscope.correlator.CaptureAnalysis;
import dev.sipscope.correlator.CaptureSummary;
import dev.sipscope.correlator.Engine;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.decoder.DecoderConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FrameMasker} over real captures (the samples, and the shared corpus's IPv6, fragmented,
 * WebSocket and digest captures when present): lengths never change, every UDP and TCP checksum
 * that was right stays right (checked by an independent computation here), a UDP/IPv4 checksum is
 * zeroed only for a fragment or a cut packet, and the masked capture analyses to the same SIP
 * messages and calls, with the same states.
 */
class FrameMaskerTest {
    private static final Path SAMPLES = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures");
    private static final Path SHARED = Path.of(System.getProperty("sipscope.shared", "../../shared"), "captures");

    @Test
    void sampleCapturesKeepLengthsChecksumsAndCalls() throws IOException {
        int changed = 0;
        for (String name : List.of("call-tcp.pcap", "sip-nondialog.pcap", "calls-mixed.pcap", "call-websocket.pcap",
                "call-transfer.pcap")) {
            changed += check(SAMPLES.resolve(name));
        }
        assertThat(changed).isGreaterThan(50);
        assertThat(checksumsChecked).as("masked frames whose checksum was checked").isGreaterThan(50);
    }

    @Test
    void sharedCapturesOverIpv6FragmentsWebSocketAndDigestKeepChecksumsAndCalls() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "the shared corpus is not at " + SHARED);
        int changed = 0;
        for (String name : List.of("heplify/sip_ipv6.pcap", "sngrep/ipv6frag.pcap", "pkts/fragmented_udp_sip.pcap",
                "heplify/sip_tcp_websocket.pcap", "sipnab/sip-auth-failure.pcapng", "pkts/sipp_sll.pcap",
                "hep-wireshark/hep.pcap")) {
            Path p = SHARED.resolve(name);
            if (Files.exists(p)) {
                changed += check(p);
            }
        }
        assertThat(changed).isPositive();
    }

    @Test
    void digestCredentialsAndUserPartsAreMaskedAndTheRestKept() {
        String sip = "REGISTER sip:registrar.example.com SIP/2.0\r\n"
                + "From: \"Dave Smith\" <sip:dave@example.com>;tag=1\r\n"
                + "To: Dave <sip:dave@example.com>\r\n"
                + "Contact: <sip:dave@10.0.0.5:5060>, \"Mobile\" <tel:+1-555-0100;ext=7>\r\n"
                + "Authorization: Digest username=\"dave\", realm=\"example.com\",\r\n"
                + " nonce=\"a1139ba73514b5375055016539371f2a\", uri=\"sip:bob@example.com\",\r\n"
                + " response=\"2eeab7430e767d568fb7b3474e98fe17\", cnonce=\"46dcce58\", qop=auth, nc=00000001\r\n"
                + "Call-ID: abc@host\r\n\r\n";
        byte[] b = sip.getBytes(StandardCharsets.US_ASCII);
        SipMasker m = new SipMasker(new byte[] {1, 2, 3});
        assertThat(m.mask(b, 0, b.length)).isTrue();
        String out = new String(b, StandardCharsets.US_ASCII);
        assertThat(out).hasSize(sip.length());
        for (String gone : List.of("dave", "Dave", "Smith", "Mobile", "555-0100", "a1139ba73514b5375055016539371f2a",
                "2eeab7430e767d568fb7b3474e98fe17", "46dcce58", "bob@")) {
            assertThat(out).as(gone).doesNotContain(gone);
        }
        for (String kept : List.of("REGISTER sip:registrar.example.com SIP/2.0", "realm=\"example.com\"",
                "Digest username=", "qop=auth, nc=00000001", "Call-ID: abc@host", ";tag=1", "@10.0.0.5:5060",
                "<tel:+", ";ext=7>")) {
            assertThat(out).as(kept).contains(kept);
        }
        // the same user, the same mask: both From and To carry the same masked user
        int from = out.indexOf("<sip:") + 5;
        String user = out.substring(from, out.indexOf('@', from));
        assertThat(user).hasSize(4).isNotEqualTo("dave");
        assertThat(out).contains("To: ").contains("<sip:" + user + "@example.com>\r\nContact: <sip:" + user + "@");
        assertThat(out).contains("username=\"" + user + "\"");
    }

    private static int checksumsChecked;

    /** Masks every frame of {@code capture}; returns how many changed. */
    private static int check(Path capture) throws IOException {
        FrameMasker masker = new FrameMasker(new SipMasker("fixed".getBytes(StandardCharsets.UTF_8)));
        int changed = 0;
        try (FrameSource in = CaptureFiles.open(capture.toString())) {
            Frame f;
            while ((f = in.next()) != null) {
                byte[] before = f.bytes();
                boolean[] validBefore = checksumsValid(f.linkType(), before);
                boolean did = masker.mask(f);
                byte[] after = f.bytes();
                assertThat(after).hasSameSizeAs(before);
                if (!did) {
                    assertThat(after).as("an unchanged frame of %s", capture).isEqualTo(before);
                    continue;
                }
                changed++;
                boolean[] validAfter = checksumsValid(f.linkType(), after);
                if (validBefore[0]) {
                    checksumsChecked++;
                    assertThat(validAfter[0] || validAfter[1]).as("checksum of a masked frame of %s", capture).isTrue();
                    if (validAfter[1]) {
                        assertThat(validBefore[2]).as("zeroed checksum only for fragments and cut packets").isTrue();
                    }
                }
            }
        }
        Analysis plain = analyse(capture, false);
        Analysis masked = analyse(capture, true);
        assertThat(masked.summary.sipMessages()).as(capture.toString()).isEqualTo(plain.summary.sipMessages());
        assertThat(masked.summary.sipMalformed()).isEqualTo(plain.summary.sipMalformed());
        assertThat(masked.summary.malformed()).isEqualTo(plain.summary.malformed());
        assertThat(masked.calls).as(capture.toString()).isEqualTo(plain.calls);
        return changed;
    }

    private record Analysis(CaptureSummary summary, List<String> calls) {
    }

    private static Analysis analyse(Path capture, boolean mask) throws IOException {
        Engine engine = new Engine(EngineConfig.DEFAULTS);
        try (FrameSource in = mask ? new MaskingFrameSource(CaptureFiles.open(capture.toString()),
                new FrameMasker(new SipMasker(new byte[] {9}))) : CaptureFiles.open(capture.toString())) {
            CaptureSummary s = new CaptureAnalysis(DecoderConfig.DEFAULTS, engine).run(in, List.of(capture.toString()));
            List<String> calls = new ArrayList<>();
            for (CallSummary c : engine.snapshot().calls()) {
                calls.add(c.callId() + " " + c.kind() + " " + c.state() + " " + c.messages().size());
            }
            return new Analysis(s, calls);
        }
    }

    /**
     * For the frame's UDP or TCP segment: [0] the checksum is right (or the UDP checksum is zero),
     * [1] the UDP checksum is zero, [2] the packet is a fragment or was cut by the capture.
     */
    static boolean[] checksumsValid(int linkType, byte[] b) {
        boolean[] r = new boolean[3];
        int ip;
        if (linkType == LinkType.ETHERNET) {
            ip = 14;
            while (ip + 2 <= b.length && ((b[ip - 2] & 0xff) == 0x81 && b[ip - 1] == 0)) {
                ip += 4;
            }
        } else if (linkType == LinkType.LINUX_SLL) {
            ip = 16;
        } else if (linkType == LinkType.RAW || linkType == LinkType.IPV4 || linkType == LinkType.IPV6) {
            ip = 0;
        } else {
            return r;
        }
        if (ip >= b.length) {
            return r;
        }
        int version = (b[ip] >> 4) & 0x0f;
        int proto;
        int start;
        int end;
        long sum = 0;
        if (version == 4 && b.length - ip >= 20) {
            int ihl = (b[ip] & 0x0f) * 4;
            int total = u16(b, ip + 2);
            proto = b[ip + 9] & 0xff;
            start = ip + ihl;
            end = ip + total;
            r[2] = (u16(b, ip + 6) & 0x3fff) != 0 || end > b.length;
            for (int i = 12; i < 20; i += 2) {
                sum += u16(b, ip + i);
            }
        } else if (version == 6 && b.length - ip >= 40) {
            proto = b[ip + 6] & 0xff;
            start = ip + 40;
            end = start + u16(b, ip + 4);
            r[2] = proto == 44 || end > b.length;
            for (int i = 8; i < 40; i += 2) {
                sum += u16(b, ip + i);
            }
        } else {
            return r;
        }
        if ((proto != 17 && proto != 6) || r[2] || end - start < 8) {
            return r;
        }
        if (proto == 17 && u16(b, start + 6) == 0) {
            r[0] = version == 4;
            r[1] = true;
            return r;
        }
        if (proto == 17) {
            end = start + u16(b, start + 4);
        }
        sum += proto + (end - start);
        int i = start;
        for (; i + 1 < end; i += 2) {
            sum += u16(b, i);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        r[0] = sum == 0xffff;
        return r;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
