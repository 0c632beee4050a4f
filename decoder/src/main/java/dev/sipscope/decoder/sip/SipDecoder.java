package dev.sipscope.decoder.sip;

import dev.sipscope.decoder.HepDecoder;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.PacketSink;
import dev.sipscope.decoder.PortSet;
import dev.sipscope.decoder.tcp.TcpStream;

/**
 * Turns transport payloads from the {@code dev.sipscope.decoder.PacketDecoder} into SIP messages:
 * datagrams (UDP, SCTP, HEP payloads) through one {@link SipDatagramParser}, TCP streams through a
 * {@link SipStreamFramer} per direction kept in {@link TcpStream#attachment}.
 *
 * <p>Which payloads are SIP: any datagram whose first line is a SIP start line, and any TCP
 * direction in which a framer finds one (see {@link SipStreamFramer} on probing). On the configured
 * SIP ports (default 5060), and for HEP payloads the agent declared as SIP, anything else is
 * reported as malformed; elsewhere it is silently left alone, so RTP and other traffic cost a glance
 * at their first byte and nothing more.
 *
 * <p>Use it as the {@link PacketSink} of the packet decoder, or call {@link #offerDatagram} and the
 * TCP methods from another sink (the return value of {@code offerDatagram} lets that sink route
 * non-SIP datagrams, such as RTP, elsewhere).
 *
 * <p>Memory: one framer pair per TCP connection that carried data, created on its first bytes, each
 * buffering at most {@link SipLimits#maxMessageBytes()}; connections found not to carry SIP hold a
 * shared marker instead. Not thread-safe.
 */
public final class SipDecoder implements PacketSink {
    /** The default SIP port (RFC 3261 §19.1.2); 5061 is TLS and stays encrypted. */
    public static final PortSet DEFAULT_SIP_PORTS = PortSet.of(5060);

    private static final Object NOT_SIP = new Object();

    private final SipLimits limits;
    private final PortSet sipPorts;
    private final SipSink sink;
    private final SipDatagramParser parser;
    private final FramerListener listener = new FramerListener();
    /** Messages parsed ahead on another thread, or null (see {@link #parseAhead}). */
    private SipParseAhead ahead;

    private final long[] messages = new long[SipTransport.values().length];
    private final long[] malformed = new long[SipMalformed.values().length];
    private long keepAlives;
    private long tcpConnections;

    public SipDecoder(SipSink sink) {
        this(SipLimits.DEFAULTS, DEFAULT_SIP_PORTS, sink);
    }

    /**
     * @param sipPorts ports on which traffic is known to be SIP (either end of a datagram or connection)
     */
    public SipDecoder(SipLimits limits, PortSet sipPorts, SipSink sink) {
        this.limits = limits;
        this.sipPorts = sipPorts;
        this.sink = sink;
        this.parser = new SipDatagramParser(limits);
    }

    public SipLimits limits() {
        return limits;
    }

    /** Whether {@code port} is one of the configured SIP ports. */
    public boolean isSipPort(int port) {
        return sipPorts.contains(port);
    }

    /**
     * Takes datagram messages from {@code ahead} where it has them, instead of parsing them here
     * (null: parse every one here). The messages are the same either way.
     */
    public void parseAhead(SipParseAhead ahead) {
        this.ahead = ahead;
    }

    @Override
    public void onDatagram(Packet packet) {
        offerDatagram(packet);
    }

    /**
     * Parses a datagram payload as SIP. Returns true when it was SIP (a message, a malformed message,
     * or a keep-alive on a SIP port), false when it is something else.
     */
    public boolean offerDatagram(Packet packet) {
        if (packet.payloadLength > 0 && packet.data[packet.payloadOffset] < 0 && !knownSip(packet)) {
            // A first octet of 0x80 or more (RTP, RTCP) is neither a line break, STUN (RFC 5389 §6:
            // first two bits 0) nor a letter, so the parser would answer NOT_SIP, which away from SIP
            // ports means "not ours": the same answer without the parser's call.
            return false;
        }
        SipTransport transport = datagramTransport(packet);
        SipParseAhead a = ahead;
        SipMessage m = a == null ? null : a.take(packet.data, packet.payloadOffset, packet.payloadLength);
        if (m == null) {
            m = parser.parse(packet.data, packet.payloadOffset, packet.payloadLength);
        }
        if (m != null) {
            messages[transport.ordinal()]++;
            if (m.problem() != null) {
                malformed[m.problem().ordinal()]++;
            }
            sink.onSipMessage(m, transport, packet);
            return true;
        }
        boolean known = knownSip(packet);
        if (parser.lastWasKeepAlive()) {
            if (known) {
                keepAlives++;
            }
            return known;
        }
        SipMalformed why = parser.lastMalformed();
        if (why == SipMalformed.NOT_SIP && !known) {
            return false;
        }
        malformed[why.ordinal()]++;
        sink.onSipMalformed(why, transport, packet);
        return true;
    }

