package dev.sipscope.tui.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command-line parser and help of {@link Cli}: the syntax picocli accepted, and its errors. */
class CliTest {

    enum Color { red, green }

    /** What a parse set. */
    static final class Seen {
        boolean a;
        boolean b;
        String value;
        Color color;
        int number;
        Boolean negatable;
        final List<Integer> ports = new ArrayList<>();
        final List<String> repeated = new ArrayList<>();
        final List<String> params = new ArrayList<>();
        boolean x;
        boolean y;
    }

    private static Cli.Command command(Seen s) {
        return new Cli.Command("demo")
                .description("A demo command.")
                .params("FILE", 1, s.params::add, "Files.")
                .flag("-a,--all", () -> s.a = true, "All.")
                .flag("-b", () -> s.b = true, "B.")
                .option("-o,--out", "OUT", v -> s.value = v, "Output.")
                .option("-c,--color", "COLOR", v -> s.color = Cli.choice(v, Color.values()), "Colour.")
                .option("-n,--number", "N", v -> s.number = Cli.intValue(v), "A number.")
                .negatable("--progress", v -> s.negatable = v, "Progress.")
                .list("--port", "PORT", v -> s.ports.add(Cli.intValue(v)), "Ports.")
                .repeat("--call", "ID", s.repeated::add, "Calls.")
                .flag("--x", () -> s.x = true, "X.")
                .flag("--y", () -> s.y = true, "Y.")
                .exclusive("--x", "--y")
                .action((out, err) -> 0);
    }

    private static Seen parse(String... args) {
        Seen s = new Seen();
        Cli.parseOnly(command(s), args);
        return s;
    }

    @Test
    void longAndShortOptionsWithTheirValuesInEveryForm() {
        Seen s = parse("--out=o.txt", "-n", "7", "-c", "green", "f1", "-ab", "f2");
        assertThat(s.value).isEqualTo("o.txt");
        assertThat(s.number).isEqualTo(7);
        assertThat(s.color).isEqualTo(Color.green);
        assertThat(s.a).isTrue();
        assertThat(s.b).isTrue();
        assertThat(s.params).containsExactly("f1", "f2");
        assertThat(parse("-oout", "f").value).isEqualTo("out");
        assertThat(parse("-o=out", "f").value).isEqualTo("out");
        assertThat(parse("-abo", "x", "f").value).isEqualTo("x");
        assertThat(parse("--out", "-", "f").value).isEqualTo("-");
        assertThat(parse("-", "--", "-a", "--out").params).containsExactly("-", "-a", "--out");
    }

    @Test
    void listsSplitOnCommasRepeatsDoNotAndNegatableOptionsTakeNo() {
        Seen s = parse("--port", "5060,5062", "--port=5070", "--call", "a,b", "--call", "c", "f");
        assertThat(s.ports).containsExactly(5060, 5062, 5070);
        assertThat(s.repeated).containsExactly("a,b", "c");
        assertThat(parse("f").negatable).isNull();
        assertThat(parse("--progress", "f").negatable).isTrue();
        assertThat(parse("--no-progress", "f").negatable).isFalse();
    }

    @Test
    void badCommandLinesSayWhy() {
        assertThatThrownBy(() -> parse("--nope", "f")).hasMessage("Unknown option: '--nope'");
        assertThatThrownBy(() -> parse("-z", "f")).hasMessage("Unknown option: '-z'");
        assertThatThrownBy(() -> parse("-a")).hasMessage("Missing required parameter: 'FILE'");
        assertThatThrownBy(() -> parse("f", "--out")).hasMessage("Missing required parameter for option '--out' (OUT)");
        assertThatThrownBy(() -> parse("f", "-n", "x")).hasMessage("Invalid value for option '--number' (N): 'x' is not an int");
        assertThatThrownBy(() -> parse("f", "-c", "Red"))
                .hasMessage("Invalid value for option '--color' (COLOR): expected one of [red, green] (case-sensitive) but was 'Red'");
        assertThatThrownBy(() -> parse("f", "-o", "a", "--out", "b")).hasMessage("option '--out' (OUT) should be specified only once");
        assertThatThrownBy(() -> parse("f", "--progress", "--no-progress"))
                .hasMessage("option '--progress' should be specified only once");
        assertThatThrownBy(() -> parse("f", "--x", "--y")).hasMessage("--x, --y are mutually exclusive (specify only one)");
        assertThatThrownBy(() -> parse("f", "--all=yes")).hasMessage("option '--all' takes no value, got 'yes'");
        assertThat(parse("f", "--x").x).isTrue();
        assertThatThrownBy(() -> parse("f", "--out", "--all")).hasMessage("Expected parameter for option '--out' but found '--all'");
        assertThatThrownBy(() -> parse("f", "-o", "--no-progress"))
                .hasMessage("Expected parameter for option '--out' but found '--no-progress'");
        assertThat(parse("f", "-n", "-3").number).isEqualTo(-3);
    }

    @Test
    void runAnswersHelpVersionAndErrorsWithTheirExitCodes() {
        Cli.Command root = new Cli.Command("tool").version(() -> new String[] {"tool 1.0"}).action((o, e) -> 5);
        root.subcommand(command(new Seen()));
        root.subcommand(new Cli.Command("help").params("COMMAND", 0, v -> { }, "A command."));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(root, new String[] {}, new PrintWriter(out), new PrintWriter(err))).isEqualTo(5);
        assertThat(Cli.run(root, new String[] {"--version"}, new PrintWriter(out), new PrintWriter(err))).isZero();
        assertThat(out.toString()).contains("tool 1.0");
        assertThat(Cli.run(root, new String[] {"demo", "-h"}, new PrintWriter(out), new PrintWriter(err))).isZero();
        assertThat(out.toString()).contains("Usage: tool demo [OPTIONS] FILE...", "  -o, --out=OUT", "      --[no-]progress",
                "      --port=PORT[,PORT...]", "  -h, --help");
        assertThat(Cli.run(root, new String[] {"help", "demo"}, new PrintWriter(out), new PrintWriter(err))).isZero();
        assertThat(Cli.run(root, new String[] {"demo", "--nope"}, new PrintWriter(out), new PrintWriter(err)))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("sipscope: Unknown option: '--nope'",
                "Try 'tool demo --help' for more information.");
        Cli.Command failing = new Cli.Command("boom").action((o, e) -> {
            throw new IllegalStateException("bug");
        });
        StringWriter err2 = new StringWriter();
        assertThat(Cli.run(failing, new String[] {}, new PrintWriter(out), new PrintWriter(err2))).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(err2.toString()).contains("internal error", "IllegalStateException: bug");
    }

    @Test
    void helpLinesFitEightyColumnsAndKeepNoBreakSpaces() {
        StringWriter out = new StringWriter();
        Cli.Command c = new Cli.Command("wide").description("word ".repeat(60).trim())
                .option("--a-very-long-option-name-indeed", "SOME_VALUE", v -> { }, "x ".repeat(80).trim())
                .option("--keep", "N", v -> { }, "The limit of things kept here, counted in units (default:" + Cli.NBSP
                        + "250000); beyond, the oldest are left out.");
        Cli.usage(c, new PrintWriter(out, true));
        for (String line : out.toString().split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
        }
        assertThat(out.toString()).contains("default: 250000").doesNotContain(String.valueOf(Cli.NBSP));
    }
}
