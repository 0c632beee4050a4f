package dev.sipscope.tui.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Requests the UI sends back to whoever produces the snapshots. Every method returns without
 * waiting for the engine: requests go through the engine's own queue, and a save runs on the
 * caller's (background) thread from immutable data.
 */
public interface FeedControl {

    /** A feed that takes no requests (fixtures). */
    FeedControl NONE = new FeedControl() {
        @Override
        public void clearCalls() {
        }

        @Override
        public boolean canSavePackets() {
            return false;
        }

        @Override
        public long savePackets(Collection<Long> keys, Path target, boolean pcapng) throws IOException {
            throw new IOException("this source keeps no packets to save");
        }
    };

    /** Forgets every call so far (a live capture starting afresh). */
    void clearCalls();

    /** True when {@link #savePackets} can write the calls' packets. */
    boolean canSavePackets();

    /**
     * Writes the packets of the calls {@code keys} (their SIP messages and RTP) to {@code target},
     * as pcapng when asked, else pcap; returns the number of packets written. Runs on the calling
     * thread, which must not be the UI thread. The message of an {@link IOException} is one
     * sentence for the user.
     */
    long savePackets(Collection<Long> keys, Path target, boolean pcapng) throws IOException;
}
