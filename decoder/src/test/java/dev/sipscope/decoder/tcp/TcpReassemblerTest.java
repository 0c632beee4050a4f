package dev.sipscope.decoder.tcp;

import dev.sipscope.decoder.IpAddress;
import dev.sipscope.decoder.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.sipscope.decoder.tcp.TcpReassembler.ACK;
import static dev.sipscope.decoder.tcp.TcpReassembler.FIN;
import static dev.sipscope.decoder.tcp.TcpReassembler.PSH;
import static dev.sipscope.decoder.tcp.TcpReassembler.RST;
import static dev.sipscope.decoder.tcp.TcpReassembler.SYN;
import static org.assertj.core.api.Assertions.assertThat;

class TcpReassemblerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP a;branch=z9hG4bK1\r\n"
            + "Content-Length: 0\r\n\r\n";

    private final RecordingSink sink = new RecordingSink();

    private static List<String> chunks(String s, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i += size) {
            out.add(s.substring(i, Math.min(s.length(), i + size)));
        }
        return out;
    }

    @Test
    void aSegmentBeyondAHoleIsAnnouncedWithItsDistanceAndLengthBeforeItsBytesArrive() {
        TcpReassembler r = new TcpReassembler();
        List<long[]> buffered = new ArrayList<>();
        List<Packet> buffering = new ArrayList<>();
        dev.sipscope.decoder.PacketSink announcing = new dev.sipscope.decoder.PacketSink() {
            @Override
            public void onTcpData(TcpStream stream, Packet packet) {
                sink.onTcpData(stream, packet);
            }

            @Override
            public void onTcpBuffered(TcpStream stream, boolean fromClient, Packet packet, long aheadBytes, int length) {
                buffered.add(new long[] {fromClient ? 1 : 0, aheadBytes, length});
                buffering.add(packet);
            }
        };
        TestConnection c = TestConnection.v4(r, announcing);
        c.handshake(1000, 5000);
        Packet third = c.client(1021, INVITE.substring(20, 30));
        Packet second = c.client(1011, INVITE.substring(10, 20));
        c.client(1011, INVITE.substring(10, 20));
        assertThat(buffered).hasSize(2);
        assertThat(buffered.get(0)).containsExactly(1, 20, 10);
        assertThat(buffered.get(1)).containsExactly(1, 10, 10);
        assertThat(buffering).containsExactly(third, second);
        c.client(1001, INVITE.substring(0, 10));
        assertThat(sink.clientText(0)).isEqualTo(INVITE.substring(0, 30));
        assertThat(buffered).as("in-order data and duplicates are not announced").hasSize(2);
    }

    @Test
    void inOrderSegmentsAreDeliveredFromTheCallersArrayWithoutCopy() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(1000, 5000);
        long seq = 1001;
        List<Packet> sent = new ArrayList<>();
        for (String part : chunks(INVITE, 17)) {
            sent.add(c.client(seq, part));
            seq += part.length();
        }

        assertThat(sink.clientText(0)).isEqualTo(INVITE);
        assertThat(sink.deliveredArrays).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sink.deliveredArrays.get(i)).isSameAs(sent.get(i).data);
            // The caller's view is restored after the callback.
            assertThat(sent.get(i).payloadOffset).isEqualTo(TestConnection.HEADER_BYTES);
            assertThat(sent.get(i).ipOffset).isEqualTo(14);
        }
        assertThat(r.bytesDelivered()).isEqualTo(INVITE.length());
        assertThat(r.outOfOrderSegments()).isZero();
        assertThat(r.retransmissions()).isZero();
        assertThat(r.currentBufferedBytes()).isZero();
        assertThat(r.streams()).isEqualTo(1);
        assertThat(r.openStreams()).isEqualTo(1);
        assertThat(sink.streams.get(0L).clientPort).isEqualTo(40000);
    }

    @Test
    void reversedSegmentsAreDeliveredWhenTheFirstArrives() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(1000, 5000);
        List<String> parts = chunks(INVITE, 10);
        for (int i = parts.size() - 1; i >= 1; i--) {
            c.client(1001 + 10L * i, parts.get(i));
        }
        assertThat(r.pendingBytes()).isEqualTo(INVITE.length() - 10);
        assertThat(r.currentBufferedBytes()).isPositive();

        c.client(1001, parts.get(0));

        assertThat(sink.clientText(0)).isEqualTo(INVITE);
        assertThat(r.outOfOrderSegments()).isEqualTo(parts.size() - 1);
        assertThat(r.pendingBytes()).isZero();
        assertThat(r.currentBufferedBytes()).as("buffer released once empty").isZero();
        assertThat(r.gaps()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void randomPermutationsAlwaysReproduceTheByteStream(long seed) {
        Random random = new Random(seed);
        byte[] stream = new byte[20_000];
        random.nextBytes(stream);
        List<int[]> segments = new ArrayList<>();
        for (int off = 0; off < stream.length; ) {
            int len = Math.min(stream.length - off, 1 + random.nextInt(1460));
            segments.add(new int[] {off, len});
            off += len;
        }
        Collections.shuffle(segments, random);
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        long isn = random.nextInt() & 0xffff_ffffL;
        c.handshake(isn, 77);
        for (int[] s : segments) {
            c.send(true, isn + 1 + s[0], ACK, stream, s[0], s[1]);
        }
        assertThat(sink.flow(0, true).bytes.toByteArray()).isEqualTo(stream);
        assertThat(r.gaps()).isZero();
        assertThat(r.pendingBytes()).isZero();
        assertThat(r.currentBufferedBytes()).isZero();
        assertThat(r.peakBufferedBytes()).isLessThanOrEqualTo(r.config().maxBufferedBytes());
    }

    @Test
    void duplicateSegmentsAreRetransmissionsAndAreNotDeliveredTwice() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(1000, 5000);
        c.client(1001, "REGISTER ");
        c.client(1001, "REGISTER ");
        c.client(1010, "sip:x SIP/2.0\r\n");
        c.client(1001, "REGISTER ");
        // Out-of-order segment buffered twice: the second copy brings nothing.
        c.client(1040, "tail");
        c.client(1040, "tail");
        c.client(1025, "more-bytes-here");

        assertThat(sink.clientText(0)).isEqualTo("REGISTER sip:x SIP/2.0\r\nmore-bytes-heretail");
        assertThat(r.retransmissions()).isEqualTo(3);
        assertThat(r.outOfOrderSegments()).isEqualTo(1);
        assertThat(r.overlapsConflicting()).isZero();
    }

    @Test
    void keepAliveOneByteBeforeTheNextSequenceIsARetransmission() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(1000, 5000);
        c.client(1001, "OPTIONS");
        c.client(1007, "\0");
        c.client(1008, " sip:a");
        assertThat(sink.clientText(0)).isEqualTo("OPTIONS sip:a");
        assertThat(r.retransmissions()).isEqualTo(1);
    }

    @Test
    void partialOverlapsDeliverOnlyTheNewBytes() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "abcdef");
        Packet overlapping = c.client(4, "defghij");
        assertThat(sink.clientText(0)).isEqualTo("abcdefghij");
        // Delivered straight from the overlapping segment, its prefix trimmed.
        assertThat(sink.deliveredArrays.get(1)).isSameAs(overlapping.data);

        // Out-of-order overlaps among themselves and with the in-order segment that fills the hole.
        c.client(15, "opqr");
        c.client(13, "mnopqrst");
        c.client(11, "klmn");
        assertThat(sink.clientText(0)).isEqualTo("abcdefghijklmnopqrst");
        assertThat(r.overlapsConflicting()).isZero();
        assertThat(r.gaps()).isZero();
        assertThat(r.pendingBytes()).isZero();
    }

    @Test
    void conflictingOverlapKeepsTheBytesReceivedFirstAndIsCounted() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "0123456789");
        c.client(21, "AAAAAAAAAA");     // [21,31)
        c.client(26, "BBBBBBBBBB");     // [26,36): overlaps with different bytes
        assertThat(r.overlapsConflicting()).isEqualTo(1);
        c.client(11, "xxxxxxxxxxCCCC"); // [11,25): fills the hole, overlaps [21,25) with different bytes
        assertThat(r.overlapsConflicting()).isEqualTo(2);
        assertThat(sink.clientText(0)).isEqualTo("0123456789" + "xxxxxxxxxx" + "AAAAAAAAAA" + "BBBBB");
        c.client(36, "AAAAA");          // matching copy of nothing buffered: just in order
        assertThat(r.overlapsConflicting()).isEqualTo(2);
    }

    @Test
    void sequenceNumbersWrapAround2To32() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        long isn = 0xffff_fff0L;
        c.handshake(isn, 0xffff_ffffL);
        String data = "0123456789abcdefghijklmnopqrstuvwxyz";
        List<String> parts = chunks(data, 6);
        // Send in a scrambled order so that buffered segments sit on both sides of the wrap.
        int[] order = {2, 0, 5, 3, 1, 4};
        for (int i : order) {
            c.client(isn + 1 + 6L * i, parts.get(i));
        }
        c.server(0, "reply-after-wrap");
        assertThat(sink.clientText(0)).isEqualTo(data);
        assertThat(sink.serverText(0)).isEqualTo("reply-after-wrap");
        // A stale copy from before the wrap is a retransmission.
        c.client(isn + 1, "012345");
        assertThat(r.retransmissions()).isEqualTo(1);
        assertThat(r.gaps()).isZero();
    }

    @Test
    void bothDirectionsInterleavedStayApart() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(100, 900);
        c.client(101, "INVITE ");
        c.server(908, "Trying");
        c.client(108, "sip:b SIP/2.0");
        c.server(901, "SIP/2.0");
        c.server(914, " 100 ok");
        assertThat(sink.clientText(0)).isEqualTo("INVITE sip:b SIP/2.0");
        assertThat(sink.serverText(0)).isEqualTo("SIP/2.0Trying 100 ok");
        assertThat(r.streams()).isEqualTo(1);
    }

    @Test
    void lostSegmentGivesExactlyOneGapOfItsSizeAtFinThenDataContinues() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "first ");
        // "lost!" [7,12) never arrives
        c.client(12, " third");
        c.client(18, " fourth");
        c.clientFin(25);
        assertThat(sink.flow(0, true).gaps).isEmpty();
        c.serverFin(1);

        assertThat(sink.clientText(0)).isEqualTo("first ##### third fourth");
        assertThat(sink.flow(0, true).gaps).containsExactly(5L);
        assertThat(r.gaps()).isEqualTo(1);
        assertThat(r.gapBytes()).isEqualTo(5);
        assertThat(sink.events).containsSubsequence("gap 0 c 5", "data 0 c 13", "close 0");
        assertThat(sink.closes).containsEntry(0L, 1);
        assertThat(r.openStreams()).isZero();
        assertThat(r.currentBufferedBytes()).isZero();
    }

    @Test
    void holeOlderThanTheHoleTimeoutIsGivenUpOnTheNextSegment() {
        TcpReassembler r = new TcpReassembler(TcpConfig.DEFAULTS.withHoleTimeoutNanos(2 * SECOND));
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "aaaa");
        c.client(9, "cccc");            // [5,9) lost
        c.nowNanos += SECOND;
        c.client(13, "dddd");
        assertThat(r.gaps()).isZero();
        c.nowNanos += 2 * SECOND;       // 3 s after the hole opened
        c.server(1, "pong");            // any segment moves capture time on
        assertThat(sink.clientText(0)).isEqualTo("aaaa####ccccdddd");
        assertThat(r.holeTimeouts()).isEqualTo(1);
        assertThat(r.gaps()).isEqualTo(1);
        c.client(17, "eeee");
        assertThat(sink.clientText(0)).isEqualTo("aaaa####ccccdddd" + "eeee");
        assertThat(r.openStreams()).isEqualTo(1);
    }

    @Test
    void segmentBeyondThePerDirectionBoundForcesTheGap() {
        TcpConfig config = TcpConfig.DEFAULTS.withMaxOutOfOrderBytesPerDirection(64);
        TcpReassembler r = new TcpReassembler(config);
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "x".repeat(10));
        String later = "y".repeat(20);
        c.client(21, later);            // [11,21) lost; [21,41) buffered, ends 30 bytes past next
        c.client(41, "z".repeat(20));   // ends 50 past next: still within 64
        assertThat(r.gaps()).isZero();
        c.client(61, "w".repeat(20));   // would end 70 past next: give the hole up
        assertThat(sink.flow(0, true).gaps).containsExactly(10L);
        assertThat(sink.clientText(0)).isEqualTo("x".repeat(10) + "#".repeat(10) + later + "z".repeat(20)
                + "w".repeat(20));
        assertThat(r.boundGaps()).isEqualTo(1);
        assertThat(r.peakDirectionBufferedBytes()).isLessThanOrEqualTo(64);
        assertThat(r.currentBufferedBytes()).isZero();
    }

    @Test
    void farSegmentWithNothingBufferedJumpsTheHoleAndIsDeliveredFromThePacket() {
        TcpReassembler r = new TcpReassembler(TcpConfig.DEFAULTS.withMaxOutOfOrderBytesPerDirection(100));
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "head");
        Packet far = c.client(1005, "far-away");
        assertThat(sink.flow(0, true).gaps).containsExactly(1000L);
        assertThat(sink.deliveredArrays.get(1)).isSameAs(far.data);
        assertThat(r.peakBufferedBytes()).isZero();
    }

    @Test
    void bogusJumpIsUndoneWhenTheRealStreamKeepsComingFromBehind() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "REGISTER 1\r\n");
        c.client(5_000_001, "garbage");          // far beyond the bound: jumps there
        c.client(13, "REGISTER 2\r\n");          // the real stream, now far behind
        c.client(25, "REGISTER 3\r\n");
        assertThat(r.resyncs()).isZero();
        assertThat(r.retransmissions()).isEqualTo(2);
        c.client(37, "REGISTER 4\r\n");          // third in a row, contiguous: resynchronise
        c.client(49, "REGISTER 5\r\n");
        assertThat(r.resyncs()).isEqualTo(1);
        assertThat(sink.flow(0, true).gaps).containsExactly(4_999_988L, -1L);
        assertThat(sink.clientText(0)).startsWith("REGISTER 1\r\n#").endsWith("#garbageREGISTER 4\r\nREGISTER 5\r\n");
        assertThat(r.gapBytes()).isEqualTo(4_999_988L);
    }

    @Test
    void farBehindSegmentsThatDoNotFollowEachOtherAreOnlyRetransmissions() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "a");
        c.client(3_000_002, "b");
        c.client(1, "old1");
        c.client(100, "old2");
        c.client(1, "old1");
        c.client(3_000_003, "c");
        c.client(5, "x");
        c.client(6, "y");
        assertThat(r.resyncs()).isZero();
        assertThat(r.retransmissions()).isEqualTo(5);
        assertThat(sink.flow(0, true).gaps).containsExactly(3_000_000L);
    }

    @Test
    void resynchronisationDiscardsWhatWasBufferedInTheBogusPlace() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "ok");
        c.client(2_000_003, "bogus");
        c.client(2_000_100, "buffered-bogus");    // beyond a new hole: buffered
        assertThat(r.pendingBytes()).isEqualTo(14);
        c.client(3, "aa");
        c.client(5, "bb");
        c.client(7, "cc");
        assertThat(r.resyncs()).isEqualTo(1);
        assertThat(r.pendingBytes()).isZero();
        assertThat(r.currentBufferedBytes()).isZero();
        c.client(9, "dd");
        r.finish(sink);
        assertThat(sink.clientText(0)).endsWith("bogusccdd");
        assertThat(sink.flow(0, true).gaps).containsExactly(2_000_000L, -1L);
    }

    @Test
    void missingTailBeforeFinIsReportedAsAGap() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "BYE sip:x SIP/2.0\r\n");
        c.send(true, 40, FIN | ACK, "");      // bytes [20,40) never seen
        c.server(1, "SIP/2.0 200 OK\r\n");
        c.serverFin(17);
        assertThat(sink.flow(0, true).gaps).containsExactly(20L);
        assertThat(sink.flow(0, false).gaps).isEmpty();
        assertThat(sink.closes).containsEntry(0L, 1);
    }

    @Test
    void finishDeliversBufferedDataAfterGapsAndClosesEveryStreamInOrder() {
        TcpReassembler r = new TcpReassembler();
        TestConnection a = TestConnection.v4(r, sink);
        TestConnection b = new TestConnection(r, sink, 0x0a000003, 40001, 0x0a000002, 5060);
        b.client(500, "mid-stream");
        a.handshake(0, 0);
        a.client(1, "one");
        a.client(10, "three");            // [4,10) lost
        b.client(512, "gap-of-two");      // [510,512) lost
        r.finish(sink);
        assertThat(sink.clientText(0)).isEqualTo("mid-stream##gap-of-two");
        assertThat(sink.clientText(1)).isEqualTo("one######three");
        assertThat(sink.events.stream().filter(e -> e.startsWith("close")))
                .containsExactly("close 0", "close 1");
        assertThat(r.openStreams()).isZero();
        assertThat(r.currentBufferedBytes()).isZero();
        assertThat(r.pendingBytes()).isZero();
        assertThat(r.gaps()).isEqualTo(2);
        assertThat(r.gapBytes()).isEqualTo(8);
    }

    @Test
    void globalBufferBoundMakesTheOldestHolesGiveWay() {
        TcpConfig config = TcpConfig.DEFAULTS.withMaxOutOfOrderBytesPerDirection(8192).withMaxBufferedBytes(8192);
        TcpReassembler r = new TcpReassembler(config);
        TestConnection first = TestConnection.v4(r, sink);
        TestConnection second = new TestConnection(r, sink, 0x0a000005, 40005, 0x0a000002, 5060);
        first.handshake(0, 0);
        second.handshake(0, 0);
        first.client(101, "A".repeat(100));          // hole [1,101): 4 KiB buffer
        first.nowNanos += SECOND;
        second.nowNanos += SECOND;
        second.client(101, "B".repeat(100));         // second hole: the other 4 KiB
        assertThat(r.currentBufferedBytes()).isEqualTo(8192);
        assertThat(r.gaps()).isZero();
        second.client(6001, "C".repeat(100));        // second must grow to 8 KiB: first gives its hole up
        assertThat(sink.flow(0, true).gaps).containsExactly(100L);
        assertThat(sink.clientText(0)).isEqualTo("#".repeat(100) + "A".repeat(100));
        assertThat(sink.flow(1, true).gaps).isEmpty();
        assertThat(r.memoryFlushes()).isEqualTo(1);
        assertThat(r.currentBufferedBytes()).isEqualTo(8192);
        assertThat(r.peakBufferedBytes()).isLessThanOrEqualTo(8192);
        second.client(1, "b".repeat(100));
        assertThat(sink.clientText(1)).isEqualTo("b".repeat(100) + "B".repeat(100));
        assertThat(r.currentBufferedBytes()).as("hole at [201,6001) still buffered").isEqualTo(8192);
    }

    @Test
    void leastRecentlyActiveConnectionIsEvictedAtMaxConnections() {
        TcpReassembler r = new TcpReassembler(TcpConfig.DEFAULTS.withMaxConnections(3));
        List<TestConnection> conns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            conns.add(new TestConnection(r, sink, 0x0a000010 + i, 41000 + i, 0x0a000002, 5060));
        }
        conns.get(0).client(1, "zero");
        conns.get(1).client(1, "one");
        conns.get(2).client(1, "two");
        conns.get(0).client(5, "-again");       // 0 is now more recent than 1
        conns.get(3).client(1, "three");        // evicts 1
        assertThat(r.evictions()).isEqualTo(1);
        assertThat(sink.closes).containsOnlyKeys(1L);
        assertThat(r.openStreams()).isEqualTo(3);
        conns.get(1).client(4, "-back");        // a new mid-stream connection; evicts 2
        assertThat(sink.streams.get(4L).clientPort).isEqualTo(41001);
        assertThat(sink.closes).containsOnlyKeys(1L, 2L);
        assertThat(r.streams()).isEqualTo(5);
    }

    @Test
    void idleConnectionsTimeOutIncrementallyOnLaterSegments() {
        TcpReassembler r = new TcpReassembler(TcpConfig.DEFAULTS.withIdleTimeoutNanos(60 * SECOND));
        List<TestConnection> conns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestConnection c = new TestConnection(r, sink, 0x0a000010 + i, 42000 + i, 0x0a000002, 5060);
            c.client(1, "hello");
            conns.add(c);
        }
        TestConnection busy = new TestConnection(r, sink, 0x0a0000ff, 43000, 0x0a000002, 5060);
        busy.nowNanos += 61 * SECOND;
        busy.client(1, "x");
        // At most two expiries per segment: the sweep never scans everything at once.
        assertThat(r.timeouts()).isEqualTo(2);
        busy.client(2, "y");
        busy.client(3, "z");
        assertThat(r.timeouts()).isEqualTo(5);
        assertThat(sink.closes).containsOnlyKeys(0L, 1L, 2L, 3L, 4L);
        assertThat(r.openStreams()).isEqualTo(1);
    }

    @Test
    void segmentOnATimedOutConnectionStartsANewOne() {
        TcpReassembler r = new TcpReassembler(TcpConfig.DEFAULTS.withIdleTimeoutNanos(60 * SECOND));
        TestConnection c = TestConnection.v4(r, sink);
        c.client(1, "before");
        c.nowNanos += 120 * SECOND;
        c.client(7, "after");
        assertThat(r.timeouts()).isEqualTo(1);
        assertThat(sink.closes).containsOnlyKeys(0L);
        assertThat(sink.clientText(1)).isEqualTo("after");
    }

    @Test
    void advanceTimeExpiresEverythingDueWithoutAPacket() {
        TcpReassembler r = new TcpReassembler(TcpConfig.DEFAULTS.withIdleTimeoutNanos(60 * SECOND));
        for (int i = 0; i < 5; i++) {
            new TestConnection(r, sink, 0x0a000010 + i, 42000 + i, 0x0a000002, 5060).client(1, "hi");
        }
        r.advanceTime(1_000_000_000L + 30 * SECOND, sink);
        assertThat(r.openStreams()).isEqualTo(5);
        r.advanceTime(1_000_000_000L + 61 * SECOND, sink);
        assertThat(r.openStreams()).isZero();
        assertThat(r.timeouts()).isEqualTo(5);
    }

    @Test
    void handshakeDataAndFinBothWaysCloseOnceAfterTheData() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(7000, 9000);
        c.client(7001, "REQ");
        c.server(9001, "RESP");
        c.send(true, 7004, FIN | ACK | PSH, "!");   // FIN carrying data
        assertThat(sink.closes).isEmpty();
        c.serverFin(9005);
        c.send(true, 7006, ACK, "");                 // last ACK: opens nothing
        c.serverFin(9005);                           // retransmitted FIN after close: opens nothing
        assertThat(sink.clientText(0)).isEqualTo("REQ!");
        assertThat(sink.serverText(0)).isEqualTo("RESP");
        assertThat(sink.closes).containsExactly(org.assertj.core.api.Assertions.entry(0L, 1));
        assertThat(sink.events.get(sink.events.size() - 1)).isEqualTo("close 0");
        assertThat(r.streams()).isEqualTo(1);
        assertThat(r.ignoredSegments()).isEqualTo(2);
    }

    @Test
    void resetClosesAtOnceAndGivesUpHoles() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.client(1, "ab");
        c.client(5, "ef");
        c.send(false, 1, RST, "");
        assertThat(sink.clientText(0)).isEqualTo("ab##ef");
        assertThat(sink.closes).containsEntry(0L, 1);
        c.send(false, 1, RST | ACK, "");             // stray RST: ignored
        assertThat(r.streams()).isEqualTo(1);
        assertThat(r.openStreams()).isZero();
    }

    @Test
    void newSynOnAClosedTupleStartsANewConnection() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(100, 200);
        c.client(101, "first");
        c.clientFin(106);
        c.serverFin(201);
        c.handshake(5000, 6000);
        c.client(5001, "second");
        assertThat(r.streams()).isEqualTo(2);
        assertThat(sink.clientText(0)).isEqualTo("first");
        assertThat(sink.clientText(1)).isEqualTo("second");
        assertThat(sink.streams.get(1L).index).isEqualTo(1);
    }

    @Test
    void retransmittedSynIsNotANewConnectionButAFreshIsnOnAUsedTupleIs() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.send(true, 100, SYN, "");
        c.send(true, 100, SYN, "");
        c.send(false, 200, SYN | ACK, "");
        c.send(false, 200, SYN | ACK, "");
        assertThat(r.streams()).isEqualTo(1);
        c.client(101, "data");
        c.send(true, 99_999, SYN, "");               // port reuse without a FIN seen
        assertThat(r.streams()).isEqualTo(2);
        assertThat(sink.closes).containsOnlyKeys(0L);
        c.client(100_000, "new");
        assertThat(sink.clientText(1)).isEqualTo("new");
    }

    @Test
    void synAckSeenFirstMakesItsReceiverTheClient() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.send(false, 200, SYN | ACK, "");
        c.send(true, 100, SYN, "");                  // the SYN, reordered after its answer
        c.client(101, "hello");
        c.server(201, "world");
        TcpStream s = sink.streams.get(0L);
        assertThat(s.clientPort).isEqualTo(40000);
        assertThat(s.serverPort).isEqualTo(5060);
        assertThat(r.streams()).isEqualTo(1);
        assertThat(sink.clientText(0)).isEqualTo("hello");
        assertThat(sink.serverText(0)).isEqualTo("world");
    }

    @Test
    void midStreamStartMakesTheFirstSpeakerTheClientAndStartsEachDirectionAtItsFirstSequence() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.send(false, 777, ACK, "");                 // a bare ACK opens nothing
        c.server(5_000_000, "SIP/2.0 200 OK\r\n");   // the server speaks first here
        c.client(123_456, "ACK sip:x SIP/2.0\r\n");
        c.server(5_000_016, "more");
        TcpStream s = sink.streams.get(0L);
        assertThat(s.clientPort).as("first seen side").isEqualTo(5060);
        assertThat(sink.flow(0, true).text()).isEqualTo("SIP/2.0 200 OK\r\nmore");
        assertThat(sink.flow(0, false).text()).isEqualTo("ACK sip:x SIP/2.0\r\n");
        assertThat(r.ignoredSegments()).isEqualTo(1);
    }

    @Test
    void dataAfterCloseWithoutSynIsANewMidStreamConnection() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.client(1, "abc");
        c.send(false, 1, RST, "");
        c.client(4, "def");
        assertThat(r.streams()).isEqualTo(2);
        assertThat(sink.clientText(1)).isEqualTo("def");
    }

    @Test
    void dataBeyondAFinIsIgnored() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.send(true, 1, FIN | ACK, "done");
        c.client(5, "junk");
        assertThat(sink.clientText(0)).isEqualTo("done");
        assertThat(r.ignoredSegments()).isEqualTo(1);
    }

    @Test
    void ipv6AndIpv4ConnectionsWithTheSameLowBitsStayApart() {
        TcpReassembler r = new TcpReassembler();
        long v6Hi = 0x2001_0db8_0000_0000L;
        TestConnection v4 = TestConnection.v4(r, sink);
        TestConnection v6 = new TestConnection(r, sink, 6, v6Hi, v4.clientLo, 40000, v6Hi, v4.serverLo, 5060);
        TestConnection v6mapped = new TestConnection(r, sink, 6, 0, v4.clientLo, 40000, 0, v4.serverLo, 5060);
        v4.client(1, "four");
        v6.client(1, "six");
        v6mapped.client(1, "mapped");
        assertThat(r.streams()).isEqualTo(3);
        assertThat(sink.clientText(0)).isEqualTo("four");
        assertThat(sink.clientText(1)).isEqualTo("six");
        assertThat(sink.clientText(2)).isEqualTo("mapped");
        assertThat(sink.streams.get(1L).toString()).contains("[2001:db8::ffff:a00:1]:40000");
    }

    @Test
    void bufferedBytesAreDeliveredWithTheTimeOfTheSegmentThatFreedThem() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        c.handshake(0, 0);
        c.nowNanos = 5 * SECOND;
        c.client(4, "def");
        c.nowNanos = 7 * SECOND;
        c.client(1, "abc");
        assertThat(sink.deliveredTimestamps).containsExactly(7 * SECOND, 7 * SECOND);
        assertThat(sink.clientText(0)).isEqualTo("abcdef");
    }

    @Test
    void inconsistentPayloadViewIsClampedToTheArray() {
        TcpReassembler r = new TcpReassembler();
        TestConnection c = TestConnection.v4(r, sink);
        Packet p = c.packet(true, "abcdef".getBytes(StandardCharsets.ISO_8859_1), 0, 6);
        p.payloadLength = 1_000_000;
        r.segment(p, 1, 0, ACK, sink);
        Packet q = c.packet(true, new byte[0], 0, 0);
        q.payloadOffset = -5;
        q.payloadLength = 10;
        r.segment(q, 99, 0, ACK, sink);
        assertThat(sink.clientText(0)).startsWith("abcdef");
        assertThat(r.streams()).isEqualTo(1);
        assertThat(IpAddress.format(sink.streams.get(0L).clientHi, sink.streams.get(0L).clientLo))
                .isEqualTo("10.0.0.1");
    }
}
