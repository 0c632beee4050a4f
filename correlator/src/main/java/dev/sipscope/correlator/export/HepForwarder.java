package dev.sipscope.correlator.export;

import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.DecoderConfig;
import dev.sipscope.decoder.HepDecoder;
import dev.sipscope.decoder.HepEncoder;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketDecoder;
import dev.sipscope.decoder.sip.SipDecoder;
import dev.sipscope.decoder.sip.SipMessage;
import dev.sipscope.decoder.sip.SipSink;
import dev.sipscope.decoder.sip.SipTransport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Forwards the SIP found in captured frames to a Homer collector as HEPv3 over UDP, one HEP packet
 * per SIP message, with the message's original addresses, ports, transport and capture time (so a
 * fleet of capture hosts can feed one Homer). Runs on the thread that feeds it frames.
 *
 * <p>A send that fails (collector unreachable, ICMP refused) is counted, not fatal: capture to
 * disk goes on. Messages too large for one HEP packet (64 KiB) are counted as skipped.
 */
public final class HepForwarder implements SipSink, Closeable {
    private final InetSocketAddress collector;
    private final DatagramChannel channel;
    private final HepEncoder encoder;
    private final PacketDecoder decoder;
    private final ByteBuffer view;
    private long sent;
    private long failed;
    private long skipped;

    public HepForwarder(InetSocketAddress collector, int captureId, String password) throws IOException {
        this.collector = collector;
        this.channel = DatagramChannel.open();
        this.encoder = new HepEncoder(captureId, password);
        this.view = ByteBuffer.wrap(encoder.buffer());
        this.decoder = new PacketDecoder(DecoderConfig.DEFAULTS, new SipDecoder(this));
    }

    /**
     * Parses {@code udp:HOST:PORT} (or {@code HOST:PORT}; IPv6 as {@code [addr]:port}).
     *
     * @throws IllegalArgumentException with one sentence when it is not of that form
     */
    public static InetSocketAddress parseTarget(String target) {
        String t = target.startsWith("udp:") ? target.substring(4) : target;
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1 || target.startsWith("tcp:")) {
            throw new IllegalArgumentException("a HEP collector is given as udp:HOST:PORT, not '" + target + "'");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the HEP collector port must be 1 to 65535, in '" + target + "'");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve the HEP collector host '" + host + "'");
        }
        return a;
    }

    /** Decodes one captured frame; every complete SIP message in it is forwarded. */
    public void accept(Frame frame) {
        decoder.decode(frame);
    }

    @Override
    public void onSipMessage(SipMessage message, SipTransport transport, Packet packet) {
        byte[] bytes = message.toByteArray();
        int n = encoder.encode(packet, HepDecoder.TYPE_SIP, bytes, 0, bytes.length);
        if (n < 0) {
            skipped++;
            return;
        }
        view.clear().limit(n);
        try {
            channel.send(view, collector);
            sent++;
        } catch (IOException e) {
            failed++;
        }
    }

    public long sent() {
        return sent;
    }

    public long failed() {
        return failed;
    }

    public long skipped() {
        return skipped;
    }

    public InetSocketAddress collector() {
        return collector;
    }

    @Override
    public void close() throws IOException {
        decoder.finish();
        channel.close();
    }
}
