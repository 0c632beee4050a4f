package dev.sipscope.samples;

import dev.sipscope.samples.SipNet.Party;
import dev.sipscope.samples.net.Endpoint;
import dev.sipscope.samples.net.PacketBuilder;
import dev.sipscope.samples.net.SeededRandom;
import dev.sipscope.samples.rtp.JitterModel;
import dev.sipscope.samples.rtp.LossModel;
import dev.sipscope.samples.rtp.RtpOptions;
import dev.sipscope.samples.rtp.RtpStreamSpec;
import java.util.List;
import java.util.function.Consumer;

/** The ladder of a {@link B2buaBuilder}: two calls on one {@link SipNet}, and the relayed media. */
final class B2buaGenerator extends ScriptedGenerator {
    private static final long B2BUA_DELAY_NANOS = 200_000;
    /** From a packet's arrival at the B2BUA to the relayed copy leaving it. */
    private static final long RELAY_NANOS = 50_000;

    private final Consumer<CallTruth> sink;
    private final UaCall legA;
    private final UaCall legB;

    B2buaGenerator(B2buaBuilder b, int index, long startNanos, PacketBuilder packets, SeededRandom random,
                   Consumer<CallTruth> sink) {
        super(new SipNet(packets, b.path, random.child(1)));
        b.validate();
        this.sink = sink;
        SeededRandom media = random.child(2);
        long d = b.oneWayDelayMillis * SipNet.MS;
        Party caller = new Party(b.callerUser, b.callerSip, d, "sipscope-samples caller/1.0");
        Party sbcAsCallee = new Party(b.calleeUser, b.b2bua, B2BUA_DELAY_NANOS, "sipscope-samples b2bua/1.0");
        Party sbcAsCaller = new Party(b.callerUser, b.b2bua, B2BUA_DELAY_NANOS, "sipscope-samples b2bua/1.0");
        Party callee = new Party(b.calleeUser, b.calleeSip, d + SipNet.MS, "sipscope-samples callee/1.0");
        legA = new UaCall(net, index, UaCall.sub(b.label, "a"), "b2bua-leg-a", caller, sbcAsCallee, b.codec);
        legB = new UaCall(net, index, UaCall.sub(b.label, "b"), "b2bua-leg-b", sbcAsCaller, callee, b.codec);

        Endpoint callerMedia = b.callerSip.withPort(net.rtpPort());
        Endpoint calleeMedia = b.calleeSip.withPort(net.rtpPort());
        int portA = net.rtpPort();
        int portB = b.sharedMediaPort ? portA : portA + 2;
        Endpoint anchorA = b.b2bua.withPort(portA);
        Endpoint anchorB = b.b2bua.withPort(portB);
        long callerSession = net.sessionId();
        long calleeSession = net.sessionId();
        long sbcSession = net.sessionId();
        byte[] offerA = SipNet.sdp(caller.user, callerSession, callerSession, callerMedia, b.codec, "sendrecv");
        byte[] answerB = SipNet.sdp(callee.user, calleeSession, calleeSession, calleeMedia, b.codec, "sendrecv");
        byte[] offerB = b.directMedia ? offerA : SipNet.sdp("b2bua", sbcSession, sbcSession, anchorB, b.codec, "sendrecv");
        byte[] answerA = b.directMedia ? answerB
                : SipNet.sdp("b2bua", sbcSession + 1, sbcSession + 1, anchorA, b.codec, "sendrecv");

        long atSbc = legA.invite(startNanos, offerA);
        long tSbc = atSbc + net.quick();
        legA.trying(tSbc);
        tSbc += net.quick();
        long atCallee = b.linkHeader == null ? legB.invite(tSbc, offerB)
                : legB.invite(tSbc, offerB, b.linkHeader, legA.callId);
        long tCallee = atCallee + net.quick();
        legB.trying(tCallee);
        tCallee += net.think();
        if (b.ringMillis > 0) {
            long back = legB.ringing(tCallee);
            legA.ringing(back + net.quick());
            tCallee += b.ringMillis * SipNet.MS;
        }
        long okAtSbc = legB.answer(tCallee, answerB);
        long tAckB = okAtSbc + net.quick();
        legB.ack(tAckB);
        long okAtCaller = legA.answer(tAckB + net.quick(), answerA);
        long tAckA = okAtCaller + net.quick();
        legA.ack(tAckA);

        long talk = Math.round(b.talkSeconds * 1e9);
        long tBye = tAckA + talk;
        if (b.media) {
            long callerStart = SipNet.captured(caller, tAckA + net.mediaSetup());
            long calleeStart = SipNet.captured(callee, tCallee + net.mediaSetup());
            long callerEnd = SipNet.captured(caller, tBye);
            long calleeEnd = callerEnd + 3 * B2BUA_DELAY_NANOS + callee.delayNanos + 2 * d;
            RtpOptions opts = new RtpOptions();
            if (b.directMedia) {
                net.talk(legA.truth, caller.user, callerMedia, callerStart, callerEnd, callee.user, calleeMedia, calleeStart,
                        calleeEnd, b.codec, media.child(1));
            } else {
                RtpStreamSpec up = RtpStreamSpec.resolve(caller.user + "->b2bua", opts, callerMedia, anchorA, b.path, b.codec,
                        callerStart, callerEnd, List.of(), media.child(1));
                RtpStreamSpec down = RtpStreamSpec.resolve(callee.user + "->b2bua", opts, calleeMedia, anchorB, b.path,
                        b.codec, calleeStart, calleeEnd, List.of(), media.child(2));
                long hop = 2 * B2BUA_DELAY_NANOS + RELAY_NANOS;
                net.rtp(legA.truth, up, media.child(3));
                net.rtp(legA.truth, relay(down, "b2bua->" + caller.user, anchorA, callerMedia, hop), media.child(4));
                net.rtp(legB.truth, relay(up, "b2bua->" + callee.user, anchorB, calleeMedia, hop), media.child(5));
                net.rtp(legB.truth, down, media.child(6));
            }
        }
        long byeAtSbc = legA.request(true, tBye, "BYE", null, null);
        long tSbcBye = byeAtSbc + net.quick();
        legA.respond(tSbcBye, 200);
        long byeAtCallee = legB.request(true, tSbcBye + net.quick(), "BYE", null, null);
        legB.respond(byeAtCallee + net.quick(), 200);

        CallLink link = new CallLink(CallLink.Kind.B2BUA, legA.callId, legB.callId,
                b.linkHeader != null ? b.linkHeader : "media");
        legA.truth.links.add(link);
        legB.truth.links.add(link);
        net.render();
        net.fill(legA.truth);
        net.fill(legB.truth);
    }

    /**
     * The B2BUA's copy of {@code in}: same SSRC, sequence numbers, timestamps and payload type, from
     * its anchor to the far end, {@code delayNanos} after each original is captured; no impairment.
     */
    private static RtpStreamSpec relay(RtpStreamSpec in, String label, Endpoint from, Endpoint to, long delayNanos) {
        return new RtpStreamSpec(label, from, to, in.path(), in.codec(), in.payloadType(), in.eventPayloadType(),
                in.ptimeMillis(), in.ssrc(), in.startSeq(), in.startTimestamp(), in.startNanos() + delayNanos,
                in.endNanos() + delayNanos, in.pauses(), LossModel.none(), JitterModel.none(), 0, 0, in.dtmf(),
                in.meanTalkMillis(), in.meanSilenceMillis(), in.recordArrivals(), in.trackSenderHistory());
    }

    @Override
    void deliver() {
        sink.accept(legA.truth);
        sink.accept(legB.truth);
    }
}
