package dev.sipscope.tui.cli;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameWriter;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.PcapWriter;
import dev.sipscope.capture.PcapngWriter;
import dev.sipscope.capture.RotatingFrameWriter;
import dev.sipscope.correlator.export.HepForwarder;
import dev.sipscope.capture.live.LiveCapture;
import dev.sipscope.capture.live.LiveCaptureException;
import dev.sipscope.capture.live.LiveFrameSource;
import dev.sipscope.capture.live.LiveInterface;
import dev.sipscope.capture.live.LiveOptions;
import dev.sipscope.capture.live.LiveStats;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code sipscope capture}: live capture from a network interface to a pcap (or pcapng) file,
 * tcpdump style, with a once-a-second status line on a terminal and a clean stop on Ctrl-C.
 *
 * <p>Exit codes ({@link ExitCodes}): 0 done; 1 bad command line; 2 the interface or the output
 * could not be opened, or failed (one sentence on stderr). Ended by a signal, the JVM exits with the signal's status (130 for
 * Ctrl-C) after the file is flushed and closed.
 */
public final class CaptureCommand {
    private static final long STATUS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_MILLIS = 100;
    private static final long SHUTDOWN_WAIT_SECONDS = 10;
    private static final int MAX_BUFFER_MIB = 2047;

    String interfaceName;
    boolean list;
    String output;
    int snaplenBytes;
    boolean noPromiscuous;
    Integer bufferSizeMiB;
    Long count;
    Double durationSeconds;
    Long rotateSizeMB;
    Integer rotateFiles;
    String hepSend;
    int hepCaptureId = 2001;
    String hepPassword;
    List<String> filterWords = new ArrayList<>();

    /** The command line of {@code capture}, bound to this instance. */
    public Cli.Command command() {
        return new Cli.Command("capture")
                .header("Capture packets live from a network interface.")
                .description("",
                        "Captures on one interface through libpcap, optionally filtered with a BPF expression in "
                                + "tcpdump syntax, and writes the frames to a capture file. Without -w the frames are only "
                                + "counted, which checks an interface and a filter.",
                        "",
                        "Needs libpcap (Debian/Ubuntu: libpcap0.8) and root or the CAP_NET_RAW and CAP_NET_ADMIN "
                                + "capabilities. Press Ctrl-C to stop: the file is flushed and closed, so it stays valid.")
                .params("FILTER", 0, filterWords::add,
                        "BPF filter expression in tcpdump syntax (pcap-filter(7)); the words are joined with "
                                + "spaces, e.g. udp port 5060 or tcp port 5061. Quote it when it contains shell characters.")
                .option("-i,--interface", "IFACE", v -> interfaceName = v,
                        "Interface to capture on, or 'any' for all of them (Linux). "
                                + "Default: the first interface that is up, not a loopback and has an address, else 'any'.")
                .flag("-D,--list", () -> list = true, "List the interfaces you can capture on, then exit.")
                .option("-w,--write", "FILE", v -> output = v,
                        "Write the frames to FILE: pcapng when the name ends in .pcapng, else pcap "
                                + "(nanosecond timestamps when libpcap gives them); '-' writes pcap to standard output.")
                .option("-s,--snaplen", "BYTES", v -> snaplenBytes = Cli.intValue(v),
                        "Keep at most BYTES of each frame, 1 to 262144; 0 means the default, 262144 (whole frames).")
                .flag("-p,--no-promisc", () -> noPromiscuous = true,
                        "Do not put the interface into promiscuous mode: only frames to or from this host.")
                .option("-B,--buffer-size", "MiB", v -> bufferSizeMiB = Cli.intValue(v),
                        "Kernel capture buffer in MiB (default: 8); raise it when the kernel drops frames.")
                .option("-c,--count", "N", v -> count = Cli.longValue(v), "Stop after N frames.")
                .option("--duration", "SECONDS", v -> durationSeconds = Cli.doubleValue(v),
                        "Stop after SECONDS (decimals allowed).")
                .option("--rotate-size", "MB", v -> rotateSizeMB = Cli.longValue(v),
                        "Start a new file when the current one would pass MB megabytes (1,000,000 bytes, as tcpdump -C): "
                                + "-w calls.pcap writes calls-00001.pcap, calls-00002.pcap, ...")
                .option("--rotate-files", "N", v -> rotateFiles = Cli.intValue(v),
                        "With --rotate-size: keep only the newest N files (a ring; older ones are deleted).")
                .option("--hep-send", "udp:HOST:PORT", v -> hepSend = v,
                        "Forward every SIP message captured to a Homer collector as HEPv3 over UDP, with the "
                                + "original addresses, ports and capture times.")
                .option("--hep-id", "N", v -> hepCaptureId = Cli.intValue(v),
                        "Capture agent id sent in HEP (default: 2001).")
                .option("--hep-password", "KEY", v -> hepPassword = v, "Authentication key the HEP collector expects.")
                .exitCodes(
                        "0:captured and written",
                        "1:invalid command line",
                        "2:cannot open the interface or the output, or the capture failed",
                        "70:a bug (an unexpected exception)")
                .footer("",
                        "Examples:",
                        "  sipscope capture --list",
                        "      list the interfaces you can capture on",
                        "  sipscope capture -i eth0 -w calls.pcap port 5060 or portrange 10000-20000",
                        "      SIP and a typical RTP port range to calls.pcap, until Ctrl-C",
                        "  sipscope capture -i any -c 10000 -w sip.pcapng port 5060",
                        "      the first 10000 SIP packets from every interface, as pcapng",
                        "  sipscope capture -i eth0 -w sip.pcap --rotate-size 100 --rotate-files 24 port 5060",
                        "      SIP into sip-00001.pcap, sip-00002.pcap ... of 100 MB each, keeping the newest 24",
                        "  sipscope capture -i eth0 --hep-send udp:homer.example.net:9060 port 5060",
                        "      forward every SIP message to a Homer collector as HEPv3 (no file)",
                        "  sipscope capture -i eth0 --duration 60 -B 64 -w busy.pcap",
                        "      one minute of everything, with a 64 MiB kernel buffer for a busy link",
                        "  sipscope capture -i eth0 -w - udp | tshark -r -",
                        "      stream pcap to another tool")
                .action(this::call);
    }

