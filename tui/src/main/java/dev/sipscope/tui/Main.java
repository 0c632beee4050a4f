package dev.sipscope.tui;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.tui.cli.AnalyzeCommand;
import dev.sipscope.tui.cli.Cli;
import dev.sipscope.tui.cli.CaptureCommand;
import dev.sipscope.tui.cli.ExitCodes;
import dev.sipscope.tui.cli.ExportCommand;
import dev.sipscope.tui.cli.LadderCommand;
import dev.sipscope.tui.cli.StatsCommand;
import dev.sipscope.tui.feed.TableOptions;
import dev.sipscope.tui.model.Column;
import dev.sipscope.tui.screen.UiOptions;
import dev.sipscope.tui.view.Glyphs;
import dev.sipscope.tui.view.Theme;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code sipscope} command: without a subcommand, the terminal UI on a live interface, capture
 * files or a HEP listener; {@code analyze} and {@code capture} for batch work.
 */
public final class Main {

    List<String> readFiles = new ArrayList<>();
    String interfaceName;
    String hepListen;
    boolean invitesOnly;
    String match;
    boolean matchIgnoreCase;
    boolean invertMatch;
    int limit;
    boolean rotate;
    int bufferMiB;
    List<String> columns;
    boolean noColor;
    boolean ascii;
    boolean utc;
    List<Integer> hepPorts;
    List<Integer> vxlanPorts;
    List<String> positional = new ArrayList<>();

    /** The whole command line: this command (the UI) and the subcommands, bound to this instance. */
    Cli.Command command() {
        Cli.Command c = new Cli.Command("sipscope")
                .description("SIP/RTP capture analyzer: calls, dialogs and RTP quality from pcap, pcapng or a live interface.",
                        "",
                        "Without a command it opens the call list: live on the default interface, on -i IFACE "
                                + "(optionally with a BPF filter), on capture files (-r FILE or just FILE: the list fills "
                                + "while the file loads), or on HEP packets from Homer agents (--hep-listen). Press F1 or ? "
                                + "on any screen for its keys.")
                .params("FILE|FILTER", 0, positional::add,
                        "Capture files to read, or (for live capture) a BPF filter in tcpdump syntax.")
                .repeat("-r,--read", "FILE", readFiles::add,
                        "Read a capture file (pcap, pcapng, .gz; '-' for standard input). Repeat to merge files.")
                .option("-i,--interface", "IFACE", v -> interfaceName = v,
                        "Capture live on IFACE ('any' for all). Default when no file is given: the first "
                                + "interface that is up with an address.")
                .option("--hep-listen", "udp:ADDR:PORT", v -> hepListen = v,
                        "Receive HEP/EEP from Homer capture agents on this UDP address, e.g. udp:0.0.0.0:9060.")
                .flag("-c,--calls", () -> invitesOnly = true, "Only dialogs that start with an INVITE (as sngrep -c).")
                .option("-m,--match", "REGEX", v -> match = v,
                        "Only dialogs whose first message matches this regular expression (sngrep's match expression).")
                .flag("--icase", () -> matchIgnoreCase = true,
                        "Match the expression without regard to case (as sngrep -i).")
                .flag("-v,--invert", () -> invertMatch = true,
                        "Keep the dialogs that do NOT match the expression (as sngrep -v).")
                .option("-l,--limit", "N", v -> limit = Cli.intValue(v), "Keep at most N calls (as sngrep -l).")
                .flag("-R,--rotate", () -> rotate = true,
                        "At the limit, drop the oldest call for each new one (as sngrep -R).")
                .option("-B,--buffer-size", "MiB", v -> bufferMiB = Cli.intValue(v),
                        "Kernel capture buffer for live capture (default 64).")
                .list("--columns", "LIST", v -> columns = Cli.append(columns, v),
                        "Call list columns in order: idx, start, method, from, to, callid, caller, callee, state, "
                                + "code, msgs, duration, mos, diag (default: all but callid).")
                .flag("--no-color", () -> noColor = true, "No colours (also when NO_COLOR is set or TERM=dumb).")
                .flag("--ascii", () -> ascii = true, "Draw lines and arrows with ASCII only.")
                .flag("--utc", () -> utc = true, "Show times in UTC rather than the local time zone.")
                .list("--hep-port", "PORT", v -> hepPorts = Cli.append(hepPorts, Cli.intValue(v)),
                        "UDP ports carrying HEP/EEP inside captures (default: 9060).")
                .list("--vxlan-port", "PORT", v -> vxlanPorts = Cli.append(vxlanPorts, Cli.intValue(v)),
                        "UDP ports carrying VXLAN (default: 4789).")
                .version(Version::lines)
                .footer("", "Examples:",
                        "  sipscope                         live on the default interface (needs root)",
                        "  sipscope -i eth0 port 5060 or portrange 10000-20000",
                        "  sipscope call.pcap               browse the calls of a capture",
                        "  sipscope -c -l 1000 -R -i any    INVITE dialogs only, the newest 1000",
                        "  sipscope --hep-listen udp:0.0.0.0:9060   calls sent by Homer agents",
                        "  sipscope analyze call.pcap       summary of a capture (--format json|csv)",
                        "  sipscope analyze call.pcap --filter 'state:busy or code:5xx'",
                        "  sipscope ladder call.pcap --call ID      one call as a ladder",
                        "  sipscope stats call.pcap         methods, codes, timings, MOS, top talkers",
                        "  sipscope export call.pcap --call ID --linked -w c.pcapng   a call's packets",
                        "  sipscope capture --list          interfaces to capture on",
                        "  sipscope capture -i eth0 -w out.pcapng udp port 5060",
                        "",
                        "Exit codes: 0 ok, 1 usage error, 2 input unreadable (or output unwritable),",
                        "3 a call has a diagnostic named by --fail-on.")
                .action(this::call);
        c.subcommand(new AnalyzeCommand().command());
        c.subcommand(new LadderCommand().command());
        c.subcommand(new StatsCommand().command());
        c.subcommand(new ExportCommand().command());
        c.subcommand(new CaptureCommand().command());
        c.subcommand(new Cli.Command("help").description("Show the help of sipscope or of one of its commands: "
                + "sipscope help analyze.").params("COMMAND", 0, v -> { }, "A command."));
        return c;
    }

