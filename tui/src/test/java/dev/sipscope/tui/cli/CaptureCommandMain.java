package dev.sipscope.tui.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Test-only launcher: runs {@code sipscope capture ARGS} in a JVM of its own and exits with its code. */
public final class CaptureCommandMain {

    private CaptureCommandMain() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(new CaptureCommand().command(), args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }
}