    /** Where {@code -w -} writes; standard output unless a test replaces it. */
    OutputStream standardOutput = new FileOutputStream(FileDescriptor.out);

    /** Where --hep-send points, once validated. */
    private InetSocketAddress hepCollector;

    /** Whether to draw the status line; null means "when standard error is a terminal". */
    Boolean statusLine;

    int call(PrintWriter out, PrintWriter err) {
        if (list) {
            return listInterfaces(out, err);
        }
        LiveOptions options;
        try {
            options = liveOptions();
        } catch (CaptureFailure e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.INPUT;
        }
        return capture(options, err);
    }

    /** Validates the command line into options; picks the default interface. */
    private LiveOptions liveOptions() throws CaptureFailure {
        if (snaplenBytes < 0 || snaplenBytes > LiveOptions.MAX_SNAPLEN_BYTES) {
            throw usage("--snaplen must be between 0 and " + LiveOptions.MAX_SNAPLEN_BYTES + ", not " + snaplenBytes);
        }
        if (bufferSizeMiB != null && (bufferSizeMiB < 1 || bufferSizeMiB > MAX_BUFFER_MIB)) {
            throw usage("--buffer-size must be between 1 and " + MAX_BUFFER_MIB + " MiB, not " + bufferSizeMiB);
        }
        if (count != null && count < 1) {
            throw usage("--count must be at least 1, not " + count);
        }
        if (durationSeconds != null && !(durationSeconds > 0 && durationSeconds <= 1e9)) {
            throw usage("--duration must be a positive number of seconds, not " + durationSeconds);
        }
        if (interfaceName != null && interfaceName.isBlank()) {
            throw usage("--interface needs a name");
        }
        if (output != null && output.isBlank()) {
            throw usage("--write needs a file name");
        }
        if (rotateSizeMB != null && (output == null || "-".equals(output))) {
            throw usage("--rotate-size needs -w FILE");
        }
        if (rotateSizeMB != null && (rotateSizeMB < 1 || rotateSizeMB > 1_000_000)) {
            throw usage("--rotate-size must be between 1 and 1000000 MB, not " + rotateSizeMB);
        }
        if (rotateFiles != null && rotateSizeMB == null) {
            throw usage("--rotate-files needs --rotate-size");
        }
        if (rotateFiles != null && rotateFiles < 1) {
            throw usage("--rotate-files must be at least 1, not " + rotateFiles);
        }
        if (hepSend != null) {
            try {
                hepCollector = HepForwarder.parseTarget(hepSend);
            } catch (IllegalArgumentException e) {
                throw usage("--hep-send: " + e.getMessage());
            }
        }
        String name = interfaceName;
        if (name == null) {
            try {
                name = LiveCapture.defaultInterfaceName(LiveCapture.listInterfaces());
            } catch (LiveCaptureException e) {
                throw new CaptureFailure(e.getMessage());
            }
        }
        LiveOptions.Builder builder = LiveOptions.builder(name)
                .filter(String.join(" ", filterWords))
                .promiscuous(!noPromiscuous && !"any".equals(name));
        if (snaplenBytes > 0) {
            builder.snaplenBytes(snaplenBytes);
        }
        if (bufferSizeMiB != null) {
            builder.bufferSizeBytes(bufferSizeMiB << 20);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Cli.UsageException usage(String message) {
        return new Cli.UsageException(message);
    }

    private int capture(LiveOptions options, PrintWriter err) {
        LiveFrameSource source;
        try {
            source = LiveFrameSource.open(options);
        } catch (LiveCaptureException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.INPUT;
        }
        FrameWriter writer = null;
        try {
            if (output != null) {
                writer = openWriter(output, source.interfaces(), source.nanosecondPrecision());
                writer.flush(); // the file header is on disk at once: a valid (empty) capture from the start
            }
        } catch (IOException | CaptureFailure e) {
            source.close();
            err.println(e instanceof CaptureFailure ? e.getMessage() : cannotWrite(output, (IOException) e));
            err.flush();
            return ExitCodes.INPUT;
        }
        HepForwarder forwarder = null;
        if (hepCollector != null) {
            try {
                forwarder = new HepForwarder(hepCollector, hepCaptureId, hepPassword);
            } catch (IOException e) {
                source.close();
                closeQuietly(writer);
                err.println("Cannot send HEP to " + hepSend + ": " + e.getMessage());
                err.flush();
                return ExitCodes.INPUT;
            }
        }
        for (String warning : source.warnings()) {
            err.println(warning);
        }
        err.flush();

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            source.stop();
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "capture-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean status = statusLine != null ? statusLine : stderrIsTerminal();
        Outcome outcome = new Outcome();
        long startNanos = System.nanoTime();
        try {
            loop(source, writer, forwarder, status, err, outcome, startNanos);
        } finally {
            source.close();
            if (forwarder != null) {
                closeQuietly(forwarder);
                outcome.hepSent = forwarder.sent();
                outcome.hepFailed = forwarder.failed();
            }
            if (writer instanceof RotatingFrameWriter) {
                outcome.files = ((RotatingFrameWriter) writer).filesStarted();
            }
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    if (outcome.error == null) {
                        outcome.error = cannotWriteDuring(output, e, writer);
                    }
                }
            }
            if (status) {
                err.print("\r\u001b[K");
            }
            if (outcome.error != null) {
                err.println(outcome.error);
            }
            err.println(summary(options.interfaceName(), outcome, source.stats(), System.nanoTime() - startNanos));
            err.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (Ctrl-C): the hook is running and now returns.
            }
        }
        return outcome.error == null ? ExitCodes.OK : ExitCodes.INPUT;
    }

    /** Frames and bytes taken by this command, and the first error, one sentence. */
    private static final class Outcome {
        long frames;
        long bytes;
        long hepSent = -1;
        int files;
        long hepFailed;
        String error;
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // reporting the first failure is enough
        }
    }

    private void loop(LiveFrameSource source, FrameWriter writer, HepForwarder forwarder, boolean status,
                      PrintWriter err, Outcome outcome, long startNanos) {
        long limit = count == null ? Long.MAX_VALUE : count;
        long deadline = durationSeconds == null ? Long.MAX_VALUE
                : startNanos + (long) (durationSeconds * 1e9);
        long nextTick = startNanos + STATUS_INTERVAL_NANOS;
        long writtenAtLastFlush = 0;
        try {
            while (true) {
                Frame frame = source.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    if (outcome.frames < limit) {
                        if (writer != null) {
                            writer.write(frame);
                        }
                        if (forwarder != null) {
                            forwarder.accept(frame);
                        }
                        outcome.frames++;
                        outcome.bytes += frame.capturedLength();
                        if (outcome.frames == limit) {
                            source.stop();
                        }
                    }
                } else if (source.isFinished()) {
                    return;
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    source.stop();
                }
                if (now - nextTick >= 0) {
                    nextTick = now + STATUS_INTERVAL_NANOS;
                    if (writer != null && outcome.frames != writtenAtLastFlush) {
                        writer.flush(); // the file is readable while the capture goes on
                        writtenAtLastFlush = outcome.frames;
                    }
                    if (status) {
                        if (forwarder != null) {
                            outcome.hepSent = forwarder.sent();
                        }
                        err.print("\r" + statusText(source.name(), outcome, source.stats()) + "\u001b[K");
                        err.flush();
                    }
                }
            }
        } catch (LiveCaptureException e) {
            outcome.error = e.getMessage();
        } catch (IOException e) {
            outcome.error = cannotWriteDuring(output, e, writer);
            source.stop();
        }
    }

    private int listInterfaces(PrintWriter out, PrintWriter err) {
        List<LiveInterface> interfaces;
        try {
            interfaces = LiveCapture.listInterfaces();
        } catch (LiveCaptureException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.INPUT;
        }
        out.print(interfaceTable(interfaces));
        out.flush();
        return ExitCodes.OK;
    }

    /** One line per interface: name, state, addresses, description; the default is marked. */
    static String interfaceTable(List<LiveInterface> interfaces) {
        String defaultName = LiveCapture.defaultInterfaceName(interfaces);
        int nameWidth = 4;
        int stateWidth = 5;
        List<String> states = new ArrayList<>();
        for (LiveInterface i : interfaces) {
            String state = (i.up() ? "up" : "down") + (i.running() ? ",running" : "") + (i.loopback() ? ",loopback" : "");
            states.add(state);
            nameWidth = Math.max(nameWidth, i.name().length());
            stateWidth = Math.max(stateWidth, state.length());
        }
        StringBuilder table = new StringBuilder();
        for (int n = 0; n < interfaces.size(); n++) {
            LiveInterface i = interfaces.get(n);
            List<String> details = new ArrayList<>();
            for (InetAddress address : i.addresses()) {
                details.add(formatAddress(address));
            }
            if (i.description() != null && !i.description().isBlank()) {
                details.add("(" + i.description().strip() + ")");
            }
            if (i.name().equals(defaultName)) {
                details.add("[default]");
            }
            String line = String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + stateWidth + "s  %s",
                    i.name(), states.get(n), String.join(" ", details));
            table.append(line.stripTrailing()).append(System.lineSeparator());
        }
        return table.toString();
    }

    /** An address as people write it: IPv6 compressed (RFC 5952), no scope. */
    static String formatAddress(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = (b[2 * g] & 0xff) << 8 | (b[2 * g + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 section 4.2.2: "::" never shortens a single 16-bit 0 field
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int end = g;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - g > bestLength) {
                bestStart = g;
                bestLength = end - g;
            }
            g = end;
        }
        StringBuilder text = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                text.append("::");
                g += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[g]));
        }
        return text.toString();
    }

    /**
     * The writer for {@code target}: {@code -} is pcap on standard output; a name ending in
     * {@code .pcapng} (any case) pcapng; anything else pcap. A live capture has one interface, so
     * classic pcap (one link type per file) always fits.
     */
    FrameWriter openWriter(String target, List<InterfaceInfo> interfaces, boolean nanosecond)
            throws IOException, CaptureFailure {
        InterfaceInfo capturing = interfaces.get(0);
        if ("-".equals(target)) {
            OutputStream keepOpen = new FilterOutputStream(standardOutput) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    flush(); // standard output stays open for whoever prints after us
                }
            };
            return new PcapWriter(keepOpen, capturing.linkType(), capturing.snapLength(), nanosecond);
        }
        Path path = Path.of(target);
        boolean pcapng = target.toLowerCase(Locale.ROOT).endsWith(".pcapng");
        if (rotateSizeMB != null) {
            return new RotatingFrameWriter(path, rotateSizeMB * 1_000_000L, rotateFiles == null ? 0 : rotateFiles,
                    out -> {
                        if (pcapng) {
                            PcapngWriter w = new PcapngWriter(out);
                            w.declareInterfaces(interfaces);
                            return w;
                        }
                        return new PcapWriter(out, capturing.linkType(), capturing.snapLength(), nanosecond);
                    });
        }
        return new PartFileWriter(path, part -> pcapng ? openPcapng(part, interfaces)
                : new PcapWriter(OutputFiles.open(part), capturing.linkType(), capturing.snapLength(), nanosecond));
    }

    /** pcapng output (nanosecond timestamps), keeping the capture's interface description. */
    private FrameWriter openPcapng(Path path, List<InterfaceInfo> interfaces) throws IOException {
        PcapngWriter writer = new PcapngWriter(OutputFiles.open(path));
        writer.declareInterfaces(interfaces);
        return writer;
    }

    /** One sentence for a write that failed mid-capture: the error, and where the packets before it are. */
    static String cannotWriteDuring(String target, IOException e, FrameWriter writer) {
        String sentence = cannotWrite(target, e);
        Path kept = writer instanceof PartFileWriter ? ((PartFileWriter) writer).part()
                : writer instanceof RotatingFrameWriter ? ((RotatingFrameWriter) writer).currentPart() : null;
        if (kept == null || !Files.exists(kept)) {
            return sentence;
        }
        return sentence.substring(0, sentence.length() - 1) + "; the packets before it are kept in " + kept
                + " (its last one may be cut).";
    }

    static String cannotWrite(String target, IOException e) {
        return "Cannot write " + ("-".equals(target) ? "to standard output" : target) + ": " + reason(e) + ".";
    }

    /** Why a write failed, in a few words without a final full stop ("permission denied"). */
    static String reason(IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "its directory does not exist";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            reason = ((FileSystemException) e).getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        reason = reason.strip();
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return reason;
    }

    static String statusText(String interfaceName, Outcome outcome, LiveStats stats) {
        return String.format(Locale.ROOT, "%s: %,d packets, %s, %,d kernel drops, %,d queue drops%s",
                interfaceName, outcome.frames, humanBytes(outcome.bytes),
                stats.kernelDropped() + stats.interfaceDropped(), stats.queueDropped(),
                outcome.hepSent >= 0 ? String.format(Locale.ROOT, ", %,d SIP sent as HEP", outcome.hepSent) : "");
    }

    String summary(String interfaceName, Outcome outcome, LiveStats stats, long elapsedNanos) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d packets (%s) captured on %s in %.1f s",
                outcome.frames, humanBytes(outcome.bytes), interfaceName, elapsedNanos / 1e9));
        if (output != null) {
            if (outcome.files > 0) {
                line.append(String.format(Locale.ROOT, ", written to %,d file%s (%s ...)", outcome.files,
                        outcome.files == 1 ? "" : "s", RotatingFrameWriter.firstFileName(Path.of(output))));
            } else {
                line.append(", written to ").append("-".equals(output) ? "standard output" : output);
            }
        }
        line.append(String.format(Locale.ROOT, "; drops: kernel %,d, interface %,d, queue %,d; kernel received %,d.",
                stats.kernelDropped(), stats.interfaceDropped(), stats.queueDropped(), stats.kernelReceived()));
        if (stats.loopbackHalved()) {
            line.append(" (On loopback libpcap counts each packet twice, sent and received; its kernel figures are halved here.)");
        }
        if (outcome.hepSent >= 0) {
            line.append(String.format(Locale.ROOT, " HEP: %,d SIP messages sent to %s", outcome.hepSent, hepSend));
            line.append(outcome.hepFailed > 0 ? String.format(Locale.ROOT, " (%,d sends failed).", outcome.hepFailed) : ".");
        }
        return line.toString();
    }

    static String humanBytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** True when standard error goes to a terminal (Linux: /proc; else: when the JVM has a console). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Cannot capture or write: the message is the sentence to print. */
    static final class CaptureFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CaptureFailure(String message) {
            super(message, null, false, false);
        }
    }
}