    public static void main(String[] args) {
        System.exit(run(args, new dev.sipscope.tui.cli.ByteStreamWriter(System.out, true),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Cli.run(new Main().command(), args, out, err);
    }

    /** Parses {@code args} into this command's options, as a run would (for tests of {@link #request}). */
    void parse(String... args) {
        Cli.parseOnly(command(), args);
    }

    int call(PrintWriter out, PrintWriter err) {
        UiLauncher.Request request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        return UiLauncher.run(request, err);
    }

    /** The UI request the options describe; {@link IllegalArgumentException} with one sentence when they conflict. */
    UiLauncher.Request request() {
        List<String> files = new ArrayList<>(readFiles);
        String bpf = "";
        int sources = (readFiles.isEmpty() ? 0 : 1) + (interfaceName != null ? 1 : 0) + (hepListen != null ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException("choose one source: -r FILE, -i IFACE or --hep-listen");
        }
        if (!positional.isEmpty()) {
            if (interfaceName != null) {
                bpf = String.join(" ", positional);
            } else if (!readFiles.isEmpty() || hepListen != null) {
                throw new IllegalArgumentException("a BPF filter ('" + String.join(" ", positional)
                        + "') applies to live capture only (-i IFACE)");
            } else if (looksLikeFile(positional.get(0))) {
                for (String p : positional) {
                    if (!looksLikeFile(p)) {
                        throw new IllegalArgumentException("'" + p + "' is not a capture file");
                    }
                }
                files.addAll(positional);
            } else {
                bpf = String.join(" ", positional);
            }
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 (none) or more");
        }
        if (rotate && limit == 0) {
            throw new IllegalArgumentException("--rotate needs a limit (-l N)");
        }
        Pattern pattern = null;
        if (match != null) {
            try {
                pattern = Pattern.compile(match, matchIgnoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--match: " + e.getDescription() + " in '" + match + "'");
            }
        } else if (invertMatch || matchIgnoreCase) {
            throw new IllegalArgumentException("--invert and --icase need a match expression (-m REGEX)");
        }
        List<Column> cols = columns == null ? Column.DEFAULTS : Column.parseList(String.join(",", columns));
        DecoderConfig config = DecoderConfig.DEFAULTS;
        if (hepPorts != null) {
            config = config.withHepUdpPorts(hepPorts.stream().mapToInt(Integer::intValue).toArray());
        }
        if (vxlanPorts != null) {
            config = config.withVxlanUdpPorts(vxlanPorts.stream().mapToInt(Integer::intValue).toArray());
        }
        UiOptions ui = new UiOptions(Theme.forEnvironment(noColor), ascii ? Glyphs.ASCII : Glyphs.forEnvironment(),
                utc ? ZoneId.of("UTC") : ZoneId.systemDefault(), cols, Path.of("."), Version.get());
        return new UiLauncher.Request(List.copyOf(files), interfaceName, bpf, hepListen, bufferMiB, config,
                new TableOptions(invitesOnly, pattern, invertMatch, limit, rotate, TableOptions.DEFAULTS.maxStreamsPerCall()),
                ui);
    }

    /** A positional argument names a capture file when it exists, is '-' or has a capture file's extension. */
    static boolean looksLikeFile(String arg) {
        if (arg.equals(CaptureFiles.STDIN)) {
            return true;
        }
        String l = arg.toLowerCase(Locale.ROOT);
        if (l.endsWith(".pcap") || l.endsWith(".pcapng") || l.endsWith(".cap") || l.endsWith(".gz")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The version baked into the jar at build time. */
    public static final class Version {
        public static String get() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException ignored) {
                // no version resource: fall through to "unknown"
            }
            return p.getProperty("version", "unknown");
        }

        /** What {@code --version} prints. */
        public static String[] lines() {
            return new String[] {"sipscope " + get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