    /** A datagram on a SIP port, or a HEP capture of SIP: what it carries is SIP or malformed SIP. */
    private boolean knownSip(Packet packet) {
        // Asked of every RTP packet, the HEP case kept apart. At 41 bytes of bytecode it is still a call
        // under C1 (which inlines up to 35): with its port checks about 2 % of the engine thread's samples
        // on the RTP bench capture.
        return sipPorts.contains(packet.srcPort) || sipPorts.contains(packet.dstPort) || hepSip(packet);
    }

    private static boolean hepSip(Packet packet) {
        return packet.has(Packet.FLAG_HEP) && packet.hepPayloadType == HepDecoder.TYPE_SIP;
    }

    private static SipTransport datagramTransport(Packet packet) {
        switch (packet.protocol) {
            case Packet.PROTO_SCTP:
                return SipTransport.SCTP;
            case Packet.PROTO_TCP:
                return SipTransport.TCP;
            default:
                return SipTransport.UDP;
        }
    }

    @Override
    public void onTcpData(TcpStream stream, Packet packet) {
        Connection c = connection(stream);
        if (c == null) {
            return;
        }
        boolean fromClient = packet.srcPort == stream.clientPort && packet.srcLo == stream.clientLo
                && packet.srcHi == stream.clientHi;
        SipStreamFramer f = fromClient ? c.fromClient : c.fromServer;
        if (f.isIgnored()) {
            if (c.fromClient.isIgnored() && c.fromServer.isIgnored()) {
                stream.attachment = NOT_SIP;
            }
            return;
        }
        listener.packet = packet;
        try {
            f.feed(packet.data, packet.payloadOffset, packet.payloadLength, listener);
        } finally {
            listener.packet = null;
        }
    }

    @Override
    public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
        if (stream.attachment instanceof Connection c) {
            (fromClient ? c.fromClient : c.fromServer).gap(missingBytes, listener);
        }
    }

    @Override
    public void onTcpClose(TcpStream stream) {
        if (stream.attachment instanceof Connection c) {
            c.fromClient.close(listener);
            c.fromServer.close(listener);
        }
        if (stream.attachment instanceof Connection || stream.attachment == NOT_SIP) {
            stream.attachment = null;
        }
    }

    private Connection connection(TcpStream stream) {
        Object a = stream.attachment;
        if (a instanceof Connection c) {
            return c;
        }
        if (a != null) {
            // NOT_SIP, or state of some other consumer: not ours to touch.
            return null;
        }
        boolean known = isSipPort(stream.clientPort) || isSipPort(stream.serverPort);
        Connection c = new Connection(new SipStreamFramer(parser, known, SipTransport.TCP),
                new SipStreamFramer(parser, known, SipTransport.TCP));
        stream.attachment = c;
        tcpConnections++;
        return c;
    }

    // ---------------------------------------------------------------- counters

    /** SIP messages delivered over {@code transport}. */
    public long messages(SipTransport transport) {
        return messages[transport.ordinal()];
    }

    /** SIP messages delivered over every transport. */
    public long messages() {
        long n = 0;
        for (long v : messages) {
            n += v;
        }
        return n;
    }

    /** Malformed reports for {@code reason}, messages delivered with that {@link SipMessage#problem()} included. */
    public long malformed(SipMalformed reason) {
        return malformed[reason.ordinal()];
    }

    /** Malformed reports for every reason. */
    public long malformed() {
        long n = 0;
        for (long v : malformed) {
            n += v;
        }
        return n;
    }

    /** Keep-alives seen (datagrams on SIP ports, line-end runs in streams). */
    public long keepAlives() {
        return keepAlives;
    }

    /** TCP connections that were given framers. */
    public long tcpConnections() {
        return tcpConnections;
    }

    /** Framing state of one TCP connection: one framer per direction. */
    private static final class Connection {
        final SipStreamFramer fromClient;
        final SipStreamFramer fromServer;

        Connection(SipStreamFramer fromClient, SipStreamFramer fromServer) {
            this.fromClient = fromClient;
            this.fromServer = fromServer;
        }
    }

    /** Forwards framer output to the sink with the packet at hand. */
    private final class FramerListener implements SipStreamFramer.Listener {
        Packet packet;

        @Override
        public void onMessage(SipMessage message, SipTransport transport) {
            messages[transport.ordinal()]++;
            if (message.problem() != null) {
                malformed[message.problem().ordinal()]++;
            }
            sink.onSipMessage(message, transport, packet);
        }

        @Override
        public void onMalformed(SipMalformed reason, SipTransport transport) {
            malformed[reason.ordinal()]++;
            sink.onSipMalformed(reason, transport, packet);
        }

        @Override
        public void onKeepAlive(SipTransport transport) {
            keepAlives++;
        }
    }
}
