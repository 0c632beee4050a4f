package dev.sipscope.decoder;

import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.LinkType;
import dev.sipscope.decoder.tcp.TcpReassembler;
import dev.sipscope.decoder.tcp.TcpStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deterministic corpus of hostile frames for the {@link PacketDecoder}, each decoded between two
 * valid frames: frames of every link type and layer cut at every byte (as short frames and as
 * snap-length cuts), IP fragments that overlap or never finish, TCP streams that never end or keep a
 * hole open, SCTP messages that never finish, a HEP compression bomb, tunnels and IPv6 extension
 * chains past their bounds. For each: the bad frame is counted (malformed with a reason, cut by
 * the snap length, or not IP), nothing escapes {@code decode}, the decoder's bounds hold at every
 * step (the checks of {@link PacketDecoderFuzzTest}), it finishes under a preemptive timeout, and
 * the valid frames around it are delivered intact.
 */
class MalformedFrameTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final long MILLI = 1_000_000L;
    private static final byte[] SIP = text("OPTIONS sip:probe@example.com SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n");

    /** Records like {@link RecordingSink} and checks every callback like the fuzz target does. */
    private static final class Sink implements PacketSink {
        final RecordingSink record = new RecordingSink();
        final PacketDecoderFuzzTest.CheckingSink check = new PacketDecoderFuzzTest.CheckingSink();
        long gapBytes;
        long unknownGaps;

        @Override
        public void onDatagram(Packet p) {
            check.onDatagram(p);
            record.onDatagram(p);
        }

        @Override
        public void onTcpData(TcpStream stream, Packet p) {
            check.onTcpData(stream, p);
            record.onTcpData(stream, p);
        }

        @Override
        public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
            check.onTcpGap(stream, fromClient, missingBytes);
            record.onTcpGap(stream, fromClient, missingBytes);
            if (missingBytes > 0) {
                gapBytes += missingBytes;
            } else {
                unknownGaps++;
            }
        }

        @Override
        public void onTcpClose(TcpStream stream) {
            check.onTcpClose(stream);
            record.onTcpClose(stream);
        }

        @Override
        public void onMalformed(Frame frame, Malformed reason) {
            check.onMalformed(frame, reason);
            record.onMalformed(frame, reason);
        }
    }

    private final Sink sink = new Sink();
    private final PacketDecoder decoder = new PacketDecoder(PacketDecoderFuzzTest.CONFIG, sink);
    private long clockNanos = T0;
    private int sandwiches;

    private void decode(Frame f) {
        decoder.decode(f);
        PacketDecoderFuzzTest.checkBounds(decoder);
    }

    private Frame frameAt(int linkType, byte[] bytes, int captured, int original, long stepNanos) {
        clockNanos += stepNanos;
        return new Frame(clockNanos, linkType, 0, Arrays.copyOf(bytes, captured), 0, captured, original);
    }

    private Frame whole(int linkType, byte[] bytes, long stepNanos) {
        return frameAt(linkType, bytes, bytes.length, bytes.length, stepNanos);
    }

    private static byte[] marker(String name, int n) {
        return ethIpv4Udp("10.1.1.1", 1111, "10.2.2.2", 2222, text(name + " " + n));
    }

    /**
     * Decodes a valid frame, {@code bad}, and another valid frame; checks that both valid frames came
     * out unchanged and returns what {@code bad} delivered.
     */
    private List<RecordingSink.Datagram> sandwich(Frame bad) {
        int n = sandwiches++;
        decode(frameAt(LinkType.ETHERNET, marker("before", n), marker("before", n).length, marker("before", n).length, MILLI));
        int from = sink.record.datagrams.size();
        decode(bad);
        int to = sink.record.datagrams.size();
        decode(frameAt(LinkType.ETHERNET, marker("after", n), marker("after", n).length, marker("after", n).length, MILLI));
        List<RecordingSink.Datagram> all = sink.record.datagrams;
        assertThat(all.get(from - 1).text()).as("the frame before bad frame %d", n).isEqualTo("before " + n);
        assertThat(all.get(all.size() - 1).text()).as("the frame after bad frame %d", n).isEqualTo("after " + n);
        assertThat(all.size()).as("nothing else came out after bad frame %d", n).isEqualTo(to + 1);
        return new ArrayList<>(all.subList(from, to));
    }

    /** Malformed reports, snap-length cuts and non-IP frames counted so far. */
    private long accounted() {
        DecoderStats s = decoder.stats();
        return s.malformedTotal() + s.truncatedBySnaplen() + s.nonIpTotal() + s.unsupportedLinkTypeFrames();
    }

    // ------------------------------------------------------------------ every link type cut at every byte

    private record Sample(String name, int linkType, byte[] bytes) {
    }

    private static List<Sample> samples() {
        byte[] u4 = ipv4("10.0.0.1", "10.0.0.2", UDP, udp(5060, 5060, SIP));
        byte[] u6 = ipv6("2001:db8::1", "2001:db8::2", UDP, udp(5060, 5060, SIP));
        byte[] innerEth = ethernetWithTags(ETH_IPV4, u4, 0x8100, 5);
        byte[] seq = Bytes.of().u32(1).array();
        List<Sample> s = new ArrayList<>();
        s.add(new Sample("ethernet", LinkType.ETHERNET, ethernet(ETH_IPV4, u4)));
        s.add(new Sample("qinq-ipv6", LinkType.ETHERNET, ethernetWithTags(ETH_IPV6, u6, 0x88a8, 1, 0x8100, 2)));
        s.add(new Sample("pppoe", LinkType.ETHERNET, ethernet(ETH_PPPOE_SESSION, pppoeSession(0x0021, u4))));
        s.add(new Sample("mpls", LinkType.ETHERNET, ethernet(ETH_MPLS, mpls(u4, 1, 2))));
        s.add(new Sample("sll", LinkType.LINUX_SLL, sll(ETH_IPV4, u4)));
        s.add(new Sample("sll2", LinkType.LINUX_SLL2, sll2(ETH_IPV6, u6)));
        s.add(new Sample("raw-ipv4", LinkType.RAW, u4));
        s.add(new Sample("raw-ipv6", LinkType.RAW, u6));
        s.add(new Sample("ipv4", LinkType.IPV4, u4));
        s.add(new Sample("ipv6", LinkType.IPV6, u6));
        s.add(new Sample("null", LinkType.NULL, bsdNull(2, true, u4)));
        s.add(new Sample("loop", LinkType.LOOP, bsdNull(30, false, u6)));
        s.add(new Sample("openbsd-loop", LinkType.RAW_OPENBSD, bsdNull(24, false, u6)));
        s.add(new Sample("bsdos-raw", LinkType.RAW_BSDOS, u4));
        s.add(new Sample("ppp", LinkType.PPP, ppp(true, false, 0x0021, u4)));
        s.add(new Sample("ppp-hdlc", LinkType.PPP_HDLC, ppp(true, false, 0x0057, u6)));
        s.add(new Sample("cisco-hdlc", LinkType.PPP_HDLC, ciscoHdlc(ETH_IPV4, u4)));
        s.add(new Sample("ppp-ether", LinkType.PPP_ETHER, pppoeSession(0x0057, u6)));
        s.add(new Sample("ip-in-ip", LinkType.RAW, ipv4("1.1.1.1", "2.2.2.2", 4, u4)));
        s.add(new Sample("gre-key-seq", LinkType.RAW, ipv4("1.1.1.1", "2.2.2.2", GRE,
                gre(0x3000, ETH_IPV4, Bytes.of().u32(7).u32(8).array(), u4))));
        s.add(new Sample("erspan-ii", LinkType.RAW, ipv4("1.1.1.1", "2.2.2.2", GRE,
                gre(0x1000, 0x88be, seq, erspanII(1, innerEth)))));
        s.add(new Sample("erspan-iii", LinkType.RAW, ipv4("1.1.1.1", "2.2.2.2", GRE,
                gre(0x1000, 0x22eb, seq, erspanIII(1, true, innerEth)))));
        s.add(new Sample("vxlan", LinkType.RAW, ipv4("1.1.1.1", "2.2.2.2", UDP, udp(1, 4789, vxlan(3, innerEth)))));
        s.add(new Sample("hep3", LinkType.RAW, ipv4("10.9.9.9", "10.8.8.8", UDP,
                udp(4000, 9060, HepTest.hep3Sip(HepTest.chunk(15, SIP))))));
        s.add(new Sample("sctp", LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(1, 2, 3, sctpSack(),
                sctpData(0x03, 1, 0, 0, SIP)))));
        s.add(new Sample("ipv6-extensions", LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 0, Bytes.concat(
                ipv6Extension(60, new byte[6]), ipv6Extension(UDP, new byte[6]), udp(1, 2, SIP)))));
        s.add(new Sample("tcp", LinkType.RAW, ipv4("10.0.0.1", "10.0.0.2", TCP,
                tcp(40000, 5060, 1, 0, 0x18, new byte[0], SIP))));
        s.add(new Sample("unsupported-link-type", 147, u4));
        return s;
    }

    @Test
    void framesOfEveryLinkTypeCutAtEveryByte() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (Sample s : samples()) {
                byte[] b = s.bytes();
                for (int cut = 0; cut < b.length; cut++) {
                    long before = accounted();
                    List<RecordingSink.Datagram> out = sandwich(frameAt(s.linkType(), b, cut, cut, MILLI));
                    assertThat(out).as("%s cut at %d: a short frame delivers nothing", s.name(), cut).isEmpty();
                    assertThat(accounted()).as("%s cut at %d is counted", s.name(), cut).isGreaterThan(before);

                    before = accounted();
                    out = sandwich(frameAt(s.linkType(), b, cut, b.length, MILLI));
                    assertThat(accounted()).as("%s snap-cut at %d is counted", s.name(), cut).isGreaterThan(before);
                    for (RecordingSink.Datagram d : out) {
                        // Either cut (and flagged) or whole: an SCTP chunk before the cut is complete.
                        assertThat(d.has(Packet.FLAG_TRUNCATED) || Arrays.equals(d.payload(), SIP))
                                .as("%s snap-cut at %d: %s", s.name(), cut, d).isTrue();
                        assertThat(contains(b, d.payload())).as("%s snap-cut at %d: payload from the frame", s.name(), cut)
                                .isTrue();
                    }
                }
                int before = sink.record.datagrams.size() + sink.record.tcpData.size();
                sandwich(frameAt(s.linkType(), b, b.length, b.length, MILLI));
                if (!s.name().equals("unsupported-link-type")) {
                    assertThat(sink.record.datagrams.size() + sink.record.tcpData.size())
                            .as("%s whole", s.name()).isEqualTo(before + 3);
                }
            }
            decoder.finish();
            PacketDecoderFuzzTest.checkBounds(decoder);
        });
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void cutsAreNamedByTheLayerTheyHit() {
        byte[] eth = ethernet(ETH_IPV4, ipv4("10.0.0.1", "10.0.0.2", UDP, udp(5060, 5060, SIP)));
        for (int cut = 0; cut < 14; cut++) {
            sandwich(frameAt(LinkType.ETHERNET, eth, cut, cut, MILLI));
            assertThat(sink.record.malformed).last().as("cut %d", cut).isEqualTo(Malformed.LINK_TRUNCATED);
        }
        for (int cut = 14; cut < 14 + 20; cut++) {
            sandwich(frameAt(LinkType.ETHERNET, eth, cut, cut, MILLI));
            assertThat(sink.record.malformed).last().as("cut %d", cut).isEqualTo(Malformed.IP_HEADER);
        }
        int malformedBefore = sink.record.malformed.size();
        sandwich(frameAt(LinkType.ETHERNET, eth, 20, eth.length, MILLI));
        assertThat(sink.record.malformed).hasSize(malformedBefore);
        assertThat(decoder.stats().truncatedBySnaplen()).isEqualTo(1);
    }

    /** Regression: a snap length ending exactly between two SCTP chunks went uncounted. */
    @Test
    void sctpCutBySnapLengthAtAChunkBoundaryIsCountedAsTruncated() {
        byte[] frame = ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(1, 2, 3, sctpData(0x03, 1, 0, 0, SIP), sctpSack()));
        int firstChunkEnd = 20 + 12 + ((16 + SIP.length + 3) & ~3);
        List<RecordingSink.Datagram> out = sandwich(frameAt(LinkType.RAW, frame, firstChunkEnd, frame.length, MILLI));
        assertThat(out).singleElement().satisfies(d -> assertThat(d.payload()).isEqualTo(SIP));
        assertThat(decoder.stats().truncatedBySnaplen()).isEqualTo(1);
        assertThat(decoder.stats().malformedTotal()).isZero();
        sandwich(frameAt(LinkType.RAW, frame, 20 + 12, frame.length, MILLI));
        assertThat(decoder.stats().truncatedBySnaplen()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ IP fragments

    private static byte[] datagram(int payloadBytes, char fill) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) fill);
        return udp(5060, 5060, payload);
    }

    @Test
    void overlappingIpv4FragmentsKeepTheFirstBytes() {
        byte[] d = datagram(1200, 'a');
        byte[] conflicting = Arrays.copyOfRange(d, 200, 600);
        Arrays.fill(conflicting, 0, 200, (byte) 'X');
        assertThat(sandwich(whole(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 9, 0, true,
                Arrays.copyOfRange(d, 0, 400)), MILLI))).isEmpty();
        assertThat(sandwich(whole(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 9, 200, true,
                conflicting), MILLI))).isEmpty();
        List<RecordingSink.Datagram> out = sandwich(whole(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP,
                9, 600, false, Arrays.copyOfRange(d, 600, d.length)), MILLI));
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.has(Packet.FLAG_REASSEMBLED)).isTrue();
            assertThat(r.payload()).isEqualTo(Arrays.copyOfRange(d, 8, d.length));
        });
        assertThat(decoder.stats().fragmentOverlaps()).isEqualTo(1);
    }

    @Test
    void overlappingIpv6FragmentsDiscardTheDatagram() {
        byte[] d = datagram(1200, 'b');
        byte[] conflicting = Arrays.copyOfRange(d, 200, 600);
        Arrays.fill(conflicting, (byte) 'Y');
        sandwich(whole(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                ipv6FragmentHeader(UDP, 0, true, 5, Arrays.copyOfRange(d, 0, 400))), MILLI));
        sandwich(whole(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                ipv6FragmentHeader(UDP, 200, true, 5, conflicting)), MILLI));
        assertThat(sandwich(whole(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                ipv6FragmentHeader(UDP, 600, false, 5, Arrays.copyOfRange(d, 600, d.length))), MILLI))).isEmpty();
        assertThat(decoder.stats().datagramsDiscardedForOverlap()).isEqualTo(1);
    }

    @Test
    void fragmentsThatNeverFinishStayWithinTheBounds() {
        assertTimeoutPreemptively(LIMIT, () -> {
            byte[] d = datagram(1600, 'c');
            byte[] first = Arrays.copyOfRange(d, 0, 1480);
            int datagrams = 3000;
            for (int id = 0; id < datagrams; id++) {
                byte[] frame = ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, id, 0, true, first);
                if (id % 100 == 0) {
                    assertThat(sandwich(frameAt(LinkType.RAW, frame, frame.length, frame.length, MILLI))).isEmpty();
                } else {
                    decode(frameAt(LinkType.RAW, frame, frame.length, frame.length, MILLI));
                }
            }
            // 31 s later the rest of the held datagrams time out; a late fragment starts a new one
            byte[] late = ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 1, 1480, false, Arrays.copyOfRange(d, 1480, d.length));
            assertThat(sandwich(frameAt(LinkType.RAW, late, late.length, late.length, 31_000 * MILLI))).isEmpty();
            decoder.finish();
            DecoderStats s = decoder.stats();
            assertThat(s.datagramsEvicted() + s.datagramsExpired() + s.datagramsUnfinishedAtEnd())
                    .isEqualTo(datagrams + 1);
            assertThat(s.datagramsExpired()).isPositive();
            assertThat(s.datagramsUnfinishedAtEnd()).isEqualTo(1);
            assertThat(decoder.fragmentBufferedBytes()).isZero();
        });
    }

    @Test
    void fragmentEndingPastTheLargestDatagramIsMalformed() {
        byte[] frame = ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 3, 65528, false, new byte[16]);
        assertThat(sandwich(frameAt(LinkType.RAW, frame, frame.length, frame.length, MILLI))).isEmpty();
        assertThat(sink.record.malformed).containsExactly(Malformed.IP_FRAGMENT);
    }

    // ------------------------------------------------------------------ TCP

    private Frame tcpFrame(int clientPort, long seq, int flags, byte[] payload, boolean fromServer, long stepNanos) {
        byte[] segment = fromServer
                ? ipv4("10.0.0.2", "10.0.0.1", TCP, tcp(5060, clientPort, seq, 0, flags, new byte[0], payload))
                : ipv4("10.0.0.1", "10.0.0.2", TCP, tcp(clientPort, 5060, seq, 0, flags, new byte[0], payload));
        return frameAt(LinkType.RAW, segment, segment.length, segment.length, stepNanos);
    }

    @Test
    void tcpStreamThatNeverEndsIsDeliveredWithoutBuffering() {
        assertTimeoutPreemptively(LIMIT, () -> {
            TcpReassembler tcp = decoder.tcpReassembler();
            byte[] chunk = new byte[1000];
            Arrays.fill(chunk, (byte) 's');
            decode(tcpFrame(40000, 999, TcpReassembler.SYN, new byte[0], false, MILLI));
            int segments = 10_000;
            for (int i = 0; i < segments; i++) {
                Frame f = tcpFrame(40000, 1000 + 1000L * i, TcpReassembler.ACK, chunk, false, MILLI);
                if (i % 1000 == 0) {
                    sandwich(f);
                } else {
                    decode(f);
                }
                assertThat(tcp.currentBufferedBytes()).isZero();
            }
            assertThat(tcp.bytesDelivered()).isEqualTo(1000L * segments);
            assertThat(tcp.openStreams()).isEqualTo(1);
            decoder.finish();
            assertThat(sink.record.tcpGaps).isEmpty();
            assertThat(sink.record.tcpClosed).hasSize(1);
        });
    }

    @Test
    void tcpHoleThatNeverFillsIsReportedAsGapsWithinTheBuffer() {
        assertTimeoutPreemptively(LIMIT, () -> {
            TcpReassembler tcp = decoder.tcpReassembler();
            byte[] chunk = new byte[1000];
            decode(tcpFrame(40001, 999, TcpReassembler.SYN, new byte[0], false, MILLI));
            // the first 1000 bytes are never seen; 5000 segments follow, in order, without FIN
            int segments = 5000;
            for (int i = 1; i <= segments; i++) {
                Frame f = tcpFrame(40001, 1000 + 1000L * i, TcpReassembler.ACK, chunk, false, MILLI);
                if (i % 500 == 0) {
                    sandwich(f);
                } else {
                    decode(f);
                }
                assertThat(tcp.currentBufferedBytes())
                        .isLessThanOrEqualTo(PacketDecoderFuzzTest.TCP_CONFIG.maxOutOfOrderBytesPerDirection());
            }
            decoder.finish();
            assertThat(sink.gapBytes).isEqualTo(1000);
            assertThat(sink.unknownGaps).isZero();
            assertThat(tcp.bytesDelivered() + sink.gapBytes).isEqualTo(1000L * (segments + 1));
            assertThat(tcp.currentBufferedBytes()).isZero();
        });
    }

    @Test
    void manyConnectionsWithOpenHolesAreEvictedWithinTheBudget() {
        assertTimeoutPreemptively(LIMIT, () -> {
            TcpReassembler tcp = decoder.tcpReassembler();
            byte[] chunk = new byte[30_000];
            int connections = 200;
            for (int c = 0; c < connections; c++) {
                decode(tcpFrame(41000 + c, 0, TcpReassembler.ACK, new byte[10], false, MILLI));
                Frame ahead = tcpFrame(41000 + c, 20_000, TcpReassembler.ACK, chunk, false, MILLI);
                if (c % 20 == 0) {
                    sandwich(ahead);
                } else {
                    decode(ahead);
                }
            }
            assertThat(tcp.evictions()).isEqualTo(connections - PacketDecoderFuzzTest.TCP_CONFIG.maxConnections());
            assertThat(tcp.peakBufferedBytes()).isLessThanOrEqualTo(PacketDecoderFuzzTest.TCP_CONFIG.maxBufferedBytes());
            decoder.finish();
            assertThat(sink.gapBytes).isEqualTo(connections * (20_000L - 10));
            assertThat(tcp.bytesDelivered()).isEqualTo(connections * (10L + chunk.length));
        });
    }

    // ------------------------------------------------------------------ SCTP, HEP, tunnels, IPv6 chains

    @Test
    void sctpMessagesThatNeverFinishStayWithinTheBounds() {
        assertTimeoutPreemptively(LIMIT, () -> {
            byte[] part = new byte[2000];
            for (int stream = 0; stream < 1000; stream++) {
                byte[] frame = ipv4("10.0.0.1", "10.0.0.2", SCTP, sctp(5060, 5060, 1,
                        sctpIData(0x02, stream, stream, 1, 0, part)));
                Frame f = frameAt(LinkType.RAW, frame, frame.length, frame.length, MILLI);
                if (stream % 100 == 0) {
                    assertThat(sandwich(f)).isEmpty();
                } else {
                    decode(f);
                }
            }
            assertThat(decoder.pendingSctpMessages()).isEqualTo(PacketDecoderFuzzTest.CONFIG.maxSctpPendingMessages());
            decoder.finish();
            assertThat(decoder.stats().sctpFragmentsDropped()).isEqualTo(1000);
            assertThat(decoder.pendingSctpMessages()).isZero();
        });
    }

    @Test
    void hepCompressionBombIsMalformedAndStillDeliveredAsUdp() {
        byte[] bomb = DecoderFuzzSeedsTest.zlib(new byte[4 << 20]);
        byte[] hep = HepTest.hep3Sip(HepTest.chunk(16, bomb));
        byte[] frame = ipv4("10.9.9.9", "10.8.8.8", UDP, udp(4000, 9060, hep));
        List<RecordingSink.Datagram> out = assertTimeoutPreemptively(LIMIT,
                () -> sandwich(frameAt(LinkType.RAW, frame, frame.length, frame.length, MILLI)));
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.has(Packet.FLAG_HEP)).isFalse();
            assertThat(d.payload()).isEqualTo(hep);
        });
        assertThat(sink.record.malformed).containsExactly(Malformed.HEP);
    }

    @Test
    void tunnelsNestedPastTheLimitAreTooDeep() {
        byte[] packet = ipv4("10.0.0.1", "10.0.0.2", UDP, udp(1, 2, SIP));
        for (int i = 0; i < PacketDecoderFuzzTest.CONFIG.maxTunnelDepth() + 1; i++) {
            packet = ipv4("10.0.0.1", "10.0.0.2", 4, packet);
        }
        byte[] frame = packet;
        assertThat(sandwich(frameAt(LinkType.RAW, frame, frame.length, frame.length, MILLI))).isEmpty();
        assertThat(sink.record.malformed).containsExactly(Malformed.TOO_DEEP);
    }

    @Test
    void ipv6ExtensionChainPastTheLimitIsMalformed() {
        byte[] chain = udp(1, 2, SIP);
        int next = UDP;
        for (int i = 0; i <= PacketDecoder.MAX_IPV6_EXTENSION_HEADERS + 1; i++) {
            chain = Bytes.concat(ipv6Extension(next, new byte[6]), chain);
            next = 60;
        }
        byte[] frame = ipv6("2001:db8::1", "2001:db8::2", 60, chain);
        assertThat(sandwich(frameAt(LinkType.RAW, frame, frame.length, frame.length, MILLI))).isEmpty();
        assertThat(sink.record.malformed).containsExactly(Malformed.IPV6_EXTENSION);
    }
}
