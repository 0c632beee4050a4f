package dev.sipscope.tui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the real {@code sipscope} entry point ({@link Main}, the class the jar and the launcher
 * run) on a sample capture inside a detached tmux session, presses keys as a user would and reads
 * the pane back with {@code tmux capture-pane}. Skips when tmux is not installed (./run-tests
 * installs it). Uses a private tmux server socket, so it never touches the user's sessions.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TmuxEndToEndTest {
    private static final long STEP_MILLIS = 40_000;
    private final String socket = "sipscope-e2e-" + ProcessHandle.current().pid();

    @BeforeEach
    void needTmux() {
        assumeTrue(run(List.of("tmux", "-V")).startsWith("tmux"), "tmux is not installed: apt-get install tmux (./run-tests does)");
    }

    @AfterEach
    void stopServer() {
        run(List.of("tmux", "-L", socket, "kill-server"));
    }

    @Test
    void openACallSeeTheLadderOpenAMessageGoBackFilterAndQuit() throws Exception {
        Path capture = Path.of(System.getProperty("sipscope.root", "..")).resolve("samples/captures/calls-mixed.pcap")
                .toAbsolutePath().normalize();
        assertThat(capture).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = quote(java) + " -cp " + quote(System.getProperty("java.class.path"))
                + " dev.sipscope.tui.Main --utc " + quote(capture.toString())
                + "; echo \"sipscope exited with $?\"; sleep 600";
        run(List.of("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40",
                "-e", "LANG=C.UTF-8", command));

        String list = await("Loaded", "Calls 13");
        assertThat(list).contains("Call list").contains("alice@10.0.1.1").contains("BUSY").contains("CANCELLED")
                .contains("q Quit");

        keys("Enter");
        String flow = await("Call flow of call 1", "200 OK (SDP)");
        assertThat(flow).contains("10.0.1.1:5060").contains("10.0.2.1:5060").contains("INVITE (SDP)").contains("BYE")
                .contains("RTP PCMU");

        keys("Down", "Down", "Enter");
        String message = await("Message 3 of 7");
        assertThat(message).contains("SIP/2.0 180 Ringing").contains("Call-ID: 8dae1be4be1b63912a5a87c2@10.0.1.1");

        keys("q");
        await("Call flow of call 1");
        keys("Escape");
        await("Call list", "Shown 13/13");

        keys("/");
        literal("state:busy");
        keys("Enter");
        String filtered = await("Shown 2/13");
        assertThat(filtered).contains("Filter: state:busy").contains("carol@10.0.1.2").doesNotContain("alice@10.0.1.1");

        keys("q");
        await("sipscope exited with 0");
    }

    /**
     * Waits until the pane shows every text and two captures in a row agree (a capture taken while
     * the UI is still drawing may hold half a screen); returns the pane.
     */
    private String await(String... texts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_MILLIS);
        String pane = "";
        String previous = null;
        while (System.nanoTime() < deadline) {
            pane = run(List.of("tmux", "-L", socket, "capture-pane", "-p", "-t", "e2e"));
            boolean all = true;
            for (String t : texts) {
                all &= pane.contains(t);
            }
            if (all && pane.equals(previous)) {
                return pane;
            }
            previous = all ? pane : null;
            Thread.sleep(100);
        }
        throw new AssertionError("the pane never showed " + String.join(" and ", texts) + "; it shows:\n" + pane);
    }

    private void keys(String... keys) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "send-keys", "-t", "e2e"));
        cmd.addAll(List.of(keys));
        run(cmd);
    }

    private void literal(String text) {
        run(List.of("tmux", "-L", socket, "send-keys", "-t", "e2e", "-l", text));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Runs a command and returns its output; empty when it cannot be started. */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(20, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

}
