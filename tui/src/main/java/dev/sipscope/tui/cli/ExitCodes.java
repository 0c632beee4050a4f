package dev.sipscope.tui.cli;

/** Process exit codes, documented in the README and in {@code sipscope --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad options or arguments. */
    public static final int USAGE = 1;
    /** An input could not be read (missing, not a capture, no permission), or an output could not be written (disk full, closed pipe). */
    public static final int INPUT = 2;
    /** The analysis found problems the user asked to fail on ({@code --fail-on}). */
    public static final int PROBLEMS = 3;
    /** A bug: an unexpected exception. */
    public static final int SOFTWARE = 70;

    private ExitCodes() {
    }
}
