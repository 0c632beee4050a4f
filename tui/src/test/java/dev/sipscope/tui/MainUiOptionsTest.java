package dev.sipscope.tui;

import dev.sipscope.tui.cli.ExitCodes;
import dev.sipscope.tui.model.Column;
import dev.sipscope.tui.view.Glyphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the top command's options and arguments become a UI request (without starting the UI). */
class MainUiOptionsTest {

    private static UiLauncher.Request request(String... args) {
        Main main = new Main();
        main.parse(args);
        return main.request();
    }

    @Test
    void aFileArgumentIsReadAndFilterWordsGoToLiveCapture(@TempDir Path dir) throws IOException {
        Path f = Files.createFile(dir.resolve("trace"));
        assertThat(request(f.toString()).files()).containsExactly(f.toString());
        assertThat(request("a.pcap", "b.pcapng.gz").files()).containsExactly("a.pcap", "b.pcapng.gz");
        assertThat(request("-r", "x.pcap").files()).containsExactly("x.pcap");
        UiLauncher.Request live = request("udp", "port", "5060");
        assertThat(live.files()).isEmpty();
        assertThat(live.bpfFilter()).isEqualTo("udp port 5060");
        assertThat(live.interfaceName()).isNull();
        UiLauncher.Request eth = request("-i", "eth0", "port", "5060");
        assertThat(eth.interfaceName()).isEqualTo("eth0");
        assertThat(eth.bpfFilter()).isEqualTo("port 5060");
        UiLauncher.Request none = request();
        assertThat(none.files()).isEmpty();
        assertThat(none.bpfFilter()).isEmpty();
    }

    @Test
    void sngrepOptionsKeepTheirMeaning() {
        UiLauncher.Request r = request("-c", "-l", "500", "-R", "-m", "alice", "--icase", "-v", "x.pcap");
        assertThat(r.table().invitesOnly()).isTrue();
        assertThat(r.table().callLimit()).isEqualTo(500);
        assertThat(r.table().rotate()).isTrue();
        assertThat(r.table().match().matcher("From: ALICE").find()).isTrue();
        assertThat(r.table().invertMatch()).isTrue();
        UiLauncher.Request h = request("--hep-listen", "udp:0.0.0.0:9060", "--hep-port", "9061", "--utc", "--ascii",
                "--columns", "idx,state,mos");
        assertThat(h.hepListen()).isEqualTo("udp:0.0.0.0:9060");
        assertThat(h.decoder().hepUdpPorts().contains(9061)).isTrue();
        assertThat(h.ui().zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(h.ui().glyphs()).isEqualTo(Glyphs.ASCII);
        assertThat(h.ui().columns()).containsExactly(Column.INDEX, Column.STATE, Column.MOS);
    }

    @Test
    void conflictingChoicesAreRefusedInOneSentence() {
        assertThatThrownBy(() -> request("-r", "a.pcap", "-i", "eth0")).hasMessage("choose one source: -r FILE, -i IFACE or --hep-listen");
        assertThatThrownBy(() -> request("-r", "a.pcap", "port", "5060"))
                .hasMessage("a BPF filter ('port 5060') applies to live capture only (-i IFACE)");
        assertThatThrownBy(() -> request("a.pcap", "port")).hasMessage("'port' is not a capture file");
        assertThatThrownBy(() -> request("-R", "x.pcap")).hasMessage("--rotate needs a limit (-l N)");
        assertThatThrownBy(() -> request("-m", "(", "x.pcap")).hasMessageStartingWith("--match: Unclosed group");
        assertThatThrownBy(() -> request("-v", "x.pcap")).hasMessage("--invert and --icase need a match expression (-m REGEX)");
        assertThatThrownBy(() -> request("--columns", "idx,nope", "x.pcap")).hasMessageStartingWith("unknown column 'nope'");
    }

    @Test
    void withoutATerminalTheUiSaysWhatToUseInstead() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"some.pcap"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the screens need a terminal").contains("sipscope analyze FILE");
        StringWriter err2 = new StringWriter();
        assertThat(Main.run(new String[] {"-r", "a.pcap", "-i", "lo"}, new PrintWriter(out), new PrintWriter(err2)))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err2.toString()).startsWith("sipscope: choose one source");
    }

    @Test
    void helpDescribesTheUiAndTheSubcommands() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        assertThat(out.toString()).contains("--hep-listen", "-r, --read", "analyze", "capture", "sipscope call.pcap");
        assertThat(List.of(out.toString().split("\n"))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
    }
}
