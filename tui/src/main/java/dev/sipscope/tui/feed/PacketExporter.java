package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.FrameSource;
import dev.sipscope.capture.FrameWriter;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.LinkType;
import dev.sipscope.capture.PcapWriter;
import dev.sipscope.capture.PcapngWriter;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.PacketSink;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the packets of chosen calls to pcap or pcapng: their SIP frames and, when the capture can
 * be read again, the RTP to or from their SDP media endpoints while the call lasted (plus
 * {@link #MEDIA_GRACE_NANOS}). From a live capture only the SIP frames kept in memory are written.
 *
 * <p>The file is written beside the target and moved into place at the end, so a failed save
 * leaves no half file. Classic pcap holds one link type: frames of another are an error asking
 * for pcapng.
 */
final class PacketExporter {
    static final long MEDIA_GRACE_NANOS = 5_000_000_000L;

    private final PacketSource source;
    private final DecoderConfig config;

    PacketExporter(PacketSource source, DecoderConfig config) {
        this.source = source;
        this.config = config;
    }

    /** Media endpoint and the time window in which its packets belong to a chosen call. */
    private static final class Window {
        long from;
        long to;
    }

    long write(List<CallPackets> calls, Path target, boolean pcapng) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long written;
        try (LazyWriter out = new LazyWriter(part, pcapng)) {
            FrameSource again = source.reopen();
            if (again != null) {
                try (FrameSource in = again) {
                    written = copyMatching(calls, in, out);
                }
            } else {
                out.declare(source.interfaces());
                written = copyKept(calls, out);
            }
            out.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            if (e instanceof IllegalArgumentException) {
                throw new IOException(e.getMessage(), e);
            }
            throw e;
        }
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return written;
    }

    private static long copyKept(List<CallPackets> calls, LazyWriter out) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (CallPackets c : calls) {
            frames.addAll(c.liveFrames());
        }
        frames.sort(Comparator.comparingLong(Frame::timestampNanos));
        for (Frame f : frames) {
            out.write(f);
        }
        return frames.size();
    }

    private long copyMatching(List<CallPackets> calls, FrameSource in, LazyWriter out) throws IOException {
        long[] sip = calls.stream().flatMapToLong(c -> Arrays.stream(c.sipFrames())).sorted().distinct().toArray();
        Map<Endpoint, Window> media = new HashMap<>();
        for (CallPackets c : calls) {
            for (Endpoint e : c.media()) {
                Window w = media.computeIfAbsent(e, k -> {
                    Window n = new Window();
                    n.from = Long.MAX_VALUE;
                    n.to = Long.MIN_VALUE;
                    return n;
                });
                w.from = Math.min(w.from, c.firstNanos());
                w.to = Math.max(w.to, c.lastNanos() + MEDIA_GRACE_NANOS);
            }
        }
        Endpoint probe = new Endpoint();
        boolean[] hit = new boolean[1];
        PacketDecoder decoder = media.isEmpty() ? null : new PacketDecoder(config, new PacketSink() {
            @Override
            public void onDatagram(Packet p) {
                if (p.protocol != Packet.PROTO_UDP) {
                    return;
                }
                Window w = media.get(probe.set(p.dstHi, p.dstLo, p.dstPort));
                if (w == null) {
                    w = media.get(probe.set(p.srcHi, p.srcLo, p.srcPort));
                }
                if (w != null && p.timestampNanos >= w.from && p.timestampNanos <= w.to) {
                    hit[0] = true;
                }
            }
        });
        long number = 0;
        int next = 0;
        long written = 0;
        Frame f;
        while ((f = in.next()) != null) {
            out.declare(in.interfaces());
            boolean take = false;
            while (next < sip.length && sip[next] < number) {
                next++;
            }
            if (next < sip.length && sip[next] == number) {
                take = true;
            }
            if (decoder != null) {
                hit[0] = false;
                try {
                    decoder.decode(f);
                } catch (RuntimeException e) {
                    // a frame the decoder cannot take is simply not RTP of these calls
                }
                take |= hit[0];
            }
            if (take) {
                out.write(f);
                written++;
            }
            number++;
        }
        return written;
    }

    /** Opens the output at the first frame, when a classic pcap's link type is known. */
    private static final class LazyWriter implements AutoCloseable {
        private final Path path;
        private final boolean pcapng;
        private List<InterfaceInfo> interfaces = List.of();
        private FrameWriter writer;
        private int declared;

        LazyWriter(Path path, boolean pcapng) {
            this.path = path;
            this.pcapng = pcapng;
        }

        /** The interfaces the input has declared so far; pcapng gets each as it appears. */
        void declare(List<InterfaceInfo> known) throws IOException {
            interfaces = known;
            if (writer instanceof PcapngWriter) {
                PcapngWriter w = (PcapngWriter) writer;
                for (; declared < known.size(); declared++) {
                    w.declareInterface(known.get(declared));
                }
            }
        }

        void write(Frame f) throws IOException {
            if (writer == null) {
                open(f.linkType());
            }
            writer.write(f);
        }

        private void open(int linkType) throws IOException {
            if (pcapng) {
                PcapngWriter w = PcapngWriter.create(path);
                for (; declared < interfaces.size(); declared++) {
                    w.declareInterface(interfaces.get(declared));
                }
                writer = w;
            } else {
                writer = PcapWriter.create(path, linkType);
            }
        }

        /** An empty capture still gets a valid header. */
        void finish() throws IOException {
            if (writer == null) {
                open(interfaces.isEmpty() ? LinkType.ETHERNET : interfaces.get(0).linkType());
            }
            writer.flush();
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
