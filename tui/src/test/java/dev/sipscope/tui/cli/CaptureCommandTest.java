package dev.sipscope.tui.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sipscope.capture.live.LiveCapture;
import dev.sipscope.capture.live.LiveCaptureException;
import dev.sipscope.capture.live.LiveInterface;
import dev.sipscope.capture.live.LiveOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CaptureCommandTest {

    /** What one run of the command printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run run(CaptureCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.statusLine = command.statusLine == null ? Boolean.FALSE : command.statusLine;
        int code = Cli.run(command.command(), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(new CaptureCommand(), args);
    }

    private static void assumeLibpcap() {
        try {
            LiveCapture.libpcapVersion();
        } catch (LiveCaptureException e) {
            assumeTrue(false, "libpcap is not installed: " + e.getMessage());
        }
    }

    private static void assumeLoopbackCapture() {
        try (LiveCapture probe = LiveCapture.open(LiveOptions.builder("lo").filter("udp port 9").build())) {
            assumeTrue(probe.linkType() >= 0);
        } catch (LiveCaptureException e) {
            assumeTrue(e.reason() != LiveCaptureException.Reason.LIBPCAP_MISSING,
                    "libpcap is not installed: " + e.getMessage());
            assumeTrue(e.reason() != LiveCaptureException.Reason.PERMISSION_DENIED,
                    "live capture needs root or CAP_NET_RAW here: " + e.getMessage());
            throw new AssertionError(e.getMessage());
        }
    }

    private static byte[] payload(String tag, int i) {
        return ("OPTIONS sip:" + tag + "-" + i + "@sipscope.test SIP/2.0\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Records of a little-endian pcap file: {linkType, then per record the captured bytes}. */
    private static List<byte[]> pcapRecords(byte[] file, int expectedLinkType) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(file.length).isGreaterThanOrEqualTo(24);
        assertThat(b.getInt(0)).isIn(0xa1b23c4d, 0xa1b2c3d4);
        assertThat(b.getInt(20)).isEqualTo(expectedLinkType);
        List<byte[]> records = new ArrayList<>();
        int p = 24;
        while (p < file.length) {
            assertThat(p + 16).isLessThanOrEqualTo(file.length);
            int caplen = b.getInt(p + 8);
            assertThat(b.getInt(p + 12)).isGreaterThanOrEqualTo(caplen);
            assertThat(p + 16 + caplen).isLessThanOrEqualTo(file.length);
            records.add(Arrays.copyOfRange(file, p + 16, p + 16 + caplen));
            p += 16 + caplen;
        }
        return records;
    }

    /** The UDP payload of an Ethernet/IPv4/UDP frame (the loopback interface on Linux). */
    private static byte[] udpPayload(byte[] frame) {
        int ip = 14;
        int udp = ip + (frame[ip] & 0x0f) * 4;
        int udpLength = (frame[udp + 4] & 0xff) << 8 | (frame[udp + 5] & 0xff);
        return Arrays.copyOfRange(frame, udp + 8, udp + udpLength);
    }

    @Test
    void helpDescribesEveryOptionAndGivesExamples() {
        Run result = run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("-i, --interface=IFACE", "-D, --list", "-w, --write=FILE",
                "-s, --snaplen=BYTES", "-p, --no-promisc", "-B, --buffer-size=MiB", "-c, --count=N",
                "--duration=SECONDS", "[FILTER...]", "Examples:", "sipscope capture -i eth0 -w calls.pcap", "-h, --help",
                "Exit codes:");
        Cli.Command spec = new CaptureCommand().command();
        assertThat(spec.options).allSatisfy(o -> assertThat(String.join(" ", o.help)).isNotBlank());
        assertThat(String.join(" ", spec.paramsHelp)).isNotBlank();
    }

    @Test
    void badCommandLinesExitWithOneAndSayWhy() {
        assertThat(run("-c", "0")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("--count must be at least 1, not 0");
        });
        assertThat(run("--snaplen", "300000").exitCode()).isEqualTo(1);
        assertThat(run("-B", "0").exitCode()).isEqualTo(1);
        assertThat(run("--duration", "-1").exitCode()).isEqualTo(1);
        assertThat(run("--no-such-option").exitCode()).isEqualTo(1);
        assertThat(run("-c", "many").exitCode()).isEqualTo(1);
    }

    @Test
    void listPrintsOneLinePerInterfaceAndMarksTheDefault() {
        assumeLibpcap();
        Run result = run("--list");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line)
                .startsWith("lo ").contains("up", "loopback", "127.0.0.1", "::1"));
        assertThat(result.out().lines().filter(line -> line.endsWith("[default]"))).hasSize(1);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anUnknownInterfaceExitsWithTwoAndOneSentence() {
        assumeLibpcap();
        Run result = run("-i", "nosuch-sip0", "-c", "1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("There is no network interface named \"nosuch-sip0\": run "
                + "`sipscope capture --list` to see the interfaces you can capture on." + System.lineSeparator());
    }

    @Test
    void aBadFilterExitsWithTwoAndNamesTheFilter() {
        assumeLoopbackCapture();
        Run result = run("-i", "lo", "udp", "prot", "5060");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(
                "The capture filter \"udp prot 5060\" is not valid: can't parse filter expression: syntax error.");
    }

    @Test
    void anOutputInAMissingDirectoryExitsWithTwo(@TempDir Path dir) {
        assumeLoopbackCapture();
        Path target = dir.resolve("missing").resolve("out.pcap");
        Run result = run("-i", "lo", "-w", target.toString(), "udp", "port", "9");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("Cannot write " + target + ": its directory does not exist.");
    }

    @Test
    void countFramesAreWrittenToAValidPcapFile(@TempDir Path dir) throws Exception {
        assumeLoopbackCapture();
        Path file = dir.resolve("three.pcap");
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            List<byte[]> sent = new ArrayList<>();
            Run result = runWhileSending(new CaptureCommand(), sender, port, "count", sent,
                    "-i", "lo", "-c", "3", "-w", file.toString(), "udp", "dst", "port", String.valueOf(port));
            assertThat(result.exitCode()).as(result.err()).isZero();
            List<byte[]> records = pcapRecords(Files.readAllBytes(file), 1);
            assertThat(records).hasSize(3);
            assertConsecutivePayloads(records, sent);
            assertThat(result.err()).contains("3 packets (", "captured on lo in", "written to " + file,
                    "drops: kernel 0, interface 0, queue 0; kernel received ");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void dashWritesPcapToStandardOutput() throws Exception {
        assumeLoopbackCapture();
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            CaptureCommand command = new CaptureCommand();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            command.standardOutput = stdout;
            List<byte[]> sent = new ArrayList<>();
            Run result = runWhileSending(command, sender, port, "stdout", sent,
                    "-i", "lo", "-c", "2", "-w", "-", "udp dst port " + port);
            assertThat(result.exitCode()).as(result.err()).isZero();
            List<byte[]> records = pcapRecords(stdout.toByteArray(), 1);
            assertThat(records).hasSize(2);
            assertConsecutivePayloads(records, sent);
            assertThat(result.err()).contains("written to standard output");
        }
    }

    @Test
    void durationEndsAnIdleCapture() {
        assumeLoopbackCapture();
        Run result = run("-i", "lo", "--duration", "0.3", "udp", "port", "9");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).startsWith("0 packets (0 B) captured on lo in ");
    }

    @Test
    void rotationSplitsTheCaptureIntoBoundedFilesThatHoldEveryFrame(@TempDir Path dir) throws Exception {
        assumeLoopbackCapture();
        Path base = dir.resolve("rot.pcap");
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            Run[] result = new Run[1];
            Thread runner = new Thread(() -> result[0] = run(new CaptureCommand(), "-i", "lo", "-c", "800",
                    "-w", base.toString(), "--rotate-size", "1", "udp", "dst", "port", String.valueOf(port)));
            runner.start();
            byte[] payload = new byte[1800];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runner.isAlive() && System.nanoTime() < deadline) {
                sender.send(new DatagramPacket(payload, payload.length, InetAddress.getByName("127.0.0.1"), port));
                Thread.sleep(0, 200_000);
            }
            runner.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(result[0].exitCode()).as(result[0].err()).isZero();
            assertThat(result[0].err()).contains("written to 2 files (rot-00001.pcap ...)");
        }
        long frames = 0;
        for (String name : new String[] {"rot-00001.pcap", "rot-00002.pcap"}) {
            Path f = dir.resolve(name);
            assertThat(Files.size(f)).isLessThanOrEqualTo(1_000_000);
            try (dev.sipscope.capture.FrameSource in = dev.sipscope.capture.CaptureFiles.open(f)) {
                while (in.next() != null) {
                    frames++;
                }
                assertThat(in.truncated()).isFalse();
            }
        }
        assertThat(frames).isEqualTo(800);
    }

    @Test
    void hepSendForwardsEachSipMessageWithItsOriginalAddressesToTheCollector() throws Exception {
        assumeLoopbackCapture();
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            collector.setSoTimeout(10_000);
            int port = receiver.getLocalPort();
            Run[] result = new Run[1];
            Thread runner = new Thread(() -> result[0] = run(new CaptureCommand(), "-i", "lo", "-c", "3",
                    "--hep-send", "udp:127.0.0.1:" + collector.getLocalPort(), "--hep-id", "77",
                    "udp", "dst", "port", String.valueOf(port)));
            runner.start();
            List<byte[]> sent = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runner.isAlive() && System.nanoTime() < deadline) {
                byte[] sip = ("OPTIONS sip:probe@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK" + sent.size()
                        + "\r\nCall-ID: hep-" + sent.size() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                sender.send(new DatagramPacket(sip, sip.length, InetAddress.getByName("127.0.0.1"), port));
                sent.add(sip);
                runner.join(20);
            }
            runner.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(result[0].exitCode()).as(result[0].err()).isZero();
            assertThat(result[0].err()).contains("HEP: 3 SIP messages sent to udp:127.0.0.1:");
            dev.sipscope.decoder.HepDecoder hep = new dev.sipscope.decoder.HepDecoder(1 << 16);
            dev.sipscope.decoder.Packet inner = new dev.sipscope.decoder.Packet();
            int first = -1;
            for (int i = 0; i < 3; i++) {
                DatagramPacket d = new DatagramPacket(new byte[70_000], 70_000);
                collector.receive(d);
                assertThat(hep.decode(d.getData(), 0, d.getLength(), 0)).isEqualTo(dev.sipscope.decoder.HepDecoder.RESULT_PAYLOAD);
                hep.fill(inner);
                assertThat(inner.toString()).startsWith("127.0.0.1:" + sender.getLocalPort() + " -> 127.0.0.1:" + port);
                assertThat(inner.hepCaptureId).isEqualTo(77);
                assertThat(inner.hepPayloadType).isEqualTo(dev.sipscope.decoder.HepDecoder.TYPE_SIP);
                byte[] got = java.util.Arrays.copyOfRange(inner.data, inner.payloadOffset,
                        inner.payloadOffset + inner.payloadLength);
                if (first < 0) {
                    for (int k = 0; k < sent.size() && first < 0; k++) {
                        first = Arrays.equals(sent.get(k), got) ? k : -1;
                    }
                    assertThat(first).as("the first forwarded message is one we sent").isNotNegative();
                }
                assertThat(got).as("forwarded in order, none missing").isEqualTo(sent.get(first + i));
                assertThat(Math.abs(inner.timestampNanos / 1_000_000 - System.currentTimeMillis())).isLessThan(60_000);
            }
        }
    }

    @Test
    void badHepTargetsAndRotationWithoutAFileAreUsageErrors() {
        assertThat(run("-i", "lo", "--hep-send", "tcp:1.2.3.4:9060").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("-i", "lo", "--hep-send", "udp:127.0.0.1:0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("-i", "lo", "--rotate-size", "10").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("-i", "lo", "-w", "x.pcap", "--rotate-files", "3").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void pcapngOutputKeepsTheInterfaceAndReadsBack(@TempDir Path dir) throws Exception {
        assumeLoopbackCapture();
        Path file = dir.resolve("two.pcapng");
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            List<byte[]> sent = new ArrayList<>();
            Run result = runWhileSending(new CaptureCommand(), sender, port, "pcapng", sent,
                    "-i", "lo", "-c", "2", "-w", file.toString(), "udp", "dst", "port", String.valueOf(port));
            assertThat(result.exitCode()).as(result.err()).isZero();
            try (dev.sipscope.capture.FrameSource in = dev.sipscope.capture.CaptureFiles.open(file)) {
                assertThat(in.next()).isNotNull();
                assertThat(in.interfaces()).hasSize(1);
                assertThat(in.interfaces().get(0).name()).isEqualTo("lo");
                assertThat(in.next()).isNotNull();
                assertThat(in.next()).isNull();
                assertThat(in.truncated()).isFalse();
            }
        }
    }

    @Test
    void aWriteFailingMidCaptureStopsWithTwoOneSentenceAndKeepsOnlyAPartFile(@TempDir Path dir) throws Exception {
        assumeLoopbackCapture();
        for (String name : List.of("full.pcap", "full.pcapng")) {
            Path file = dir.resolve(name);
            OutputFiles.opener = path -> new OutputFailureTest.FailingStream(Files.newOutputStream(path), 400);
            try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
                 DatagramSocket sender = new DatagramSocket()) {
                int port = receiver.getLocalPort();
                List<byte[]> sent = new ArrayList<>();
                Run result = runWhileSending(new CaptureCommand(), sender, port, "full", sent,
                        "-i", "lo", "-c", "100000", "-w", file.toString(), "udp", "dst", "port", String.valueOf(port));
                assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
                assertThat(result.err()).contains("Cannot write " + file + ": No space left on device; the packets "
                        + "before it are kept in " + file + ".part").doesNotContain("Exception", "\tat ");
                assertThat(file).as("no complete-looking file").doesNotExist();
                assertThat(dir.resolve(name + ".part")).exists();
            } finally {
                OutputFiles.opener = Files::newOutputStream;
            }
        }
    }

    @Test
    void terminatingTheJvmFlushesAndClosesAValidFileAndPrintsTheSummary(@TempDir Path dir) throws Exception {
        assumeLoopbackCapture();
        Path file = dir.resolve("signal.pcap");
        Path part = dir.resolve("signal.pcap.part"); // the name while the capture runs
        Path err = dir.resolve("err.txt");
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CaptureCommandMain.class.getName(), "-i", "lo", "-w", file.toString(),
                    "udp", "dst", "port", String.valueOf(port))
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(Files.exists(part) && Files.size(part) >= 24) && System.nanoTime() < deadline
                        && child.isAlive()) {
                    Thread.sleep(20);
                }
                assertThat(Files.exists(part)).as("the capture file appeared; stderr: %s", readQuietly(err)).isTrue();
                assertThat(file).as("no complete-looking file while capturing").doesNotExist();
                for (int i = 0; i < 4; i++) {
                    byte[] p = payload("signal", i);
                    sender.send(new DatagramPacket(p, p.length, InetAddress.getByName("127.0.0.1"), port));
                }
                // The command flushes once a second: wait until all four are on disk, then signal.
                while (completeRecords(part) < 4 && System.nanoTime() < deadline && child.isAlive()) {
                    Thread.sleep(50);
                }
                child.destroy(); // SIGTERM: the same shutdown path as Ctrl-C
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            assertThat(child.exitValue()).isEqualTo(143);
            assertThat(part).as("renamed to its final name on the shutdown path").doesNotExist();
            List<byte[]> records = pcapRecords(Files.readAllBytes(file), 1);
            assertThat(records).hasSize(4);
            assertThat(udpPayload(records.get(3))).isEqualTo(payload("signal", 3));
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(stderr).contains("4 packets (", "captured on lo", "written to " + file)
                    .doesNotContain("\tat ", "Exception", "INFO");
        }
    }

    /** Complete records in a little-endian pcap file that may still be growing. */
    private static int completeRecords(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int records = 0;
        int p = 24;
        while (p + 16 <= bytes.length && p + 16 + b.getInt(p + 8) <= bytes.length) {
            p += 16 + b.getInt(p + 8);
            records++;
        }
        return records;
    }

    private static String readQuietly(Path path) {
        try {
            return Files.exists(path) ? Files.readString(path) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * Runs the command on another thread and sends numbered datagrams, one every 20 ms, until it
     * returns (the command opens its capture asynchronously, so the first ones may be missed).
     */
    private static Run runWhileSending(CaptureCommand command, DatagramSocket sender, int port, String tag,
                                       List<byte[]> sent, String... args) throws Exception {
        Run[] result = new Run[1];
        Thread runner = new Thread(() -> result[0] = run(command, args), "command-under-test");
        runner.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        while (runner.isAlive() && System.nanoTime() < deadline) {
            byte[] p = payload(tag, sent.size());
            sender.send(new DatagramPacket(p, p.length, loopback, port));
            sent.add(p);
            runner.join(20);
        }
        runner.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(runner.isAlive()).as("the command finished").isFalse();
        return result[0];
    }

    /** The index in {@code sent} of the first record's payload; the others must follow it in order. */
    private static void assertConsecutivePayloads(List<byte[]> records, List<byte[]> sent) {
        byte[] first = udpPayload(records.get(0));
        int start = -1;
        for (int i = 0; i < sent.size(); i++) {
            if (Arrays.equals(sent.get(i), first)) {
                start = i;
            }
        }
        assertThat(start).as("the first frame carries a datagram we sent").isNotNegative();
        for (int r = 0; r < records.size(); r++) {
            assertThat(udpPayload(records.get(r))).as("record %d", r).isEqualTo(sent.get(start + r));
        }
    }

    @Test
    void addressesAreShownTheWayPeopleWriteThem() throws Exception {
        assertThat(CaptureCommand.formatAddress(InetAddress.getByName("192.0.2.2"))).isEqualTo("192.0.2.2");
        assertThat(CaptureCommand.formatAddress(InetAddress.getByName("fd00:0:0:0:0:0:0:2"))).isEqualTo("fd00::2");
        assertThat(CaptureCommand.formatAddress(InetAddress.getByName("fe80:0:0:0:fc:ff:fe00:1")))
                .isEqualTo("fe80::fc:ff:fe00:1");
        assertThat(CaptureCommand.formatAddress(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(CaptureCommand.formatAddress(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(CaptureCommand.formatAddress(InetAddress.getByName("2001:db8:0:1:1:1:1:1")))
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(CaptureCommand.formatAddress(InetAddress.getByName("2001:0:0:1:0:0:0:1")))
                .isEqualTo("2001:0:0:1::1");
    }

    @Test
    void byteCountsAreHumanReadable() {
        assertThat(CaptureCommand.humanBytes(0)).isEqualTo("0 B");
        assertThat(CaptureCommand.humanBytes(999)).isEqualTo("999 B");
        assertThat(CaptureCommand.humanBytes(1000)).isEqualTo("1.0 kB");
        assertThat(CaptureCommand.humanBytes(1_234_567)).isEqualTo("1.2 MB");
        assertThat(CaptureCommand.humanBytes(999_999)).isEqualTo("1.0 MB");
    }

    @Test
    void theInterfaceTableAlignsColumns() throws Exception {
        List<LiveInterface> interfaces = List.of(
                new LiveInterface("eth0", null, List.of(InetAddress.getByName("192.0.2.2")), false, true, true),
                new LiveInterface("lo", null, List.of(InetAddress.getByName("127.0.0.1")), true, true, true),
                new LiveInterface("nflog", "Linux netfilter log (NFLOG) interface", List.of(), false, false, false));
        assertThat(CaptureCommand.interfaceTable(interfaces).lines()).containsExactly(
                "eth0   up,running           192.0.2.2 [default]",
                "lo     up,running,loopback  127.0.0.1",
                "nflog  down                 (Linux netfilter log (NFLOG) interface)");
    }
}
