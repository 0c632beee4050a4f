package dev.sipscope.tui;

import dev.sipscope.tui.cli.AnalyzeCommand;
import dev.sipscope.tui.cli.CaptureCommand;
import dev.sipscope.tui.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The {@code sipscope} command. */
@Command(name = "sipscope",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"SIP/RTP capture analyzer: calls, dialogs and RTP quality from pcap, pcapng or a live interface."},
        subcommands = {AnalyzeCommand.class, CaptureCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  sipscope analyze call.pcap                 summary of a capture",
                "  sipscope analyze call.pcap --format json   the same as JSON",
                "  sipscope capture --list                    interfaces to capture on",
                "  sipscope capture -i eth0 -w out.pcapng udp port 5060",
                "",
                "Exit codes: 0 ok, 1 usage error, 2 input unreadable."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
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
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
