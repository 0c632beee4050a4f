package dev.sipscope.tui.cli;

import dev.sipscope.capture.CaptureFiles;
import dev.sipscope.capture.ForwardingFrameSource;
import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.FrameWriter;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.LinkType;
import dev.sipscope.capture.MergingFrameSource;
import dev.sipscope.capture.PcapWriter;
import dev.sipscope.capture.PcapngWriter;
import dev.sipscope.correlator.call.CallLink;
import dev.sipscope.correlator.call.CallSummary;
import dev.sipscope.correlator.call.CorrelatorConfig;
import dev.sipscope.correlator.export.TerminalText;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.correlator.EngineConfig;
import dev.sipscope.decoder.sip.ByteKey;
import dev.sipscope.decoder.sip.SipDecoder;
import dev.sipscope.decoder.tcp.TcpStream;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;
import dev.sipscope.quality.StreamSummary;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sipscope export FILE... (--call ID... | --filter EXPR) [--linked] -w OUT}: the frames of
 * chosen calls into a new capture. Reads the input at least twice: first to find the calls (and
 * the frame numbers of every call's SIP messages, the RTP streams bound to them, the endpoints
 * their SDP announced), then to copy those frames, their RTP and RTCP ({@link ExportMedia}), in
 * their original order. When a chosen call has SIP over TCP, a pass in between
 * follows each TCP direction so that every segment carrying bytes of a chosen message is copied,
 * not only the one completing it. The output is pcapng when its name ends in {@code .pcapng},
 * else classic pcap (one link type only); it is written beside the target and moved into place,
 * so a failure leaves no half file.
 */
public final class ExportCommand {

    List<String> files = new ArrayList<>();
    List<String> callIds = new ArrayList<>();
    boolean linked;
    Path output;
    int maxCalls = BatchInput.DEFAULT_MAX_CALLS;
    /** {@code --sip-only} (exclusive with {@code --with-rtp}, the default). */
    boolean sipOnly;
    final BatchInput input = new BatchInput();
    final FilterOption filter = new FilterOption();

    /** The command line of {@code export}, bound to this instance. */
    public Cli.Command command() {
        Cli.Command c = new Cli.Command("export")
                .description("Write the packets of chosen calls (SIP, their RTP and RTCP) to a new capture.",
                        "Calls are chosen by Call-ID (--call), by a filter (--filter), or both (their",
                        "union); --linked adds the calls linked to them (B2BUA legs, transfers).",
                        "RTCP is taken to and from the RTCP ports the calls' SDP announced (a=rtcp,",
                        "else RTP port + 1), on the RTP ports (rtcp-mux) and on the ports above the",
                        "calls' streams, while the call owns them (a port reused by a later call is",
                        "the later call's).")
                .params("FILE", 1, files::add, "Capture files (pcap, pcapng, optionally gzip'ed).")
                .repeat("--call", "CALL_ID", callIds::add, "Call-ID of a call to export; repeat for several calls.")
                .flag("--linked", () -> linked = true,
                        "Also export the calls linked to the chosen ones (B2BUA legs by X-Call-ID, shared SDP "
                                + "or relayed RTP; REFER/Replaces transfers), and theirs in turn.")
                .option("-w,--write", "OUT", v -> output = Cli.pathValue(v),
                        "Output file: pcapng when it ends in .pcapng, else pcap.")
                .required("--write")
                .option("--max-calls", "N", v -> maxCalls = Cli.intValue(v),
                        "Calls kept while the capture is read (default:" + Cli.NBSP + "250000, as for analyze; about "
                                + "2.5 KB each); beyond,", "the oldest finished calls are left out, counted and warned about.")
                .flag("--with-rtp", () -> sipOnly = false, "The SIP messages with their RTP and RTCP (the default).")
                .flag("--sip-only", () -> sipOnly = true, "Only the SIP messages, no RTP or RTCP.")
                .exclusive("--with-rtp", "--sip-only");
        input.addTo(c);
        filter.addTo(c);
        return c.footer("", "Examples:",
                        "  sipscope export trace.pcap --call abc@host -w abc.pcapng",
                        "  sipscope export trace.pcap --call a@h --call b@h --sip-only -w signalling.pcap",
                        "  sipscope export trace.pcap --filter 'state:busy or code:5xx' -w failed.pcapng",
                        "  sipscope export trace.pcap --filter 'from:alice mos<3.5' --linked -w a.pcapng",
                        "  sipscope export trace.pcap --call abc@host --linked -w both-legs.pcap",
                        "",
                        "Exit codes: 0 ok, 1 usage error, no such call or no call matching the filter,",
                        "2 input unreadable or output unwritable.")
                .action(this::call);
    }

