package dev.sipscope.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator for live capture: SIP calls with G.711-like RTP over UDP on one host address
 * (loopback by default), at a fixed total rate of datagrams per second, for a fixed time.
 *
 * <p>Traffic: {@code --calls C} call slots, each with two RTP legs on their own UDP sockets
 * (ports {@code --rtp-base}, +1, ... : leg A of slot i is port base+2i, leg B base+2i+1; A sends to
 * B and B to A); RTP datagrams go to the legs of active calls in turn, 172 bytes each (12-byte
 * RTP header, 160 bytes of PCMU payload), sequence +1 and timestamp +160 per packet, one SSRC per
 * leg and call. Each call lasts {@code --call-seconds}; the first calls end at staggered times so
 * that calls keep starting and ending; a new call on the slot gets a new Call-ID and new SSRCs.
 * SIP (UDP, from port {@code --sip-port} to {@code --sip-port}+1): INVITE with SDP, 100, 180, 200
 * with SDP, ACK at the start; BYE and 200 at the end. Every datagram, SIP or RTP, counts towards
 * the rate.
 *
 * <p>Pacing: the sender keeps the number sent equal to {@code rate * elapsed}, sleeping in short
 * parks when ahead; after a late wake-up it catches up at once, but by at most
 * {@code --max-burst-ms} worth of datagrams (default 10 ms): what a longer stall (a starved CPU)
 * would add is given up and counted, so the offered load never exceeds the rate by more than one
 * such burst. The largest lag (after the first second) is reported. Received datagrams are never read: every
 * socket's receive buffer is set small so the kernel discards them cheaply after capture has seen
 * them.
 *
 * <p>Prints one status line a second on stderr and a final
 * {@code SENT total rtp sip seconds sendErrors warmUp} line on stdout for scripts ({@code warmUp}:
 * the datagrams of the first calls' set-up, sent before the clock started; the rate excludes them).
 */
public final class UdpBlast {
    private static final int RTP_BYTES = 12 + 160;
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** The largest lag is taken after this (the first calls' SIP and the JIT's warm-up come first). */
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InetAddress host;
    private final long ratePerSecond;
    private final double seconds;
    private final int calls;
    private final double callSeconds;
    private final int rtpBase;
    private final int sipPort;

    private DatagramChannel[] legs;
    private InetSocketAddress[] legAddresses;
    private DatagramChannel sipA;
    private DatagramChannel sipB;
    private InetSocketAddress sipAddressA;
    private InetSocketAddress sipAddressB;

    private final ByteBuffer rtp = ByteBuffer.allocateDirect(RTP_BYTES);
    private final ByteBuffer sip = ByteBuffer.allocateDirect(4096);
    private int[] sequence;
    private int[] timestamp;
    private int[] ssrc;
    private long[] callEndNanos;
    private int[] callNumber;

    private long rtpSent;
    private long sipSent;
    private long sendErrors;
    private long maxLagPackets;
    /** Datagrams given up after stalls, so that no catch-up burst exceeds {@link #maxBurst}. */
    private long skipped;
    private final long maxBurst;

    UdpBlast(InetAddress host, long ratePerSecond, double seconds, int calls, double callSeconds, int rtpBase, int sipPort,
             double maxBurstMillis) {
        this.maxBurst = Math.max(1, (long) (ratePerSecond * maxBurstMillis / 1e3));
        this.host = host;
        this.ratePerSecond = ratePerSecond;
        this.seconds = seconds;
        this.calls = calls;
        this.callSeconds = callSeconds;
        this.rtpBase = rtpBase;
        this.sipPort = sipPort;
    }

    public static void main(String[] args) throws IOException {
        String hostName = "127.0.0.1";
        long rate = 100_000;
        double seconds = 20;
        int calls = 500;
        double callSeconds = 10;
        int rtpBase = 40_000;
        int sipPort = 5070;
        double maxBurstMillis = 10;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("usage: UdpBlast [--host 127.0.0.1] [--rate 100000] [--seconds 20] [--calls 500]"
                        + " [--call-seconds 10] [--rtp-base 40000] [--sip-port 5070] [--max-burst-ms 10]");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--host": hostName = v; break;
                case "--rate": rate = Long.parseLong(v); break;
                case "--seconds": seconds = Double.parseDouble(v); break;
                case "--calls": calls = Integer.parseInt(v); break;
                case "--call-seconds": callSeconds = Double.parseDouble(v); break;
                case "--rtp-base": rtpBase = Integer.parseInt(v); break;
                case "--sip-port": sipPort = Integer.parseInt(v); break;
                case "--max-burst-ms": maxBurstMillis = Double.parseDouble(v); break;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (rate < 1 || seconds <= 0 || calls < 1 || callSeconds <= 0 || rtpBase < 1024 || rtpBase + 2 * calls > 65_535) {
            throw new IllegalArgumentException("rate, seconds, calls and call-seconds must be positive and the RTP ports"
                    + " (rtp-base .. rtp-base + 2 * calls) within 1024..65535");
        }
        new UdpBlast(InetAddress.getByName(hostName), rate, seconds, calls, callSeconds, rtpBase, sipPort, maxBurstMillis).run();
    }

    void run() throws IOException {
        open();
        try {
            blast();
        } finally {
            for (DatagramChannel c : legs) {
                c.close();
            }
            sipA.close();
            sipB.close();
        }
    }

    /** The per-leg state alone, without sockets (tests). */
    void allocateState() {
        sequence = new int[2 * calls];
        timestamp = new int[2 * calls];
        ssrc = new int[2 * calls];
        callEndNanos = new long[calls];
        callNumber = new int[calls];
    }

    private void open() throws IOException {
        legs = new DatagramChannel[2 * calls];
        legAddresses = new InetSocketAddress[2 * calls];
        for (int i = 0; i < legs.length; i++) {
            legAddresses[i] = new InetSocketAddress(host, rtpBase + i);
            legs[i] = bind(legAddresses[i]);
        }
        sipAddressA = new InetSocketAddress(host, sipPort);
        sipAddressB = new InetSocketAddress(host, sipPort + 1);
        sipA = bind(sipAddressA);
        sipB = bind(sipAddressB);
        allocateState();
    }

    private static DatagramChannel bind(InetSocketAddress address) throws IOException {
        DatagramChannel c = DatagramChannel.open();
        c.setOption(StandardSocketOptions.SO_RCVBUF, 4096); // never read: keep the kernel's copy small
        c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        c.bind(address);
        return c;
    }

    private void blast() {
        long durationNanos = (long) (seconds * 1e9);
        long callNanos = (long) (callSeconds * 1e9);
        long sent = 0;
        int nextLeg = 0;
        long callsStart = System.nanoTime();
        for (int slot = 0; slot < calls; slot++) {
            sent += startCall(slot, callsStart + callNanos * (slot + 1) / calls);
        }
        for (int leg = 0; leg < legs.length; leg++) { // the first RTP of every leg, before the clock starts
            sendRtp(leg);
            sent++;
        }
        long start = System.nanoTime(); // the rate counts from here: the first calls' set-up is the warm-up
        long warmUp = rtpSent + sipSent;
        sent = 0;
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long sentAtReport = 0;
        while (true) {
            long now = System.nanoTime();
            long elapsed = now - start;
            if (elapsed >= durationNanos) {
                break;
            }
            long due = (long) (elapsed * (ratePerSecond / 1e9)) - skipped;
            if (elapsed >= WARM_UP_NANOS) {
                maxLagPackets = Math.max(maxLagPackets, due - sent);
            }
            if (due - sent > maxBurst) { // stalled: never send more than maxBurst at once, give the rest up
                skipped += due - sent - maxBurst;
                due = sent + maxBurst;
            }
            while (sent < due) {
                if ((sent & 1023) == 0 && System.nanoTime() - start >= durationNanos) {
                    break; // a catch-up after a long stall never runs past the end
                }
                int leg = nextLeg;
                nextLeg = nextLeg + 1 == legs.length ? 0 : nextLeg + 1;
                int slot = leg >> 1;
                if (now - callEndNanos[slot] >= 0) {
                    sent += endCall(slot);
                    sent += startCall(slot, now + callNanos);
                    continue;
                }
                sendRtp(leg);
                sent++;
            }
            if (now - nextReport >= 0) {
                System.err.printf(Locale.ROOT, "%5.1f s: %,d datagrams (%,d in the last second), %,d SIP, lag at most %,d%n",
                        elapsed / 1e9, sent, sent - sentAtReport, sipSent, maxLagPackets);
                sentAtReport = sent;
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
        for (int slot = 0; slot < calls; slot++) {
            endCall(slot);
        }
        double took = (System.nanoTime() - start) / 1e9;
        long total = rtpSent + sipSent;
        System.err.printf(Locale.ROOT, "sent %,d datagrams (%,d RTP, %,d SIP; %,d of them to set up the first calls before"
                + " the clock started) in %.2f s: %,.0f per second; %,d send errors; largest lag after the first second %,d"
                + " datagrams (%.2f ms); %,d given up after stalls%n", total, rtpSent, sipSent, warmUp, took,
                (total - warmUp) / took, sendErrors, maxLagPackets, maxLagPackets * 1e3 / ratePerSecond, skipped);
        System.out.printf(Locale.ROOT, "SENT %d %d %d %.3f %d %d%n", total, rtpSent, sipSent, took, sendErrors, warmUp);
    }

    private void sendRtp(int leg) {
        fillRtp(leg);
        int peer = leg ^ 1;
        if (send(legs[leg], rtp, legAddresses[peer])) {
            rtpSent++;
        }
    }

    /** The next RTP packet of {@code leg} into the reused buffer (RFC 3550 section 5.1), ready to send. */
    ByteBuffer fillRtp(int leg) {
        rtp.clear();
        rtp.put((byte) 0x80).put((byte) 0).putShort((short) sequence[leg]).putInt(timestamp[leg]).putInt(ssrc[leg]);
        for (int i = 0; i < 160; i++) {
            rtp.put((byte) 0xff); // PCMU silence
        }
        rtp.flip();
        sequence[leg]++;
        timestamp[leg] += 160;
        return rtp;
    }

    /** INVITE, 100, 180, 200, ACK; returns the datagrams sent. */
    private int startCall(int slot, long endNanos) {
        int n = ++callNumber[slot];
        callEndNanos[slot] = endNanos;
        for (int leg = 2 * slot; leg <= 2 * slot + 1; leg++) {
            ssrc[leg] = (int) (0x5eed0000L ^ (leg * 0x9e3779b1L) ^ ((long) n << 20));
            sequence[leg] = n * 7919;
            timestamp[leg] = n * 104_729;
        }
        String callId = "blast-" + slot + "-" + n + "@" + host.getHostAddress();
        int portA = rtpBase + 2 * slot;
        sendSip(sipA, sipAddressB, request("INVITE", callId, 1, sdp(portA, n), slot, n, false));
        sendSip(sipB, sipAddressA, response(100, "Trying", "INVITE", callId, 1, null, slot, n, false));
        sendSip(sipB, sipAddressA, response(180, "Ringing", "INVITE", callId, 1, null, slot, n, true));
        sendSip(sipB, sipAddressA, response(200, "OK", "INVITE", callId, 1, sdp(portA + 1, n), slot, n, true));
        sendSip(sipA, sipAddressB, request("ACK", callId, 1, null, slot, n, true));
        return 5;
    }

    /** BYE, 200; returns the datagrams sent. */
    private int endCall(int slot) {
        int n = callNumber[slot];
        String callId = "blast-" + slot + "-" + n + "@" + host.getHostAddress();
        sendSip(sipA, sipAddressB, request("BYE", callId, 2, null, slot, n, true));
        sendSip(sipB, sipAddressA, response(200, "OK", "BYE", callId, 2, null, slot, n, true));
        return 2;
    }

    String sdp(int port, int n) {
        String a = host.getHostAddress();
        return "v=0\r\no=- " + n + " 1 IN IP4 " + a + "\r\ns=-\r\nc=IN IP4 " + a + "\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    String request(String method, String callId, int cseq, String body, int slot, int n, boolean toTag) {
        String a = host.getHostAddress();
        return method + " sip:b" + slot + "@" + a + ":" + (sipPort + 1) + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + a + ":" + sipPort + ";branch=z9hG4bK" + slot + "x" + n + method + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:a" + slot + "@" + a + ">;tag=a" + slot + "x" + n + "\r\n"
                + "To: <sip:b" + slot + "@" + a + ">" + (toTag ? ";tag=b" + slot + "x" + n : "") + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:a" + slot + "@" + a + ":" + sipPort + ">\r\n"
                + body(body);
    }

    String response(int code, String reason, String method, String callId, int cseq, String body, int slot, int n,
                            boolean toTag) {
        String a = host.getHostAddress();
        return "SIP/2.0 " + code + " " + reason + "\r\n"
                + "Via: SIP/2.0/UDP " + a + ":" + sipPort + ";branch=z9hG4bK" + slot + "x" + n + method + "\r\n"
                + "From: <sip:a" + slot + "@" + a + ">;tag=a" + slot + "x" + n + "\r\n"
                + "To: <sip:b" + slot + "@" + a + ">" + (toTag ? ";tag=b" + slot + "x" + n : "") + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + (code == 200 && method.equals("INVITE") ? "Contact: <sip:b" + slot + "@" + a + ":" + (sipPort + 1) + ">\r\n" : "")
                + body(body);
    }

    private static String body(String sdp) {
        if (sdp == null) {
            return "Content-Length: 0\r\n\r\n";
        }
        return "Content-Type: application/sdp\r\nContent-Length: " + sdp.getBytes(StandardCharsets.US_ASCII).length
                + "\r\n\r\n" + sdp;
    }

    private void sendSip(DatagramChannel from, InetSocketAddress to, String message) {
        sip.clear();
        sip.put(message.getBytes(StandardCharsets.US_ASCII)).flip();
        if (send(from, sip, to)) {
            sipSent++;
        }
    }

    /** True when the datagram went out; a failure is counted. */
    private boolean send(DatagramChannel from, ByteBuffer data, InetSocketAddress to) {
        try {
            if (from.send(data, to) > 0) {
                return true;
            }
        } catch (IOException e) {
            // counted below: ENOBUFS and the like
        }
        sendErrors++;
        return false;
    }
}
