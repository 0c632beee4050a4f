package dev.sipscope.decoder;

import static dev.sipscope.decoder.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipscope.capture.LinkType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FragmentReassemblyTest {
    private static final long SECOND = 1_000_000_000L;

    private RecordingSink sink = new RecordingSink();
    private PacketDecoder decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);

    private static byte[] sipOfSize(int n) {
        byte[] b = new byte[n];
        byte[] head = text("INVITE sip:bob@example.com SIP/2.0\r\n");
        for (int i = 0; i < n; i++) {
            b[i] = i < head.length ? head[i] : (byte) ('a' + i % 26);
        }
        return b;
    }

    /** IPv4 fragments (raw IP) of {@code transport}, cut every {@code step} bytes (a multiple of 8). */
    private static List<byte[]> v4Fragments(int protocol, int id, byte[] transport, int step) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < transport.length; off += step) {
            int end = Math.min(transport.length, off + step);
            out.add(ipv4Fragment("10.0.0.1", "10.0.0.2", protocol, id, off, end < transport.length,
                    Arrays.copyOfRange(transport, off, end)));
        }
        return out;
    }

    /** IPv6 fragments of {@code fragmentable} (what follows the fragment header), after {@code perFragment} headers. */
    private static List<byte[]> v6Fragments(int firstNext, int nextAfterFragment, byte[] perFragment, long id,
                                            byte[] fragmentable, int step) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < fragmentable.length; off += step) {
            int end = Math.min(fragmentable.length, off + step);
            byte[] fh = ipv6FragmentHeader(nextAfterFragment, off, end < fragmentable.length, id,
                    Arrays.copyOfRange(fragmentable, off, end));
            out.add(ipv6("2001:db8::1", "2001:db8::2", firstNext, Bytes.concat(perFragment, fh)));
        }
        return out;
    }

    private void feed(List<byte[]> packets) {
        for (byte[] p : packets) {
            decoder.decode(frame(LinkType.RAW, p));
        }
    }

    private void assertDeliveredOnce(byte[] expectedPayload) {
        assertThat(sink.malformed).isEmpty();
        RecordingSink.Datagram d = sink.only();
        assertThat(d.payload()).isEqualTo(expectedPayload);
        assertThat(d.has(Packet.FLAG_REASSEMBLED)).isTrue();
        assertThat(d.ipOffset()).isEqualTo(-1);
        assertThat(d.payloadInFrame()).isFalse();
        assertThat(decoder.pendingFragmentedDatagrams()).isZero();
        assertThat(decoder.fragmentBufferedBytes()).isZero();
    }

    @Test
    void ipv4FragmentsInOrder() {
        byte[] sip = sipOfSize(3000);
        feed(v4Fragments(UDP, 7, udp(5060, 5060, sip), 1480));
        assertDeliveredOnce(sip);
        RecordingSink.Datagram d = sink.only();
        assertThat(d.src()).isEqualTo("10.0.0.1");
        assertThat(d.dstPort()).isEqualTo(5060);
        assertThat(decoder.stats().fragmentsSeen()).isEqualTo(3);
        assertThat(decoder.stats().datagramsReassembled()).isEqualTo(1);
        assertThat(decoder.stats().udpDatagrams()).isEqualTo(1);
    }

    @Test
    void ipv4FragmentsReversed() {
        byte[] sip = sipOfSize(3000);
        List<byte[]> fragments = v4Fragments(UDP, 7, udp(5060, 5060, sip), 1000);
        Collections.reverse(fragments);
        feed(fragments);
        assertDeliveredOnce(sip);
    }

    @Test
    void ipv4FragmentsInEveryOrderOfFour() {
        byte[] sip = sipOfSize(100);
        List<byte[]> fragments = v4Fragments(UDP, 9, udp(5060, 5060, sip), 32);
        assertThat(fragments).hasSize(4);
        int[] order = {0, 1, 2, 3};
        int permutations = 0;
        do {
            sink = new RecordingSink();
            decoder = new PacketDecoder(DecoderConfig.DEFAULTS, sink);
            for (int i : order) {
                decoder.decode(frame(LinkType.RAW, fragments.get(i)));
            }
            assertDeliveredOnce(sip);
            permutations++;
        } while (nextPermutation(order));
        assertThat(permutations).isEqualTo(24);
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    @Test
    void exactDuplicateFragmentsAreDroppedAndCounted() {
        byte[] sip = sipOfSize(2000);
        List<byte[]> f = v4Fragments(UDP, 7, udp(5060, 5060, sip), 800);
        feed(List.of(f.get(0), f.get(0), f.get(1), f.get(1), f.get(2)));
        assertDeliveredOnce(sip);
        assertThat(decoder.stats().fragmentDuplicates()).isEqualTo(2);
        assertThat(decoder.stats().fragmentOverlaps()).isZero();
    }

    @Test
    void ipv4OverlapKeepsTheFirstReceivedBytesAndCounts() {
        byte[] transport = udp(5060, 5060, sipOfSize(40));
        byte[] first = Arrays.copyOfRange(transport, 0, 32);
        byte[] overlapping = Arrays.copyOfRange(transport, 16, transport.length);
        Arrays.fill(overlapping, 0, 16, (byte) 'X'); // different bytes where it overlaps
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 5, 0, true, first)));
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 5, 16, false, overlapping)));
        assertThat(sink.only().payload()).isEqualTo(Arrays.copyOfRange(transport, 8, transport.length));
        assertThat(decoder.stats().fragmentOverlaps()).isEqualTo(1);
    }

    @Test
    void ipv4OverlapFillingAHoleBetweenTwoPieces() {
        byte[] transport = udp(5060, 5060, sipOfSize(56));
        byte[] a = Arrays.copyOfRange(transport, 0, 16);
        byte[] c = Arrays.copyOfRange(transport, 40, transport.length);
        byte[] wide = Arrays.copyOfRange(transport, 8, 48);
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 5, 0, true, a)));
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 5, 40, false, c)));
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 5, 8, true, wide)));
        assertThat(sink.only().payload()).isEqualTo(Arrays.copyOfRange(transport, 8, transport.length));
        assertThat(decoder.stats().fragmentOverlaps()).isEqualTo(1);
    }

    @Test
    void ipv6OverlapDiscardsTheWholeDatagramIncludingLaterFragments() {
        byte[] transport = udp(5060, 5060, sipOfSize(40));
        byte[] first = Arrays.copyOfRange(transport, 0, 24);
        byte[] overlapping = Arrays.copyOfRange(transport, 16, 32);
        byte[] last = Arrays.copyOfRange(transport, 32, transport.length);
        feed(List.of(
                ipv6("2001:db8::1", "2001:db8::2", 44, ipv6FragmentHeader(UDP, 0, true, 99, first)),
                ipv6("2001:db8::1", "2001:db8::2", 44, ipv6FragmentHeader(UDP, 16, true, 99, overlapping)),
                ipv6("2001:db8::1", "2001:db8::2", 44, ipv6FragmentHeader(UDP, 24, true, 99,
                        Arrays.copyOfRange(transport, 24, 32))),
                ipv6("2001:db8::1", "2001:db8::2", 44, ipv6FragmentHeader(UDP, 32, false, 99, last))));
        assertThat(sink.datagrams).isEmpty();
        assertThat(decoder.stats().fragmentOverlaps()).isEqualTo(1);
        assertThat(decoder.stats().datagramsDiscardedForOverlap()).isEqualTo(1);
        assertThat(decoder.fragmentBufferedBytes()).isZero();
        // After the timeout the tombstone goes and the identification can be used again.
        decoder.decode(frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 59, new byte[0]), T0 + 31 * SECOND));
        assertThat(decoder.pendingFragmentedDatagrams()).isZero();
        assertThat(decoder.stats().datagramsExpired()).isZero();
    }

    @Test
    void ipv6FragmentsWithPerFragmentHeadersAndAnExtensionAfterTheFragmentHeader() {
        byte[] sip = sipOfSize(2500);
        byte[] fragmentable = Bytes.concat(ipv6Extension(UDP, new byte[6]), udp(5060, 5062, sip));
        byte[] hopByHop = ipv6Extension(44, new byte[6]);
        List<byte[]> f = v6Fragments(0, 60, hopByHop, 0x01020304L, fragmentable, 1232);
        Collections.reverse(f);
        feed(f);
        assertDeliveredOnce(sip);
        assertThat(sink.only().ipVersion()).isEqualTo(6);
        assertThat(sink.only().src()).isEqualTo("2001:db8::1");
    }

    @Test
    void ipv6AtomicFragmentIsDecodedWithoutReassembly() {
        byte[] sip = sipOfSize(100);
        decoder.decode(frame(LinkType.RAW, ipv6("2001:db8::1", "2001:db8::2", 44,
                ipv6FragmentHeader(UDP, 0, false, 5, udp(1, 2, sip)))));
        RecordingSink.Datagram d = sink.only();
        assertThat(d.payload()).isEqualTo(sip);
        assertThat(d.has(Packet.FLAG_REASSEMBLED)).isFalse();
        assertThat(decoder.stats().fragmentsSeen()).isZero();
    }

    @Test
    void aSecondFragmentHeaderInsideAReassembledDatagramIsMalformed() {
        byte[] inner = ipv6FragmentHeader(UDP, 8, false, 1, new byte[16]);
        byte[] fragmentable = Bytes.concat(inner, new byte[16]);
        feed(v6Fragments(44, 44, new byte[0], 77, fragmentable, 16));
        assertThat(sink.datagrams).isEmpty();
        assertThat(sink.malformed).containsExactly(Malformed.IPV6_EXTENSION);
    }

    @Test
    void neverFinishedDatagramsAreCountedAtFinish() {
        List<byte[]> f = v4Fragments(UDP, 7, udp(5060, 5060, sipOfSize(3000)), 1480);
        feed(f.subList(0, 2));
        List<byte[]> g = v4Fragments(UDP, 8, udp(5060, 5060, sipOfSize(3000)), 1480);
        feed(g.subList(1, 3));
        assertThat(decoder.pendingFragmentedDatagrams()).isEqualTo(2);
        assertThat(decoder.fragmentBufferedBytes()).isPositive();
        decoder.finish();
        assertThat(sink.datagrams).isEmpty();
        assertThat(decoder.stats().datagramsUnfinishedAtEnd()).isEqualTo(2);
        assertThat(decoder.pendingFragmentedDatagrams()).isZero();
        assertThat(decoder.fragmentBufferedBytes()).isZero();
    }

    @Test
    void incompleteDatagramsExpireInCaptureTimeAsFramesArrive() {
        List<byte[]> f = v4Fragments(UDP, 7, udp(5060, 5060, sipOfSize(3000)), 1480);
        decoder.decode(frame(LinkType.RAW, f.get(0), T0));
        decoder.decode(frame(LinkType.RAW, f.get(1), T0 + 29 * SECOND));
        assertThat(decoder.stats().datagramsExpired()).isZero();
        decoder.decode(frame(LinkType.RAW, f.get(2), T0 + 31 * SECOND));
        assertThat(decoder.stats().datagramsExpired()).isEqualTo(1);
        assertThat(sink.datagrams).isEmpty();
        assertThat(decoder.pendingFragmentedDatagrams()).isEqualTo(1);
    }

    @Test
    void configuredTimeoutIsHonoured() {
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withFragmentLimits(4096, 1 << 20, 2 * SECOND), sink);
        List<byte[]> f = v4Fragments(UDP, 7, udp(5060, 5060, sipOfSize(3000)), 1480);
        decoder.decode(frame(LinkType.RAW, f.get(0), T0));
        decoder.decode(frame(LinkType.RAW, f.get(1), T0 + SECOND));
        decoder.decode(frame(LinkType.RAW, f.get(2), T0 + 1999 * SECOND / 1000));
        assertDeliveredOnce(sipOfSize(3000));
    }

    @Test
    void bufferBytesBoundEvictsTheOldestDatagrams() {
        long bound = 8 * 1024;
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withFragmentLimits(4096, bound, 30 * SECOND), sink);
        for (int id = 0; id < 10; id++) {
            List<byte[]> f = v4Fragments(UDP, id, udp(5060, 5060, sipOfSize(3000)), 1480);
            decoder.decode(frame(LinkType.RAW, f.get(0)));
            assertThat(decoder.fragmentBufferedBytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(decoder.stats().datagramsEvicted()).isEqualTo(6);
        assertThat(decoder.pendingFragmentedDatagrams()).isEqualTo(4);
    }

    @Test
    void aDatagramLargerThanTheWholeBufferBoundIsDropped() {
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withFragmentLimits(4096, 4096, 30 * SECOND), sink);
        feed(v4Fragments(UDP, 3, udp(5060, 5060, sipOfSize(9000)), 1480));
        assertThat(sink.datagrams).isEmpty();
        assertThat(decoder.stats().datagramsEvicted()).isPositive();
        assertThat(decoder.fragmentBufferedBytes()).isLessThanOrEqualTo(4096);
    }

    @Test
    void datagramCountBoundEvictsTheOldest() {
        decoder = new PacketDecoder(DecoderConfig.DEFAULTS.withFragmentLimits(2, 1 << 20, 30 * SECOND), sink);
        List<List<byte[]>> all = new ArrayList<>();
        for (int id = 0; id < 3; id++) {
            all.add(v4Fragments(UDP, id, udp(5060, 5060, sipOfSize(2000)), 1480));
            decoder.decode(frame(LinkType.RAW, all.get(id).get(0)));
        }
        assertThat(decoder.stats().datagramsEvicted()).isEqualTo(1);
        decoder.decode(frame(LinkType.RAW, all.get(0).get(1)));
        decoder.decode(frame(LinkType.RAW, all.get(2).get(1)));
        assertThat(sink.datagrams).hasSize(1);
    }

    @Test
    void largestPossibleDatagramIsReassembledAndOneByteMoreIsMalformed() {
        byte[] sip = sipOfSize(65535 - 20 - 8);
        feed(v4Fragments(UDP, 1, udp(5060, 5060, sip), 1480));
        assertDeliveredOnce(sip);

        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 2, 65512, false, new byte[4])));
        assertThat(sink.malformed).containsExactly(Malformed.IP_FRAGMENT);
    }

    @Test
    void nonFinalFragmentNotAMultipleOfEightIsMalformed() {
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 2, 0, true, new byte[13])));
        assertThat(sink.malformed).containsExactly(Malformed.IP_FRAGMENT);
        assertThat(decoder.pendingFragmentedDatagrams()).isZero();
    }

    @Test
    void lastFragmentsThatDisagreeOnTheEndAreMalformed() {
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 2, 16, false, new byte[8])));
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 2, 16, false, new byte[16])));
        decoder.decode(frame(LinkType.RAW, ipv4Fragment("10.0.0.1", "10.0.0.2", UDP, 2, 24, true, new byte[8])));
        assertThat(sink.malformed).containsExactly(Malformed.IP_FRAGMENT, Malformed.IP_FRAGMENT);
    }

    @Test
    void ipv4KeyIncludesTheProtocol() {
        byte[] sip = sipOfSize(100);
        List<byte[]> udpFragments = v4Fragments(UDP, 4, udp(5060, 5060, sip), 64);
        List<byte[]> otherFragments = v4Fragments(253, 4, new byte[108], 64);
        feed(List.of(udpFragments.get(0), otherFragments.get(1), udpFragments.get(1), otherFragments.get(0)));
        assertThat(sink.only().payload()).isEqualTo(sip);
        assertThat(decoder.stats().otherIpProtocolPackets(253)).isEqualTo(1);
    }

    @Test
    void snaplenCutFragmentIsNotReassembled() {
        List<byte[]> f = v4Fragments(UDP, 7, udp(5060, 5060, sipOfSize(3000)), 1480);
        decoder.decode(snapped(LinkType.RAW, f.get(0), 200));
        assertThat(decoder.pendingFragmentedDatagrams()).isZero();
        assertThat(decoder.stats().truncatedBySnaplen()).isEqualTo(1);
    }

    @Test
    void reassembledDatagramCarryingAGreTunnelIsDecodedOnward() {
        byte[] sip = sipOfSize(1800);
        byte[] inner = ipv4("192.168.0.1", "192.168.0.2", UDP, udp(5060, 5070, sip));
        byte[] greBytes = gre(0, ETH_IPV4, new byte[0], inner);
        List<byte[]> f = v4Fragments(GRE, 11, greBytes, 1200);
        for (byte[] p : f) {
            decoder.decode(frame(LinkType.ETHERNET, ethernet(ETH_IPV4, p)));
        }
        RecordingSink.Datagram d = sink.only();
        assertThat(d.payload()).isEqualTo(sip);
        assertThat(d.src()).isEqualTo("192.168.0.1");
        assertThat(d.has(Packet.FLAG_REASSEMBLED)).isTrue();
        assertThat(d.has(Packet.FLAG_TUNNELED)).isTrue();
    }

    @Test
    void fragmentsInsideATunnelAreReassembledToo() {
        byte[] sip = sipOfSize(2000);
        for (byte[] innerFragment : v4Fragments(UDP, 21, udp(5060, 5060, sip), 1480)) {
            byte[] outer = ipv4("172.16.0.1", "172.16.0.2", 4, innerFragment);
            decoder.decode(frame(LinkType.RAW, outer));
        }
        RecordingSink.Datagram d = sink.only();
        assertThat(d.payload()).isEqualTo(sip);
        assertThat(d.has(Packet.FLAG_TUNNELED)).isTrue();
        assertThat(d.has(Packet.FLAG_REASSEMBLED)).isTrue();
        assertThat(d.src()).isEqualTo("10.0.0.1");
    }

    @Test
    void reassemblerMatchesAModelUnderRandomFragmentationDuplicatesAndOrder() {
        Random random = new Random(20240611L);
        for (int round = 0; round < 300; round++) {
            DecoderStats stats = new DecoderStats();
            FragmentReassembler r = new FragmentReassembler(16, 1 << 20, 30 * SECOND, stats);
            int length = 1 + random.nextInt(5000);
            byte[] payload = new byte[length];
            random.nextBytes(payload);
            List<int[]> pieces = new ArrayList<>();
            for (int off = 0; off < length; ) {
                int size = Math.min(length - off, 8 * (1 + random.nextInt(40)));
                pieces.add(new int[] {off, size});
                // Sometimes resend a window shifted by a few 8-byte blocks (same bytes: a refragmentation).
                if (random.nextInt(4) == 0 && off + size < length) {
                    int shifted = off + 8 * random.nextInt(Math.max(1, size / 8));
                    pieces.add(new int[] {shifted, Math.min(length - shifted, size)});
                }
                off += size;
            }
            Collections.shuffle(pieces, random);
            boolean v6 = random.nextBoolean();
            byte[] result = null;
            int completions = 0;
            for (int[] piece : pieces) {
                int off = piece[0];
                int len = piece[1];
                boolean more = off + len < length;
                if (more && len % 8 != 0) {
                    len -= len % 8;
                    if (len == 0) {
                        continue;
                    }
                }
                FragmentReassembler.Outcome o = r.offer(v6 ? 6 : 4, 0, 1, 0, 2, 77, UDP, off, more, 65535, payload,
                        off, len, T0);
                if (o == FragmentReassembler.Outcome.COMPLETED) {
                    FragmentReassembler.Datagram d = r.completed();
                    result = Arrays.copyOf(d.data(), d.length());
                    r.release(d);
                    completions++;
                }
            }
            if (v6 && stats.fragmentOverlaps() > 0) {
                assertThat(stats.datagramsDiscardedForOverlap()).isEqualTo(1);
            } else {
                assertThat(completions).as("round %d", round).isGreaterThanOrEqualTo(1);
                assertThat(result).as("round %d", round).isEqualTo(payload);
            }
        }
    }
}
