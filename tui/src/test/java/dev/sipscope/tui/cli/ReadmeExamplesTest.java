package dev.sipscope.tui.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's examples are real output: every {@code $ ./sipscope analyze|ladder|stats|export ...} line of
 * its code blocks is run in process ({@code Main.run}), and every line the README shows after it (blank lines
 * and lines with an ellipsis aside, as the README leaves parts out) must appear in the output, in that order.
 * {@code | cut -c1-N} and {@code | head -N} after a command are applied here; other pipes fail the test.
 * Files the examples write (a bare name, such as {@code legs.pcapng}) go to a temporary directory.
 */
class ReadmeExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("sipscope.root", "..")).toAbsolutePath().normalize();
    private static final Set<String> COMMANDS = Set.of("analyze", "ladder", "stats", "export");
    private static final Pattern CUT = Pattern.compile("cut -c1-(\\d+)");
    private static final Pattern HEAD = Pattern.compile("head -(\\d+)");

    @Test
    void everyCommandExampleShowsWhatTheCommandPrints(@TempDir Path dir) throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int checked = 0;
        boolean inBlock = false;
        List<String> block = new ArrayList<>();
        for (String line : readme) {
            if (line.startsWith("```")) {
                if (inBlock) {
                    checked += checkBlock(block, dir);
                    block.clear();
                }
                inBlock = !inBlock;
            } else if (inBlock) {
                block.add(line);
            }
        }
        assertThat(checked).as("examples checked").isGreaterThanOrEqualTo(10);
    }

    /** Runs the block's sipscope commands in order (a command's output ends at the next {@code $} line); returns how many. */
    private static int checkBlock(List<String> block, Path dir) {
        int n = 0;
        for (int i = 0; i < block.size(); i++) {
            String l = block.get(i);
            if (!l.startsWith("$ ./sipscope ") || !COMMANDS.contains(l.substring(13).split(" ")[0])) {
                continue;
            }
            int end = i + 1;
            while (end < block.size() && !block.get(end).startsWith("$ ")) {
                end++;
            }
            check(l.substring(2), block.subList(i + 1, end), dir);
            n++;
        }
        return n;
    }

    private static void check(String commandLine, List<String> shown, Path dir) {
        String[] pipeline = commandLine.split(" \\| ");
        List<String> args = words(pipeline[0].substring("./sipscope ".length()));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") && Files.exists(ROOT.resolve(a)) && a.contains("/")) {
                args.set(i, ROOT.resolve(a).toString());
            } else if (!a.startsWith("-") && !a.contains("/") && a.matches("[\\w.-]+\\.(pcap|pcapng)")) {
                args.set(i, dir.resolve(a).toString());
            }
        }
        AnalyzeCsvTest.Run r = AnalyzeCsvTest.run(args.toArray(new String[0]));
        String text = (r.out() + r.err()).replace(ROOT + "/", "").replace(dir + "/", "");
        List<String> got = new ArrayList<>(List.of(text.split("\n", -1)));
        for (int p = 1; p < pipeline.length; p++) {
            Matcher cut = CUT.matcher(pipeline[p].trim());
            Matcher head = HEAD.matcher(pipeline[p].trim());
            if (cut.matches()) {
                int width = Integer.parseInt(cut.group(1));
                got.replaceAll(l -> l.length() > width ? l.substring(0, width) : l);
            } else if (head.matches()) {
                got = new ArrayList<>(got.subList(0, Math.min(got.size(), Integer.parseInt(head.group(1)))));
            } else {
                throw new AssertionError("README example with a pipe this test does not know: " + commandLine);
            }
        }
        int from = 0;
        for (String expected : shown) {
            if (expected.isBlank() || expected.contains("...") || expected.contains("\u2026")) {
                continue;
            }
            int found = -1;
            for (int g = from; g < got.size(); g++) {
                if (got.get(g).stripTrailing().equals(expected.stripTrailing())) {
                    found = g;
                    break;
                }
            }
            assertThat(found).as("README: $ %s%nshows the line%n%s%nwhich the command does not print (after line %d"
                    + " of its output):%n%s", commandLine, expected, from, String.join("\n", got)).isNotNegative();
            from = found + 1;
        }
    }

    /** Shell words: spaces separate, single quotes group. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
