package dev.sipscope.tui.cli;

import picocli.CommandLine;

/** Test-only launcher: runs {@code sipscope capture ARGS} in a JVM of its own and exits with its code. */
public final class CaptureCommandMain {

    private CaptureCommandMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CaptureCommand()).execute(args));
    }
}
