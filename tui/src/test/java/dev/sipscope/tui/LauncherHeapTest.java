package dev.sipscope.tui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM options of the {@code sipscope} launcher let the heap grow past its initial size when what the
 * analysis holds needs it. The launcher starts with a small initial heap (5 % of memory) for speed; with
 * generation sizes fixed ({@code -XX:-UseAdaptiveSizePolicy}) the old generation never grew past its
 * initial share, and a capture whose calls outgrew it ran into back-to-back full collections that never
 * ended (150,000 calls with 4 GB of memory). Here a child JVM with the launcher's options and
 * {@code -XX:MaxRAM=512m} (an initial heap of about 26 MB, a maximum of 128 MB) holds 48 MB.
 */
class LauncherHeapTest {
    /** The launcher's own options: the words of its {@code jvm_opts=( ... )} array. */
    static List<String> launcherOptions() throws IOException {
        Path launcher = Path.of("..", "sipscope");
        String text = Files.readString(launcher, StandardCharsets.UTF_8);
        int start = text.indexOf("\njvm_opts=(");
        assertThat(start).as("jvm_opts=( in " + launcher.toAbsolutePath()).isPositive();
        int open = text.indexOf('(', start);
        int close = text.indexOf(')', open);
        List<String> words = new ArrayList<>(Arrays.asList(text.substring(open + 1, close).trim().split("\\s+")));
        assertThat(words).as("launcher options").isNotEmpty().allMatch(w -> w.startsWith("-"));
        return words;
    }

    @Test
    void theLaunchersHeapGrowsWhenTheCallsHeldOutgrowItsInitialSize() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launcherOptions());
        command.add("-XX:MaxRAM=512m");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName(), "48"));
        Path out = Files.createTempFile("launcher-heap", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String said = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(ended).as("the probe ended: " + said).isTrue();
            assertThat(p.exitValue()).as("the probe's exit status: " + said).isZero();
            assertThat(said).contains("held 48 MiB");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Keeps {@code args[0]} MiB reachable in 1 KiB arrays, making four times as much garbage on the way
     * (young collections, promotions). Gives up with status 3 after 40 full collections: a heap that
     * cannot grow only collects again and again.
     */
    public static final class Probe {
        public static void main(String[] args) {
            int mib = Integer.parseInt(args[0]);
            List<byte[]> held = new ArrayList<>();
            long sink = 0;
            for (int i = 0; i < mib * 1024; i++) {
                held.add(new byte[1024]);
                for (int g = 0; g < 4; g++) {
                    byte[] garbage = new byte[1024];
                    sink += garbage.length;
                }
                if ((i & 1023) == 0 && oldCollections() > 40) {
                    System.out.println("thrashing: " + oldCollections() + " full collections with " + (i / 1024)
                            + " MiB held, heap " + Runtime.getRuntime().totalMemory() / (1 << 20) + " MiB");
                    System.exit(3);
                }
            }
            System.out.println("held " + held.size() / 1024 + " MiB (" + sink / (1 << 20) + " MiB garbage), "
                    + oldCollections() + " full collections, heap " + Runtime.getRuntime().totalMemory() / (1 << 20)
                    + " MiB");
        }

        private static long oldCollections() {
            long n = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc.getName().contains("MarkSweep") || gc.getName().contains("Old")) {
                    n += Math.max(0, gc.getCollectionCount());
                }
            }
            return n;
        }
    }
}
