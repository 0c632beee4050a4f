package dev.sipscope.decoder.sdp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SdpParserTest {

    private static SdpSession parse(String lfText) {
        byte[] b = lfText.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return SdpParser.parse(b, 0, b.length);
    }

    /** Offer in the style of RFC 4317 §2.1: audio and video, dynamic and static payload types. */
    @Test
    void rfc4317AudioAndVideoOffer() {
        SdpSession s = parse("""
                v=0
                o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com
                s=
                c=IN IP4 host.atlanta.example.com
                t=0 0
                m=audio 49170 RTP/AVP 0 8 97
                a=rtpmap:0 PCMU/8000
                a=rtpmap:8 PCMA/8000
                a=rtpmap:97 iLBC/8000
                m=video 51372 RTP/AVP 31 32
                a=rtpmap:31 H261/90000
                a=rtpmap:32 MPV/90000
                """);
        assertThat(s.version()).isZero();
        assertThat(s.origin()).isEqualTo(new SdpOrigin("alice", "2890844526", "2890844526", "IN", "IP4",
                "host.atlanta.example.com"));
        assertThat(s.sessionName()).isEmpty();
        assertThat(s.connection().address()).isEqualTo("host.atlanta.example.com");
        assertThat(s.timings()).containsExactly(new SdpTiming(0, 0));
        assertThat(s.media()).hasSize(2);
        SdpMedia audio = s.media().get(0);
        assertThat(audio.mediaType()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(49170);
        assertThat(audio.proto()).isEqualTo("RTP/AVP");
        assertThat(audio.isRtp()).isTrue();
        assertThat(audio.formats()).containsExactly("0", "8", "97");
        assertThat(audio.payloadTypes()).containsExactly(0, 8, 97);
        assertThat(audio.codecs()).extracting(SdpRtpMap::encodingName).containsExactly("PCMU", "PCMA", "iLBC");
        assertThat(audio.codec(97)).isEqualTo(new SdpRtpMap(97, "iLBC", 8000, 1, false));
        assertThat(audio.connection()).isNull();
        assertThat(audio.effectiveAddress()).isEqualTo("host.atlanta.example.com");
        assertThat(audio.effectiveDirection()).isEqualTo(SdpDirection.SENDRECV);
        assertThat(audio.direction()).isNull();
        SdpMedia video = s.media().get(1);
        assertThat(video.codec(31).clockRateHz()).isEqualTo(90000);
        assertThat(s.malformedLines()).isZero();
    }

    /** Answer in the style of RFC 4317 §2.2: video declined with port 0. */
    @Test
    void rfc4317AnswerRejectingVideoWithPortZero() {
        SdpSession s = parse("""
                v=0
                o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com
                s=
                c=IN IP4 host.biloxi.example.com
                t=0 0
                m=audio 49172 RTP/AVP 99
                a=rtpmap:99 iLBC/8000
                m=video 0 RTP/AVP 31
                a=rtpmap:31 H261/90000
                """);
        assertThat(s.media().get(0).isDisabled()).isFalse();
        assertThat(s.media().get(1).isDisabled()).isTrue();
        assertThat(s.media().get(1).port()).isZero();
    }

    /** Hold and resume in the style of RFC 4317 §3.1, plus the old RFC 2543 0.0.0.0 form. */
    @Test
    void holdDirectionsMediaOverridesSession() {
        SdpSession hold = parse("""
                v=0
                o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com
                s=
                c=IN IP4 host.atlanta.example.com
                t=0 0
                a=sendonly
                m=audio 49170 RTP/AVP 0
                m=video 51372 RTP/AVP 31
                a=inactive
                m=audio 49180 RTP/AVP 0
                a=recvonly
                m=audio 49190 RTP/AVP 0
                a=sendrecv
                """);
        assertThat(hold.direction()).isEqualTo(SdpDirection.SENDONLY);
        assertThat(hold.media()).extracting(SdpMedia::effectiveDirection).containsExactly(SdpDirection.SENDONLY,
                SdpDirection.INACTIVE, SdpDirection.RECVONLY, SdpDirection.SENDRECV);
        assertThat(hold.media().get(0).direction()).isNull();
        assertThat(SdpDirection.SENDONLY.sends()).isTrue();
        assertThat(SdpDirection.SENDONLY.receives()).isFalse();
        assertThat(SdpDirection.INACTIVE.sends()).isFalse();

        SdpSession oldHold = parse("""
                v=0
                o=- 1 2 IN IP4 192.0.2.1
                s=-
                c=IN IP4 0.0.0.0
                t=0 0
                m=audio 49170 RTP/AVP 0
                """);
        assertThat(oldHold.media().get(0).effectiveConnection().isUnspecified()).isTrue();
    }

    @Test
    void ipv6AndMediaLevelConnection() {
        SdpSession s = parse("""
                v=0
                o=- 20518 0 IN IP6 2001:db8::1
                s=-
                c=IN IP6 2001:db8::1
                t=0 0
                m=audio 5004 RTP/AVP 8
                m=audio 5006 RTP/AVP 8
                c=IN IP6 2001:db8::2
                m=video 5008 RTP/AVP 96
                c=IN IP4 198.51.100.7
                """);
        assertThat(s.origin().addrType()).isEqualTo("IP6");
        assertThat(s.connection().isIpv6()).isTrue();
        assertThat(s.media()).extracting(SdpMedia::effectiveAddress).containsExactly("2001:db8::1", "2001:db8::2",
                "198.51.100.7");
        assertThat(s.media().get(1).connection().isIpv6()).isTrue();
        assertThat(s.media().get(2).effectiveConnection().isIpv6()).isFalse();
    }

    @Test
    void multicastSuffixesAndPortCounts() {
        SdpSession s = parse("""
                v=0
                o=- 1 1 IN IP4 10.0.0.1
                s=multicast
                c=IN IP4 224.2.1.1/127/3
                t=2873397496 2873404696
                m=video 49170/2 RTP/AVP 31
                c=IN IP6 FF15::101/3
                b=AS:64
                b=TIAS:64000
                """);
        assertThat(s.connection()).isEqualTo(new SdpConnection("IN", "IP4", "224.2.1.1", 127, 3));
        assertThat(s.timings().get(0).startNtpSeconds()).isEqualTo(2873397496L);
        SdpMedia m = s.media().get(0);
        assertThat(m.port()).isEqualTo(49170);
        assertThat(m.portCount()).isEqualTo(2);
        assertThat(m.connection()).isEqualTo(new SdpConnection("IN", "IP6", "FF15::101", -1, 3));
        assertThat(m.bandwidths()).containsExactly(new SdpBandwidth("AS", 64), new SdpBandwidth("TIAS", 64000));
        assertThat(s.malformedLines()).isZero();
    }

    @Test
    void t38FaxOverUdptl() {
        SdpSession s = parse("""
                v=0
                o=- 1 2 IN IP4 192.0.2.10
                s=-
                c=IN IP4 192.0.2.10
                t=0 0
                m=image 49170 udptl t38
                a=T38FaxVersion:0
                a=T38MaxBitRate:14400
                a=T38FaxRateManagement:transferredTCF
                a=T38FaxUdpEC:t38UDPRedundancy
                """);
        SdpMedia m = s.media().get(0);
        assertThat(m.mediaType()).isEqualTo("image");
        assertThat(m.isUdptl()).isTrue();
        assertThat(m.isRtp()).isFalse();
        assertThat(m.formats()).containsExactly("t38");
        assertThat(m.payloadTypes()).isEmpty();
        assertThat(m.attribute("t38maxbitrate")).isEqualTo("14400");
        assertThat(m.hasAttribute("t38faxudpec")).isTrue();
    }

    @Test
    void staticPayloadTypesWithoutRtpmap() {
        SdpSession s = parse("""
                v=0
                o=- 1 1 IN IP4 1.2.3.4
                s=-
                c=IN IP4 1.2.3.4
                t=0 0
                m=audio 5000 RTP/AVP 0 3 4 8 9 13 18 34 96 2
                """);
        SdpMedia m = s.media().get(0);
        assertThat(m.codecs()).extracting(SdpRtpMap::toString).containsExactly("0 PCMU/8000", "3 GSM/8000",
                "4 G723/8000", "8 PCMA/8000", "9 G722/8000", "13 CN/8000", "18 G729/8000", "34 H263/90000");
        assertThat(m.codec(9).clockRateHz()).isEqualTo(8000);
        assertThat(m.codec(0).fromStaticTable()).isTrue();
        assertThat(m.codec(96)).isNull();
        assertThat(m.codec(2)).isNull();
        assertThat(StaticPayloadTypes.lookup(10).channels()).isEqualTo(2);
        assertThat(StaticPayloadTypes.lookup(200)).isNull();
    }

    @Test
    void rtpmapOverridesTheStaticTableAndCarriesChannels() {
        SdpSession s = parse("""
                v=0
                o=- 1 1 IN IP4 1.2.3.4
                s=-
                t=0 0
                m=audio 5000 RTP/AVP 111 0 101
                a=rtpmap:111 opus/48000/2
                a=fmtp:111 minptime=10;useinbandfec=1
                a=rtpmap:0 PCMU/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=ptime:20
                a=maxptime:150
                """);
        SdpMedia m = s.media().get(0);
        assertThat(m.codec(111)).isEqualTo(new SdpRtpMap(111, "opus", 48000, 2, false));
        assertThat(m.codec(0).fromStaticTable()).isFalse();
        assertThat(m.fmtp(111)).isEqualTo("minptime=10;useinbandfec=1");
        assertThat(m.fmtp(101)).isEqualTo("0-15");
        assertThat(m.fmtp(0)).isNull();
        assertThat(m.ptimeMillis()).isEqualTo(20);
        assertThat(m.maxptimeMillis()).isEqualTo(150);
        assertThat(m.effectiveConnection()).isNull();
    }

    @Test
    void rtcpAttributesAndMux() {
        SdpSession s = parse("""
                v=0
                o=- 1 1 IN IP4 1.2.3.4
                s=-
                c=IN IP4 1.2.3.4
                t=0 0
                m=audio 49170 RTP/AVP 0
                a=rtcp:53020 IN IP4 126.16.64.4
                m=audio 49180 RTP/AVP 0
                a=rtcp:49181
                m=audio 49190 RTP/AVP 0
                a=rtcp-mux
                """);
        assertThat(s.media().get(0).rtcpPort()).isEqualTo(53020);
        assertThat(s.media().get(0).rtcpConnection().address()).isEqualTo("126.16.64.4");
        assertThat(s.media().get(1).rtcpPort()).isEqualTo(49181);
        assertThat(s.media().get(1).rtcpConnection()).isNull();
        assertThat(s.media().get(2).rtcpPort()).isEqualTo(-1);
        assertThat(s.media().get(2).rtcpMux()).isTrue();
        assertThat(s.media().get(0).rtcpMux()).isFalse();
    }

    @Test
    void sdesSrtpWithCrypto() {
        SdpSession s = parse("""
                v=0
                o=- 1 1 IN IP4 1.2.3.4
                s=-
                c=IN IP4 1.2.3.4
                t=0 0
                m=audio 49170 RTP/SAVP 0
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32
                a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32
                m=audio 49180 RTP/AVP 0
                """);
        SdpMedia m = s.media().get(0);
        assertThat(m.hasCrypto()).isTrue();
        assertThat(m.cryptoSuites()).containsExactly("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32");
        assertThat(m.isSrtp()).isTrue();
        assertThat(m.isDtlsSrtp()).isFalse();
        assertThat(s.media().get(1).isSrtp()).isFalse();
    }

    @Test
    void dtlsSrtpWithIceAndSessionLevelFingerprint() {
        SdpSession s = parse("""
                v=0
                o=- 4611731400430051336 2 IN IP4 127.0.0.1
                s=-
                t=0 0
                a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2
                a=ice-ufrag:0ZFY
                m=audio 9 UDP/TLS/RTP/SAVPF 111
                c=IN IP4 0.0.0.0
                a=setup:actpass
                a=rtcp-mux
                a=sendrecv
                m=application 9 UDP/DTLS/SCTP webrtc-datachannel
                a=setup:ACTIVE
                a=ice-ufrag:abcd
                """);
        SdpMedia audio = s.media().get(0);
        assertThat(audio.fingerprint()).startsWith("sha-256 19:E2");
        assertThat(audio.setup()).isEqualTo("actpass");
        assertThat(audio.isDtlsSrtp()).isTrue();
        assertThat(audio.isSrtp()).isTrue();
        assertThat(audio.hasIceUfrag()).isTrue();
        SdpMedia data = s.media().get(1);
        assertThat(data.mediaType()).isEqualTo("application");
        assertThat(data.setup()).isEqualTo("active");
        assertThat(data.isRtp()).isFalse();
        assertThat(data.isDtlsSrtp()).isFalse();
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        assertThat(s.malformedLines()).isZero();
    }

    @Test
    void everyProfileIsRecognised() {
        SdpSession s = parse("""
                v=0
                o=- 1 1 IN IP4 1.2.3.4
                s=-
                t=0 0
                m=audio 1000 RTP/AVP 0
                m=audio 1002 RTP/SAVP 0
                m=audio 1004 RTP/AVPF 0
                m=audio 1006 RTP/SAVPF 0
                m=audio 1008 UDP/TLS/RTP/SAVPF 0
                m=image 1010 udptl t38
                """);
        assertThat(s.media()).extracting(SdpMedia::isRtp).containsExactly(true, true, true, true, true, false);
        assertThat(s.media()).extracting(SdpMedia::isSrtp).containsExactly(false, true, false, true, true, false);
    }

    @Test
    void malformedLinesAreCountedNotFatal() {
        SdpSession s = SdpParser.parse("""
                v=zero
                garbage line
                o=too few fields
                c=IN IP4
                c=IN IP4 1.2.3.4/x
                b=AS
                t=now
                m=audio notaport RTP/AVP 0
                a=rtpmap:0 PCMU/8000
                a=rtpmap:xx PCMU/8000
                a=rtpmap:96 opus
                a=rtcp:abc
                a=ptime:fast
                a=fingerprint:sha-256
                a=
                m=audio 6000 RTP/AVP 0
                a=sendonly
                X=upper case type
                """);
        assertThat(s.malformedLines()).isEqualTo(15);
        assertThat(s.media()).hasSize(2);
        assertThat(s.media().get(0).isValid()).isFalse();
        assertThat(s.media().get(0).port()).isEqualTo(-1);
        assertThat(s.media().get(0).codec(0).fromStaticTable()).isFalse();
        assertThat(s.media().get(1).isValid()).isTrue();
        assertThat(s.media().get(1).effectiveDirection()).isEqualTo(SdpDirection.SENDONLY);
        assertThat(s.version()).isEqualTo(-1);
        assertThat(s.origin()).isNull();
    }

    @Test
    void emptyAndLfOnlyInput() {
        SdpSession empty = SdpParser.parse("");
        assertThat(empty.media()).isEmpty();
        assertThat(empty.malformedLines()).isZero();
        SdpSession lf = SdpParser.parse("v=0\nm=audio 1 RTP/AVP 8\na=sendonly");
        assertThat(lf.media().get(0).effectiveDirection()).isEqualTo(SdpDirection.SENDONLY);
    }

    @Test
    void randomMutationsNeverThrow() {
        byte[] base = """
                v=0
                o=- 1 1 IN IP4 1.2.3.4
                s=-
                c=IN IP4 224.2.1.1/127/3
                t=0 0
                m=audio 49170/2 RTP/SAVP 0 96
                a=rtpmap:96 opus/48000/2
                a=rtcp:53020 IN IP4 126.16.64.4
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc
                a=fingerprint:sha-256 AA:BB
                """.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(4566);
        for (int run = 0; run < 5000; run++) {
            byte[] b = base.clone();
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            int len = random.nextInt(b.length + 1);
            SdpSession s = SdpParser.parse(b, 0, len);
            for (SdpMedia m : s.media()) {
                m.codecs();
                m.cryptoSuites();
                m.fmtp(96);
                m.isDtlsSrtp();
                m.toString();
            }
        }
    }
}
