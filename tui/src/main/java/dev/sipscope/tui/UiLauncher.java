package dev.sipscope.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.live.LiveCapture;
import dev.sipscope.capture.live.LiveCaptureException;
import dev.sipscope.capture.live.LiveOptions;
import dev.sipscope.correlator.export.TerminalText;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.tui.cli.ExitCodes;
import dev.sipscope.tui.feed.CaptureFeed;
import dev.sipscope.tui.feed.FileSource;
import dev.sipscope.tui.feed.HepListenSource;
import dev.sipscope.tui.feed.LiveSource;
import dev.sipscope.tui.feed.PacketSource;
import dev.sipscope.tui.feed.TableOptions;
import dev.sipscope.tui.model.ViewSpec;
import dev.sipscope.tui.model.ViewWorker;
import dev.sipscope.tui.screen.TerminalUi;
import dev.sipscope.tui.screen.UiOptions;
import dev.sipscope.tui.view.Glyphs;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the terminal UI on a source: opens the source (files, a live interface or a HEP
 * listener), starts the engine and view threads, runs the UI on the calling thread, and puts the
 * terminal back afterwards.
 *
 * <p>While the UI owns the terminal nothing may print to it: logging goes to a fresh private file
 * in the temporary directory (named at exit when something was logged, else deleted) and stray
 * writes to standard output or error are held back and printed once the screen is gone.
 */
public final class UiLauncher {

    /**
     * What to show.
     *
     * @param files       capture files (or {@code -}), or empty
     * @param interfaceName the interface for a live capture, or null for the default one
     * @param bpfFilter   BPF filter of a live capture, or empty
     * @param hepListen   {@code udp:ADDR:PORT} to receive HEP, or null
     * @param bufferMiB   kernel buffer for a live capture, or 0 for the default
     * @param decoder     decoder configuration (HEP and VXLAN ports)
     * @param table       which calls to keep
     * @param ui          how to show them
     */
    public record Request(List<String> files, String interfaceName, String bpfFilter, String hepListen, int bufferMiB,
                          DecoderConfig decoder, TableOptions table, UiOptions ui) {
    }

    private UiLauncher() {
    }

    /** Runs the UI until the user quits; returns the exit code. Errors before the UI starts go to {@code err}. */
    public static int run(Request r, PrintWriter err) {
        boolean dataOnStdin = r.files().contains(CaptureFiles.STDIN);
        if (!hasTerminal(dataOnStdin)) {
            err.println("sipscope: the screens need a terminal (standard input and output); "
                    + "for a text report use 'sipscope analyze FILE'.");
            return ExitCodes.USAGE;
        }
        Path logFile = null;
        try {
            // a fresh private file (never a fixed name in a shared directory someone could plant a link at)
            logFile = Files.createTempFile("sipscope-", ".log");
            System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
            Path log = logFile;
            // ended by a signal (the terminal closed): still leave no empty log behind
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    if (Files.exists(log) && Files.size(log) == 0) {
                        Files.deleteIfExists(log);
                    }
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }, "sipscope-log-cleanup"));
        } catch (IOException | UnsupportedOperationException e) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
        PacketSource source;
        DecoderConfig config = r.decoder();
        try {
            if (r.hepListen() != null) {
                HepListenSource hep = HepListenSource.open(r.hepListen());
                config = withHepPort(config, hep.port());
                source = hep;
            } else if (!r.files().isEmpty()) {
                source = FileSource.open(r.files());
            } else {
                source = openLive(r);
            }
        } catch (IllegalArgumentException e) {
            err.println("sipscope: " + TerminalText.safe(e.getMessage()));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("sipscope: " + TerminalText.safe(e.getMessage()));
            return ExitCodes.INPUT;
        }
        CaptureFeed feed = new CaptureFeed(source, config, r.table()).start();
        ViewWorker worker = new ViewWorker(feed, ViewSpec.DEFAULT).start();
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        PrintStream hold = new PrintStream(new Bounded(held, 64 << 10), true, StandardCharsets.UTF_8);
        Charset charset = r.ui().glyphs() == Glyphs.UNICODE ? StandardCharsets.UTF_8 : Charset.defaultCharset();
        TerminalScreen screen = null;
        TerminalUi ui = null;
        try {
            InputStream keys = dataOnStdin ? new FileInputStream("/dev/tty") : System.in;
            UnixTerminal terminal = new UnixTerminal(keys, realOut, charset, UnixLikeTerminal.CtrlCBehaviour.TRAP);
            screen = new TerminalScreen(terminal);
            screen.startScreen();
            System.setOut(hold);
            System.setErr(hold);
            ui = new TerminalUi(screen, r.ui(), worker, feed);
            ui.run();
        } catch (IOException e) {
            restore(realOut, realErr);
            err.println("sipscope: the terminal failed: " + TerminalText.safe(String.valueOf(e.getMessage())));
            return ExitCodes.SOFTWARE;
        } finally {
            if (ui != null) {
                ui.close();
            }
            if (screen != null) {
                try {
                    screen.stopScreen();
                } catch (IOException ignored) {
                    // the terminal is gone: nothing left to restore
                }
            }
            restore(realOut, realErr);
            worker.close();
            feed.close();
            String stray = held.toString(StandardCharsets.UTF_8);
            if (!stray.isBlank()) {
                err.print(TerminalText.safe(stray).replace("\\x0a", "\n"));
                err.flush();
            }
            reportLog(logFile, err);
        }
        return ExitCodes.OK;
    }

    /** Deletes an empty log; names one that holds something. */
    private static void reportLog(Path logFile, PrintWriter err) {
        if (logFile == null) {
            return;
        }
        try {
            if (Files.size(logFile) == 0) {
                Files.deleteIfExists(logFile);
            } else {
                err.println("sipscope: log messages are in " + logFile);
                err.flush();
            }
        } catch (IOException ignored) {
            // nothing useful to add
        }
    }

    private static void restore(PrintStream out, PrintStream err) {
        System.setOut(out);
        System.setErr(err);
    }

    private static PacketSource openLive(Request r) throws LiveCaptureException {
        String name = r.interfaceName();
        if (name == null) {
            name = LiveCapture.defaultInterfaceName(LiveCapture.listInterfaces());
        }
        LiveOptions.Builder b = LiveOptions.builder(name).filter(r.bpfFilter()).promiscuous(!"any".equals(name));
        LiveSource.forAnalysis(b, r.bufferMiB());
        return LiveSource.open(b.build());
    }

    private static DecoderConfig withHepPort(DecoderConfig c, int port) {
        int[] ports = c.hepUdpPorts().toArray();
        int[] more = java.util.Arrays.copyOf(ports, ports.length + 1);
        more[ports.length] = port;
        return c.withHepUdpPorts(more);
    }

    /** True when keys can be read from a terminal and the screen written to one. */
    static boolean hasTerminal(boolean dataOnStdin) {
        if (dataOnStdin) {
            return Files.isReadable(Path.of("/dev/tty")) && isTty(1);
        }
        return System.console() != null;
    }

    private static boolean isTty(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Keeps at most {@code limit} bytes of what is written, dropping the rest. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream out;
        private final int limit;

        Bounded(ByteArrayOutputStream out, int limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (out.size() < limit) {
                out.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int n = Math.min(len, limit - out.size());
            if (n > 0) {
                out.write(b, off, n);
            }
        }
    }
}
