package dev.sipscope.bench;

import dev.sipscope.decoder.sdp.SdpSession;
import dev.sipscope.decoder.sip.SipDatagramParser;
import dev.sipscope.decoder.sip.SipLookahead;
import dev.sipscope.decoder.sip.SipMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * SIP parsing of one realistic INVITE with SDP (about 900 bytes, a proxy's two Vias, Record-Route):
 * the framing scan and copy alone; then what the correlator asks of every message (Call-ID, CSeq,
 * top Via branch and sent-by, From and To tags); then the SDP as well. A rejected RTP datagram
 * (first byte) is the cost SIP detection adds to every media packet.
 *
 * <pre>java -jar bench/target/benchmarks.jar SipParseBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SipParseBenchmark {
    private SipDatagramParser parser;
    private byte[] invite;
    private byte[] rtp;
    /** The INVITE parsed once, as the SIP lookahead hands it over, with its shape. */
    private SipMessage parsedAhead;
    private long parsedAheadShape;

    @Setup
    public void setup() {
        parser = new SipDatagramParser();
        String sdp = "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\ns=-\r\nc=IN IP4 192.0.2.101\r\n"
                + "t=0 0\r\nm=audio 49172 RTP/AVP 0 8 9 18 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:9 G722/8000\r\na=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";
        String text = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP proxy.atlanta.example.com:5060;branch=z9hG4bK2d4790.1\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bK74bf9;received=192.0.2.101;rport=5060\r\n"
                + "Max-Forwards: 69\r\n"
                + "Record-Route: <sip:proxy.atlanta.example.com;lr>\r\n"
                + "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>\r\n"
                + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
                + "CSeq: 2 INVITE\r\n"
                + "Contact: <sip:alice@192.0.2.101;transport=udp>\r\n"
                + "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, UPDATE, PRACK\r\n"
                + "Supported: replaces, timer, 100rel\r\n"
                + "User-Agent: Bench UA 1.0\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        invite = text.getBytes(StandardCharsets.US_ASCII);
        rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        parsedAhead = parser.parse(invite, 0, invite.length);
        parsedAheadShape = SipLookahead.shape(invite.length, 0);
    }

    /**
     * What the engine thread pays for a message the SIP lookahead parsed: the check that the
     * datagram's bytes are those the message was parsed from (instead of {@link #parseWithSdp}).
     */
    @Benchmark
    public boolean lookaheadHandOver() {
        return SipLookahead.sameParse(parsedAhead, parsedAheadShape, invite, 0, invite.length);
    }

    @Benchmark
    public SipMessage parse() {
        return parser.parse(invite, 0, invite.length);
    }

    @Benchmark
    public int parseAndCorrelationFields() {
        SipMessage m = parser.parse(invite, 0, invite.length);
        return m.callId().hashCode() + (int) m.cseq().number() + m.topVia().branch().length()
                + m.topVia().sentBy().length() + m.fromTag().length() + (m.toTag() == null ? 0 : 1);
    }

    @Benchmark
    public int parseWithSdp() {
        SipMessage m = parser.parse(invite, 0, invite.length);
        SdpSession sdp = m.sdp();
        return m.callId().hashCode() + sdp.media().get(0).port() + m.topVia().branch().length();
    }

    @Benchmark
    public SipMessage rejectRtp() {
        return parser.parse(rtp, 0, rtp.length);
    }
}
