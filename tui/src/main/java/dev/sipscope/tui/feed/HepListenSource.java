package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.capture.InterfaceInfo;
import dev.sipscope.capture.LinkType;
import dev.sipscope.tui.model.SourceKind;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;

/**
 * Receives HEP/EEP datagrams from Homer capture agents on a UDP socket ({@code --hep-listen
 * udp:ADDR:PORT}) and hands each one to the decoder as a raw-IP frame (RFC 791/8200 and RFC 768
 * headers written around the datagram, from the sender to the listening port), so that the
 * decoder's own HEP decapsulation applies: configure the listening port as a HEP port.
 *
 * <p>One reused 64 KiB receive buffer and one reused frame buffer; nothing is allocated per
 * datagram.
 */
public final class HepListenSource implements PacketSource {
    private static final int MAX_DATAGRAM = 65_535;
    private static final int HEADROOM = 48;

    private final DatagramSocket socket;
    private final String name;
    private final int port;
    private final byte[] receive = new byte[MAX_DATAGRAM];
    private final DatagramPacket packet = new DatagramPacket(receive, receive.length);
    private final byte[] frameBytes = new byte[MAX_DATAGRAM + HEADROOM];
    private final Frame frame = new Frame();
    private final byte[] localV4;
    private final byte[] localV6;
    private volatile boolean stopped;

    private HepListenSource(DatagramSocket socket, String name) {
        this.socket = socket;
        this.name = name;
        this.port = socket.getLocalPort();
        InetAddress local = socket.getLocalAddress();
        this.localV4 = local instanceof Inet4Address && !local.isAnyLocalAddress() ? local.getAddress() : new byte[] {127, 0, 0, 1};
        byte[] v6 = new byte[16];
        v6[15] = 1;
        this.localV6 = v6;
    }

    /**
     * Parses {@code udp:ADDR:PORT} (ADDR may be {@code [v6]} or empty for every address) and binds
     * the socket; an {@link IllegalArgumentException} or {@link IOException} message is one sentence.
     */
    public static HepListenSource open(String spec) throws IOException {
        InetSocketAddress address = parse(spec);
        try {
            DatagramSocket s = new DatagramSocket(null);
            s.setReuseAddress(true);
            s.setReceiveBufferSize(8 << 20);
            s.bind(address);
            return new HepListenSource(s, "udp:" + (address.getAddress().isAnyLocalAddress() ? "*"
                    : address.getAddress().getHostAddress()) + ":" + s.getLocalPort());
        } catch (SocketException e) {
            throw new IOException("Cannot listen for HEP on " + spec + ": " + e.getMessage() + ".", e);
        }
    }

    /** The socket address of a {@code udp:ADDR:PORT} specification (numeric addresses only). */
    static InetSocketAddress parse(String spec) {
        String s = spec.trim();
        if (!s.toLowerCase(Locale.ROOT).startsWith("udp:")) {
            throw new IllegalArgumentException("--hep-listen takes udp:ADDRESS:PORT (e.g. udp:0.0.0.0:9060), not '" + spec + "'");
        }
        s = s.substring(4);
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--hep-listen needs a port: udp:ADDRESS:PORT");
        }
        String host = s.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--hep-listen: '" + s.substring(colon + 1) + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--hep-listen: port " + port + " is out of range 0-65535");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.equals("*")) {
            return new InetSocketAddress(port);
        }
        Endpoint e = new Endpoint();
        if (!Endpoint.parse(host, port, e)) {
            throw new IllegalArgumentException("--hep-listen: '" + host + "' is not a numeric IP address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalArgumentException("--hep-listen: '" + host + "' is not a numeric IP address");
        }
    }

    /** The UDP port listened on (useful when 0 asked for any). */
    public int port() {
        return port;
    }

    @Override
    public Frame poll(long timeoutMillis) throws IOException {
        if (stopped) {
            return null;
        }
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
            packet.setData(receive, 0, receive.length);
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (SocketException e) {
            if (stopped) {
                return null;
            }
            throw e;
        }
        return wrap(packet.getAddress(), packet.getPort(), receive, packet.getLength(), System.currentTimeMillis() * 1_000_000L);
    }

    /** Writes IP and UDP headers in front of the payload and points the reused frame at them. */
    Frame wrap(InetAddress from, int fromPort, byte[] payload, int length, long tsNanos) {
        byte[] b = frameBytes;
        int udpLength = 8 + length;
        int at;
        if (from instanceof Inet4Address) {
            b[0] = 0x45;
            b[1] = 0;
            put16(b, 2, 20 + udpLength);
            put16(b, 4, 0);
            put16(b, 6, 0x4000); // don't fragment
            b[8] = 64;
            b[9] = 17;
            put16(b, 10, 0);
            System.arraycopy(from.getAddress(), 0, b, 12, 4);
            System.arraycopy(localV4, 0, b, 16, 4);
            at = 20;
        } else {
            b[0] = 0x60;
            b[1] = 0;
            b[2] = 0;
            b[3] = 0;
            put16(b, 4, udpLength);
            b[6] = 17;
            b[7] = 64;
            System.arraycopy(from.getAddress(), 0, b, 8, 16);
            System.arraycopy(localV6, 0, b, 24, 16);
            at = 40;
        }
        put16(b, at, fromPort);
        put16(b, at + 2, port);
        put16(b, at + 4, udpLength);
        put16(b, at + 6, 0);
        System.arraycopy(payload, 0, b, at + 8, length);
        int total = at + udpLength;
        return frame.set(tsNanos, LinkType.RAW, 0, b, 0, total, total);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    @Override
    public boolean finished() {
        return stopped;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.HEP;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return List.of(new InterfaceInfo(0, LinkType.RAW, MAX_DATAGRAM + HEADROOM, name, "HEP listener"));
    }

    @Override
    public void stop() {
        stopped = true;
        socket.close();
    }

    @Override
    public void close() {
        stop();
    }
}
