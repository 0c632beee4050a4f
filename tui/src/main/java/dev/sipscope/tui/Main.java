package dev.sipscope.tui;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.tui.cli.AnalyzeCommand;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code sipscope} command: without a subcommand, the terminal UI on a live interface, capture
 * files or a HEP listener; {@code analyze} and {@code capture} for batch work.
 */
@Command(name = "sipscope",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"SIP/RTP capture analyzer: calls, dialogs and RTP quality from pcap, pcapng or a live interface.",
                "",
                "Without a command it opens the call list: live on the default interface, on -i IFACE "
                        + "(optionally with a BPF filter), on capture files (-r FILE or just FILE: the list fills "
                        + "while the file loads), or on HEP packets from Homer agents (--hep-listen). Press F1 or ? "
                        + "on any screen for its keys."},
        subcommands = {AnalyzeCommand.class, LadderCommand.class, StatsCommand.class, ExportCommand.class, CaptureCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
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
                "3 a call has a diagnostic named by --fail-on."})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-r", "--read"}, paramLabel = "FILE",
            description = "Read a capture file (pcap, pcapng, .gz; '-' for standard input). Repeat to merge files.")
    List<String> readFiles = new ArrayList<>();

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE",
            description = "Capture live on IFACE ('any' for all). Default when no file is given: the first "
                    + "interface that is up with an address.")
    String interfaceName;

    @Option(names = "--hep-listen", paramLabel = "udp:ADDR:PORT",
            description = "Receive HEP/EEP from Homer capture agents on this UDP address, e.g. udp:0.0.0.0:9060.")
    String hepListen;

    @Option(names = {"-c", "--calls"}, description = "Only dialogs that start with an INVITE (as sngrep -c).")
    boolean invitesOnly;

    @Option(names = {"-m", "--match"}, paramLabel = "REGEX",
            description = "Only dialogs whose first message matches this regular expression (sngrep's match expression).")
    String match;

    @Option(names = {"--icase"}, description = "Match the expression without regard to case (as sngrep -i).")
    boolean matchIgnoreCase;

    @Option(names = {"-v", "--invert"}, description = "Keep the dialogs that do NOT match the expression (as sngrep -v).")
    boolean invertMatch;

    @Option(names = {"-l", "--limit"}, paramLabel = "N", description = "Keep at most N calls (as sngrep -l).")
    int limit;

    @Option(names = {"-R", "--rotate"}, description = "At the limit, drop the oldest call for each new one (as sngrep -R).")
    boolean rotate;

    @Option(names = {"-B", "--buffer-size"}, paramLabel = "MiB", description = "Kernel capture buffer for live capture (default 64).")
    int bufferMiB;

    @Option(names = "--columns", paramLabel = "LIST", split = ",",
            description = "Call list columns in order: idx, start, method, from, to, callid, caller, callee, state, "
                    + "code, msgs, duration, mos, diag (default: all but callid).")
    List<String> columns;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or TERM=dumb).")
    boolean noColor;

    @Option(names = "--ascii", description = "Draw lines and arrows with ASCII only.")
    boolean ascii;

    @Option(names = "--utc", description = "Show times in UTC rather than the local time zone.")
    boolean utc;

    @Option(names = "--hep-port", paramLabel = "PORT", split = ",",
            description = "UDP ports carrying HEP/EEP inside captures (default: 9060).")
    List<Integer> hepPorts;

    @Option(names = "--vxlan-port", paramLabel = "PORT", split = ",", description = "UDP ports carrying VXLAN (default: 4789).")
    List<Integer> vxlanPorts;

    @Parameters(paramLabel = "FILE|FILTER", arity = "0..*",
            description = "Capture files to read, or (for live capture) a BPF filter in tcpdump syntax.")
    List<String> positional = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(run(args, new dev.sipscope.tui.cli.ByteStreamWriter(System.out, true),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> ExitCodes.SOFTWARE);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("sipscope: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        UiLauncher.Request request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
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
    public static final class Version implements CommandLine.IVersionProvider {
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

        @Override
        public String[] getVersion() {
            return new String[] {"sipscope " + get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