    /** The SIP frames (0-based frame numbers) of one Call-ID, and whether any came over TCP. */
    private static final class CallFrames {
        long[] frames = new long[4];
        int count;
        boolean tcp;

        void add(long frame) {
            if (count > 0 && frames[count - 1] == frame) {
                return;
            }
            if (count == frames.length) {
                frames = Arrays.copyOf(frames, count * 2);
            }
            frames[count++] = frame;
        }
    }

    int call(PrintWriter out, PrintWriter err) {
        String bad = input.badOption();
        if (bad == null && maxCalls < 1) {
            bad = "--max-calls: must be at least 1, got " + maxCalls;
        }
        if (bad == null && files.contains("-")) {
            bad = "export reads its input twice: give a file, not '-'";
        }
        if (bad == null) {
            bad = filter.parse();
        }
        if (bad == null && callIds.isEmpty() && !filter.active()) {
            bad = "export needs --call CALL_ID or --filter EXPR to choose the calls";
        }
        if (bad != null) {
            err.println("sipscope: " + TerminalText.safe(bad));
            err.println("Try 'sipscope export --help' for more information.");
            return ExitCodes.USAGE;
        }
        // pass 1: the calls, and the frame numbers of the SIP messages of the calls named (of every
        // call when a filter or --linked decides the rest only at the end)
        Map<ByteKey, CallFrames> sipFrames = new HashMap<>();
        Set<ByteKey> named = null;
        if (!filter.active() && !linked) {
            named = new HashSet<>();
            for (String id : callIds) {
                named.add(ByteKey.of(id));
            }
        }
        Set<ByteKey> only = named;
        long[] frameNumber = {-1};
        SipSink recorder = new SipSink() {
            @Override
            public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
                ByteKey key = message.callId();
                if (key != null && frameNumber[0] >= 0 && (only == null || only.contains(key))) {
                    CallFrames f = sipFrames.computeIfAbsent(key, k -> new CallFrames());
                    if (transport == SipTransport.TCP) {
                        // the TCP pass marks every segment carrying its bytes; the frame that completed
                        // it may carry none when segments were reordered
                        f.tcp = true;
                    } else {
                        f.add(frameNumber[0]);
                    }
                }
            }
        };
        input.maxCallsOption = true;
        BatchInput.Result r = input.run(files, CorrelatorConfig.DEFAULTS.withMaxCalls(maxCalls).withMaxMessagesPerCall(0), err,
                engine -> engine.tapSip(filter.tap(recorder)),
                source -> new Counting(source, frameNumber));
        if (r.exitCode() != ExitCodes.OK) {
            return r.exitCode();
        }
        List<CallSummary> calls = r.engine().snapshot().calls();
        Map<String, CallSummary> byId = new HashMap<>();
        for (CallSummary c : calls) {
            byId.put(c.callId(), c);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String id : callIds) {
            if (!byId.containsKey(id)) {
                err.println("sipscope: no call with Call-ID '" + TerminalText.safe(id) + "' in the capture"
                        + (r.summary().callsEvicted() > 0 ? "; " + r.summary().callsEvicted()
                            + " finished calls were left out to bound memory, it may have been one of them"
                            + " (raise --max-calls)" : ""));
                return ExitCodes.USAGE;
            }
            chosen.add(id);
        }
        List<StreamSummary> streams = r.quality().summaries();
        if (filter.active()) {
            List<CallSummary> matched = filter.select(calls, streams);
            if (matched.isEmpty() && chosen.isEmpty()) {
                err.println("sipscope: no call of the " + calls.size() + " in the capture matches the filter '"
                        + TerminalText.safe(filter.text()) + "'; nothing written");
                return ExitCodes.USAGE;
            }
            for (CallSummary c : matched) {
                chosen.add(c.callId());
            }
        }
        int asked = chosen.size();
        if (linked) {
            addLinked(chosen, calls);
        }
        BitSet frames = new BitSet();
        boolean tcp = false;
        Set<ByteKey> chosenKeys = new HashSet<>();
        for (String id : chosen) {
            ByteKey key = ByteKey.of(id);
            chosenKeys.add(key);
            CallFrames f = sipFrames.get(key);
            if (f != null) {
                for (int i = 0; i < f.count; i++) {
                    if (f.frames[i] <= Integer.MAX_VALUE) {
                        frames.set((int) f.frames[i]);
                    }
                }
                tcp |= f.tcp;
            }
        }
        ExportMedia media = sipOnly ? null
                : ExportMedia.of(calls, chosen, streams, CorrelatorConfig.DEFAULTS.mediaReleaseGraceNanos());
        // pass 2 (SIP over TCP only): every segment carrying bytes of a chosen message; then copy
        long written;
        Path part = OutputFiles.partOf(output);
        try {
            if (tcp) {
                new TcpSegments(input, chosenKeys, frames).run(files);
            }
            written = copy(frames, media, part);
            OutputFiles.commit(part, output);
        } catch (IOException | RuntimeException e) {
            OutputFiles.discard(part);
            err.println("sipscope: cannot export to " + TerminalText.safe(output + ": " + (e instanceof IOException
                    ? CaptureCommand.reason((IOException) e) : String.valueOf(e.getMessage()))) + ".");
            return ExitCodes.INPUT;
        }
        int extra = chosen.size() - asked;
        err.printf("sipscope: wrote %,d packets of %d call%s%s to %s%n", written, chosen.size(),
                chosen.size() == 1 ? "" : "s", extra > 0 ? " (" + extra + " linked)" : "",
                TerminalText.safe(output.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    /** Adds to {@code chosen} every call reachable through links (either direction), transitively. */
    static void addLinked(Set<String> chosen, List<CallSummary> calls) {
        Map<String, Set<String>> graph = new HashMap<>();
        for (CallSummary c : calls) {
            for (CallLink l : c.links()) {
                graph.computeIfAbsent(c.callId(), k -> new LinkedHashSet<>()).add(l.callId());
                graph.computeIfAbsent(l.callId(), k -> new LinkedHashSet<>()).add(c.callId());
            }
        }
        Deque<String> todo = new ArrayDeque<>(chosen);
        while (!todo.isEmpty()) {
            for (String next : graph.getOrDefault(todo.poll(), Set.of())) {
                if (chosen.add(next)) {
                    todo.add(next);
                }
            }
        }
    }

    private long copy(BitSet sipFrames, ExportMedia media, Path part) throws IOException {
        List<FrameSource> sources = new ArrayList<>();
        for (String f : files) {
            sources.add(CaptureFiles.open(f));
        }
        boolean[] hit = new boolean[1];
        PacketDecoder decoder = media == null ? null : new PacketDecoder(input.decoderConfig(), new PacketSink() {
            @Override
            public void onDatagram(Packet p) {
                hit[0] |= media.takes(p);
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

    /**
     * Follows SIP over TCP direction by direction, remembering the frames whose payload the framer
     * has not yet turned into a whole message; when a chosen call's message completes, those frames
     * are marked. A frame whose payload ended inside the next message stays pending for it (bytes
     * left over after the message, other than the CR/LF of keep-alives, are the next message's
     * start). A gap in the stream forgets what was pending.
     *
     * <p>Bytes are followed by their position in the direction (bytes delivered plus the sizes of the
     * gaps). A segment that arrived beyond a hole is recorded with its position range when the
     * reassembler keeps it aside ({@link PacketSink#onTcpBuffered}); when its bytes are delivered
     * later, with the segment that filled the hole, they are fed to the framer piece by piece, each
     * piece under the frame that carried it, so that the reordered segment is copied with its
     * message and the filling segment only with its own. At most {@value #MAX_RECORDS} reordered
     * segments are remembered per direction (beyond, their bytes count as the filling segment's).
     */
    static final class TcpSegments implements PacketSink, SipSink {
        static final int MAX_RECORDS = 1024;
        private final BatchInput input;
        private final Set<ByteKey> chosen;
        private final BitSet frames;
        private final IdentityHashMap<TcpStream, Direction[]> directions = new IdentityHashMap<>();
        private final SipDecoder sip;
        private final long[] number = {-1};
        private Direction current;

        /** One direction of a connection: frames not yet fully consumed, bytes fed and consumed, reordered segments. */
        private static final class Direction {
            final ArrayList<Long> pending = new ArrayList<>();
            long fed;
            long consumed;
            /** Position of the next byte the reassembler will deliver. */
            long position;
            /** Reordered segments waiting for delivery, sorted by start: [start, end) positions and frame. */
            long[] starts = new long[0];
            long[] ends = new long[0];
            long[] recordFrames = new long[0];
            int records;

            void record(long start, long end, long frame) {
                if (records == MAX_RECORDS) {
                    return;
                }
                if (records == starts.length) {
                    int n = Math.max(4, records * 2);
                    starts = Arrays.copyOf(starts, n);
                    ends = Arrays.copyOf(ends, n);
                    recordFrames = Arrays.copyOf(recordFrames, n);
                }
                int i = records;
                while (i > 0 && starts[i - 1] > start) {
                    starts[i] = starts[i - 1];
                    ends[i] = ends[i - 1];
                    recordFrames[i] = recordFrames[i - 1];
                    i--;
                }
                starts[i] = start;
                ends[i] = end;
                recordFrames[i] = frame;
                records++;
            }

            /** Forgets the records that end at or before the current position. */
            void dropDelivered() {
                int kept = 0;
                for (int i = 0; i < records; i++) {
                    if (ends[i] > position) {
                        starts[kept] = starts[i];
                        ends[kept] = ends[i];
                        recordFrames[kept] = recordFrames[i];
                        kept++;
                    }
                }
                records = kept;
            }
        }

        TcpSegments(BatchInput input, Set<ByteKey> chosen, BitSet frames) {
            this.input = input;
            this.chosen = chosen;
            this.frames = frames;
            EngineConfig config = input.engineConfig(CorrelatorConfig.DEFAULTS);
            this.sip = new SipDecoder(config.sipLimits(), config.sipPorts(), this);
        }

        void run(List<String> files) throws IOException {
            List<FrameSource> sources = new ArrayList<>();
            for (String f : files) {
                sources.add(CaptureFiles.open(f));
            }
            PacketDecoder decoder = new PacketDecoder(input.decoderConfig(), this);
            try (FrameSource in = new Counting(input.masked(sources.size() == 1 ? sources.get(0)
                    : new MergingFrameSource(sources)), number)) {
                Frame f;
                while ((f = in.next()) != null) {
                    try {
                        decoder.decode(f);
                    } catch (RuntimeException e) {
                        // a frame the decoder cannot take carries no SIP of these calls
                    }
                }
                decoder.finish();
            }
        }

        private Direction direction(TcpStream stream, boolean fromClient) {
            Direction[] both = directions.computeIfAbsent(stream, k -> new Direction[] {new Direction(), new Direction()});
            return both[fromClient ? 0 : 1];
        }

        @Override
        public void onTcpBuffered(TcpStream stream, boolean fromClient, Packet packet, long aheadBytes, int length) {
            Direction d = direction(stream, fromClient);
            long start = d.position + aheadBytes;
            d.record(start, start + length, number[0]);
        }

        @Override
        public void onTcpData(TcpStream stream, Packet packet) {
            boolean fromClient = packet.srcPort == stream.clientPort && packet.srcLo == stream.clientLo
                    && packet.srcHi == stream.clientHi;
            Direction d = direction(stream, fromClient);
            int length = packet.payloadLength;
            long chunkStart = d.position;
            long chunkEnd = chunkStart + length;
            if (d.records == 0 || d.starts[0] >= chunkEnd) {
                feed(stream, packet, d, number[0]);
            } else {
                int offset = packet.payloadOffset;
                try {
                    long at = chunkStart;
                    while (at < chunkEnd) {
                        long pieceEnd = chunkEnd;
                        long frame = number[0];
                        for (int i = 0; i < d.records; i++) {
                            if (d.starts[i] <= at && at < d.ends[i]) {
                                pieceEnd = Math.min(chunkEnd, d.ends[i]);
                                frame = d.recordFrames[i];
                                break;
                            }
                            if (d.starts[i] > at) {
                                pieceEnd = Math.min(chunkEnd, d.starts[i]);
                                break;
                            }
                        }
                        packet.payloadOffset = offset + (int) (at - chunkStart);
                        packet.payloadLength = (int) (pieceEnd - at);
                        feed(stream, packet, d, frame);
                        at = pieceEnd;
                    }
                } finally {
                    packet.payloadOffset = offset;
                    packet.payloadLength = length;
                }
            }
            d.position = chunkEnd;
            d.dropDelivered();
        }

        /** Feeds the payload of {@code packet}, carried by {@code frame}, to the framer. */
        private void feed(TcpStream stream, Packet packet, Direction d, long frame) {
            if (d.pending.isEmpty() || d.pending.get(d.pending.size() - 1) != frame) {
                d.pending.add(frame);
            }
            d.fed += packet.payloadLength;
            current = d;
            try {
                sip.onTcpData(stream, packet);
            } finally {
                current = null;
            }
            long left = d.fed - d.consumed;
            if (left <= 0 || left <= packet.payloadLength
                    && blank(packet.data, packet.payloadOffset + packet.payloadLength - (int) left, (int) left)) {
                d.pending.clear();
                d.consumed = d.fed;
            }
        }

        @Override
        public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
            sip.onTcpGap(stream, fromClient, missingBytes);
            Direction d = direction(stream, fromClient);
            d.pending.clear();
            d.consumed = d.fed;
            if (missingBytes >= 0) {
                d.position += missingBytes;
                d.dropDelivered();
            } else {
                // a restart at an unknown distance: the recorded positions mean nothing any more
                d.records = 0;
            }
        }

        @Override
        public void onTcpClose(TcpStream stream) {
            sip.onTcpClose(stream);
            directions.remove(stream);
        }

        @Override
        public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
            Direction d = current;
            if (d == null) {
                return;
            }
            ByteKey key = message.callId();
            if (key != null && chosen.contains(key)) {
                for (long f : d.pending) {
                    if (f >= 0 && f <= Integer.MAX_VALUE) {
                        frames.set((int) f);
                    }
                }
            }
            d.consumed += message.length();
            // every pending frame but the current one ended before this message did
            long last = d.pending.isEmpty() ? -1 : d.pending.get(d.pending.size() - 1);
            d.pending.clear();
            if (last >= 0) {
                d.pending.add(last);
            }
        }

        private static boolean blank(byte[] b, int off, int len) {
            if (off < 0) {
                return false;
            }
            for (int i = off; i < off + len; i++) {
                if (b[i] != '\r' && b[i] != '\n' && b[i] != ' ' && b[i] != '\t') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Passes frames through, keeping the number of the latest one (0-based) in {@code number[0]}. */
    private static final class Counting extends ForwardingFrameSource {
        private final long[] number;

        Counting(FrameSource in, long[] number) {
            super(in);
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
    }
}
