package dev.sipscope.tui.feed;

import dev.sipscope.capture.Frame;
import dev.sipscope.decoder.Packet;
import dev.sipscope.decoder.sip.SipDecoder;
import dev.sipscope.decoder.tcp.TcpStream;
import dev.sipscope.tui.model.FeedSnapshot;
import dev.sipscope.tui.model.StatusCounters;

import java.util.Collection;
import java.util.List;

/**
 * The interim {@link FeedEngine}: the decoder's {@link SipDecoder} feeding a {@link CallTable};
 * datagrams that are not SIP are offered to the table as RTP.
 */
final class SipCallEngine implements FeedEngine {
    private final CallTable table;
    private final SipDecoder sip;

    SipCallEngine(TableOptions options, boolean keepFrames) {
        this.table = new CallTable(options, keepFrames);
        this.sip = new SipDecoder(table);
    }

    @Override
    public void onDatagram(Packet packet) {
        if (!sip.offerDatagram(packet)) {
            table.onRtp(packet);
        }
    }

    @Override
    public void onTcpData(TcpStream stream, Packet packet) {
        sip.onTcpData(stream, packet);
    }

    @Override
    public void onTcpGap(TcpStream stream, boolean fromClient, long missingBytes) {
        sip.onTcpGap(stream, fromClient, missingBytes);
    }

    @Override
    public void onTcpClose(TcpStream stream) {
        sip.onTcpClose(stream);
    }

    @Override
    public void beforeFrame(long frameNumber, Frame frame) {
        table.frameNumber = frameNumber;
        table.frame = frame;
    }

    @Override
    public void afterFrame() {
        table.frame = null;
    }

    @Override
    public boolean changed() {
        return table.changed();
    }

    @Override
    public FeedSnapshot publish(long version, StatusCounters status) {
        return table.publish(version, status);
    }

    @Override
    public int calls() {
        return table.size();
    }

    @Override
    public long sipMessages() {
        return table.sipMessages;
    }

    @Override
    public void clear() {
        table.clear();
    }

    @Override
    public List<CallPackets> packetsOf(Collection<Long> keys) {
        return table.packetsOf(keys);
    }
}
