package dev.sipscope.tui.cli;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.FrameWriter;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.LinkType;
import dev.sipscope.capture.MergingFrameSource;
import dev.sipscope.capture.PcapWriter;
import dev.sipscope.capture.PcapngWriter;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.export.StreamsJson;
import dev.sipscope.correlator.export.TerminalText;
import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.sip.ByteKey;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.quality.StreamSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code sipscope export FILE... --call ID... -w OUT}: the frames of chosen calls into a new
 * capture. Reads the input twice: first to find the calls (the frame numbers of their SIP
 * messages, the RTP streams bound to them), then to copy those frames in their original order.
 * A SIP message over TCP brings the frame that completed it. The output is pcapng when its name
 * ends in {@code .pcapng}, else classic pcap (one link type only); it is written beside the
 * target and moved into place, so a failure leaves no half file.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {"Write the packets of chosen calls (SIP and their RTP) to a new pcap or pcapng file."},
        footer = {"", "Examples:",
                "  sipscope export trace.pcap --call abc@host -w abc.pcapng",
                "  sipscope export trace.pcap --call a@h --call b@h --sip-only -w signalling.pcap",
                "",
                "Exit codes: 0 ok, 1 usage error or no such call, 2 input unreadable or output unwritable."})
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files (pcap, pcapng, optionally gzip'ed).")
    List<String> files = new ArrayList<>();

    @Option(names = "--call", paramLabel = "CALL_ID", required = true,
            description = "Call-ID of a call to export; repeat for several calls.")
    List<String> callIds = new ArrayList<>();

    @Option(names = {"-w", "--write"}, paramLabel = "OUT", required = true,
            description = "Output file: pcapng when it ends in .pcapng, else pcap.")
    Path output;

    @Option(names = "--sip-only", description = "Only the SIP messages, no RTP.")
    boolean sipOnly;

    @Mixin
    BatchInput input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String bad = input.badOption();
        if (bad == null && files.contains("-")) {
            bad = "export reads its input twice: give a file, not '-'";
        }
        if (bad != null) {
            err.println("sipscope: " + bad);
            err.println("Try 'sipscope export --help' for more information.");
            return ExitCodes.USAGE;
        }
        // pass 1: the calls, and the frame numbers of their SIP messages
        List<ByteKey> keys = new ArrayList<>();
        for (String id : callIds) {
            keys.add(ByteKey.of(id));
        }
        BitSet sipFrames = new BitSet();
        long[] frameNumber = {-1};
        BatchInput.Result r = input.run(files, CorrelatorConfig.DEFAULTS.withMaxMessagesPerCall(0), err,
                engine -> engine.tapSip(new SipSink() {
                    @Override
                    public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
                        for (int i = 0; i < keys.size(); i++) {
                            if (message.callIdEquals(keys.get(i))) {
                                if (frameNumber[0] >= 0 && frameNumber[0] <= Integer.MAX_VALUE) {
                                    sipFrames.set((int) frameNumber[0]);
                                }
                                return;
                            }
                        }
                    }
                }),
                source -> new Counting(source, frameNumber));
        if (r.exitCode() != ExitCodes.OK) {
            return r.exitCode();
        }
        Set<String> found = new HashSet<>();
        for (CallSummary c : r.engine().snapshot().calls()) {
            found.add(c.callId());
        }
        for (String id : callIds) {
            if (!found.contains(id)) {
                err.println("sipscope: no call with Call-ID '" + TerminalText.safe(id) + "' in the capture");
                return ExitCodes.USAGE;
            }
        }
        List<StreamSummary> media = new ArrayList<>();
        if (!sipOnly) {
            for (StreamSummary s : r.quality().summaries()) {
                String owner = StreamsJson.callIdOf(s);
                if (owner != null && callIds.contains(owner)) {
                    media.add(s);
                }
            }
        }
        // pass 2: copy
        long written;
        Path part = OutputFiles.partOf(output);
        try {
            written = copy(sipFrames, media, part);
            OutputFiles.commit(part, output);
        } catch (IOException | RuntimeException e) {
            OutputFiles.discard(part);
            err.println("sipscope: cannot export to " + TerminalText.safe(output + ": " + (e instanceof IOException
                    ? CaptureCommand.reason((IOException) e) : String.valueOf(e.getMessage()))) + ".");
            return ExitCodes.INPUT;
        }
        err.printf("sipscope: wrote %,d packets of %d call%s to %s%n", written, callIds.size(),
                callIds.size() == 1 ? "" : "s", TerminalText.safe(output.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    private long copy(BitSet sipFrames, List<StreamSummary> media, Path part) throws IOException {
        List<FrameSource> sources = new ArrayList<>();
        for (String f : files) {
            sources.add(CaptureFiles.open(f));
        }
        boolean[] hit = new boolean[1];
        PacketDecoder decoder = media.isEmpty() ? null : new PacketDecoder(input.decoderConfig(), new PacketSink() {
            @Override
            public void onDatagram(Packet p) {
                if (p.protocol != Packet.PROTO_UDP) {
                    return;
                }
                for (StreamSummary s : media) {
                    // ports first: the address strings are built only for candidate packets
                    if (p.srcPort == s.srcPort() && p.dstPort == s.dstPort()
                            && p.timestampNanos >= s.firstNanos() && p.timestampNanos <= s.lastNanos()
                            && IpAddress.format(p.srcHi, p.srcLo).equals(s.srcAddress())
                            && IpAddress.format(p.dstHi, p.dstLo).equals(s.dstAddress())) {
                        hit[0] = true;
                        return;
                    }
                }
            }
        });
        boolean pcapng = output.getFileName().toString().endsWith(".pcapng");
        long written = 0;
        FrameWriter writer = null;
        int declared = 0;
        try (FrameSource in = input.masked(sources.size() == 1 ? sources.get(0) : new MergingFrameSource(sources))) {
            long number = 0;
            Frame f;
            while ((f = in.next()) != null) {
                boolean take = number <= Integer.MAX_VALUE && sipFrames.get((int) number);
                if (decoder != null) {
                    hit[0] = false;
                    try {
                        decoder.decode(f);
                    } catch (RuntimeException e) {
                        // a frame the decoder cannot take is not RTP of these calls
                    }
                    take |= hit[0];
                }
                if (take) {
                    if (writer == null) {
                        writer = open(part, pcapng, f.linkType());
                    }
                    if (writer instanceof PcapngWriter) {
                        List<InterfaceInfo> known = in.interfaces();
                        for (; declared < known.size(); declared++) {
                            ((PcapngWriter) writer).declareInterface(known.get(declared));
                        }
                    } else if (f.linkType() != ((PcapWriter) writer).linkType()) {
                        throw new IOException("the calls span several link types; write a .pcapng file instead");
                    }
                    writer.write(f);
                    written++;
                }
                number++;
            }
            if (writer == null) {
                // nothing matched: still a valid, empty capture
                writer = open(part, pcapng, LinkType.ETHERNET);
            }
            writer.flush();
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return written;
    }

    private static FrameWriter open(Path part, boolean pcapng, int linkType) throws IOException {
        OutputStream out = OutputFiles.open(part);
        return pcapng ? new PcapngWriter(out) : new PcapWriter(out, linkType, PcapWriter.DEFAULT_SNAPLEN, true);
    }

    /** Passes frames through, keeping the number of the latest one (0-based) in {@code number[0]}. */
    private static final class Counting implements FrameSource {
        private final FrameSource in;
        private final long[] number;

        Counting(FrameSource in, long[] number) {
            this.in = in;
            this.number = number;
        }

        @Override
        public Frame next() throws IOException {
            Frame f = in.next();
            if (f != null) {
                number[0]++;
            }
            return f;
        }

        @Override
        public String name() {
            return in.name();
        }

        @Override
        public List<InterfaceInfo> interfaces() {
            return in.interfaces();
        }

        @Override
        public boolean truncated() {
            return in.truncated();
        }

        @Override
        public List<String> warnings() {
            return in.warnings();
        }

        @Override
        public long position() {
            return in.position();
        }

        @Override
        public long size() {
            return in.size();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
