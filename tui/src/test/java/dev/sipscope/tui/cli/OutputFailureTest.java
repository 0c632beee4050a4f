package dev.sipscope.tui.cli;

import dev.sipscope.tui.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Outputs that cannot be written: a full disk (/dev/full, and a stream that fails after some bytes,
 * as a disk filling up mid-file), a directory that cannot hold the file, standard output on
 * /dev/full or a closed pipe. Each gives exit code 2 and one sentence naming the file, and no file
 * is left under the target's name (nor a {@code .part} beside it).
 */
class OutputFailureTest {
    private static final Path CAPTURES = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures");
    private static final String MIXED = CAPTURES.resolve("calls-mixed.pcap").toString();

    /** Passes {@code limit} bytes, then fails as a full disk does. */
    static final class FailingStream extends FilterOutputStream {
        private long left;

        FailingStream(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                left = 0;
                throw new IOException("No space left on device");
            }
            out.write(b, off, len);
            left -= len;
        }
    }

    @AfterEach
    void restore() {
        OutputFiles.opener = Files::newOutputStream;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String firstCallId() throws IOException {
        return ExportCommandTest.analyze(MIXED).get("calls").get(0).get("call_id").asText();
    }

    @Test
    void aDiskFillingUpMidFileLeavesNoFileForEveryFileOutput(@TempDir Path dir) throws IOException {
        String id = firstCallId();
        List<List<String>> commands = List.of(
                List.of("analyze", "--calls-csv", dir.resolve("calls.csv").toString(), MIXED),
                List.of("analyze", "--streams-csv", dir.resolve("streams.csv").toString(), MIXED),
                List.of("export", MIXED, "--call", id, "-w", dir.resolve("out.pcap").toString()),
                List.of("export", MIXED, "--call", id, "-w", dir.resolve("out.pcapng").toString()));
        for (List<String> args : commands) {
            for (long limit : new long[] {0, 10, 300}) {
                OutputFiles.opener = path -> new FailingStream(Files.newOutputStream(path), limit);
                AnalyzeCsvTest.Run r = AnalyzeCsvTest.run(args.toArray(new String[0]));
                String target = args.get(args.size() - (args.get(0).equals("export") ? 1 : 2));
                assertThat(r.exitCode()).as("%s, failing after %d bytes: %s", args, limit, r.err()).isEqualTo(2);
                String verb = args.get(0).equals("export") ? "cannot export to " : "cannot write ";
                assertThat(r.err().strip()).as(args.toString()).endsWith("sipscope: " + verb + target
                        + ": No space left on device.").doesNotContain("Exception", "\tat ");
                assertThat(r.err().strip().lines().filter(l -> l.contains(verb))).hasSize(1);
                assertThat(names(dir)).as("nothing left behind by %s", args).isEmpty();
            }
        }
        OutputFiles.opener = Files::newOutputStream;
        AnalyzeCsvTest.Run ok = AnalyzeCsvTest.run("analyze", "--calls-csv", dir.resolve("calls.csv").toString(), MIXED);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(names(dir)).containsExactly("calls.csv");
    }

    @Test
    void devFullBehindTheOutputNameGivesOneSentenceAndNoFile(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");
        String id = firstCallId();
        for (String name : List.of("calls.csv", "out.pcap")) {
            Path target = dir.resolve(name);
            // the temporary file is where the bytes go: make it the full device
            Files.createSymbolicLink(dir.resolve(name + ".part"), Path.of("/dev/full"));
            AnalyzeCsvTest.Run r = name.endsWith(".csv")
                    ? AnalyzeCsvTest.run("analyze", "--calls-csv", target.toString(), MIXED)
                    : AnalyzeCsvTest.run("export", MIXED, "--call", id, "-w", target.toString());
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains((name.endsWith(".csv") ? "cannot write " : "cannot export to ") + target
                    + ": No space left on device.");
            assertThat(names(dir)).isEmpty();
        }
    }

    @Test
    void aDirectoryThatCannotHoldTheFileGivesOneSentence(@TempDir Path dir) throws IOException {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        String id = firstCallId();
        for (List<String> args : List.of(
                List.of("analyze", "--calls-csv", notADirectory.resolve("calls.csv").toString(), MIXED),
                List.of("analyze", "--streams-csv", dir.resolve("missing/streams.csv").toString(), MIXED),
                List.of("export", MIXED, "--call", id, "-w", dir.resolve("missing/out.pcap").toString()))) {
            AnalyzeCsvTest.Run r = AnalyzeCsvTest.run(args.toArray(new String[0]));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).containsAnyOf("cannot write ", "cannot export to ")
                    .doesNotContain("Exception", "\tat ", ".part");
        }
        assertThat(names(dir)).containsExactly("file");
    }

    @Test
    void standardOutputThatFailsGivesTwoAndOneSentenceForEveryCommand() throws IOException {
        String id = firstCallId();
        for (List<String> args : List.of(List.of("analyze", MIXED), List.of("analyze", "--format", "json", MIXED),
                List.of("analyze", "--format", "csv", MIXED), List.of("stats", MIXED),
                List.of("ladder", MIXED, "--call", id))) {
            StringWriter err = new StringWriter();
            PrintWriter out = new PrintWriter(new FailingStream(OutputStream.nullOutputStream(), 100), true);
            int code = Main.run(args.toArray(new String[0]), out, new PrintWriter(err, true));
            assertThat(code).as(args + ": " + err).isEqualTo(2);
            assertThat(err.toString()).contains("sipscope: cannot write to standard output")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aRealProcessWritingToDevFullOrAClosedPipeExitsWithTwo() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "analyze", "--format", "json", MIXED);
        Process full = new ProcessBuilder(command).redirectOutput(Path.of("/dev/full").toFile()).start();
        assertThat(full.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(full.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(full.exitValue()).as(err).isEqualTo(2);
        assertThat(err).contains("cannot write to standard output").doesNotContain("Exception");

        Process pipe = new ProcessBuilder(command).start();
        // The reader goes away before anything is written, as `| true` does. (Reading one byte first, as
        // `| head -c1` does, raced: the whole 45 KB report fits the 64 KB pipe buffer, and since start-up
        // got faster the writer sometimes finished, exit 0, before the reader closed.)
        pipe.getInputStream().close();
        assertThat(pipe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String pipeErr = new String(pipe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pipe.exitValue()).as(pipeErr).isEqualTo(2);
        assertThat(pipeErr).contains("cannot write to standard output").doesNotContain("Exception");
    }
}
