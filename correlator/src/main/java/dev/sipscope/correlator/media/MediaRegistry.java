package dev.sipscope.correlator.media;

import java.util.ArrayDeque;

/**
 * Announced media endpoints (address + port) to the {@link MediaBinding} that announced them: the
 * hash lookup that binds an RTP or RTCP packet to its call.
 *
 * <h2>Lookup</h2>
 * {@link #lookup} first probes the packet's destination: an RTP packet goes to where its receiver's
 * SDP said it wants media, and the binding found is the receiver's. When the destination was never
 * announced it probes the source, which binds packets sent towards a NAT's public address by a
 * party that answers to where media comes from (symmetric RTP); the binding returned is then the
 * one of the party the packet is meant for (the source's peer), or the source's own while the peer
 * is unknown. {@link #lastMatch()} says which happened. A lookup costs one or two probes
 * of an open-addressing table, never scans calls, and allocates nothing.
 *
 * <h2>Ownership of an endpoint</h2>
 * When several calls announce the same endpoint (a B2BUA that passes SDP through, or a port reused
 * by a new call while an old one lingers) the latest announcement wins and hides the older ones;
 * when it is released the most recent hidden one still active is found again. At most
 * {@link #MAX_HIDDEN} older bindings are kept hidden per endpoint.
 *
 * <h2>Release</h2>
 * Bindings are released with a time ({@link #release}): lookups at or after it no longer find the
 * binding, so a port reused by a new call binds to the new call; {@link #sweep} removes released
 * bindings from the table as capture time passes. Memory: at most {@code maxBindings} entries (each
 * a few tens of bytes plus the binding); registrations beyond are refused and counted.
 *
 * <h2>Relayed streams</h2>
 * A B2BUA that anchors media on ports of its own announces different endpoints on each leg, so
 * its legs share no SDP endpoint; but it usually relays each RTP packet with its SSRC, sequence
 * number and timestamp unchanged. {@link #noteSsrc} (called once per stream by whoever reads RTP
 * headers) remembers which binding a stream's SSRC was first seen at, in a direct-mapped table of
 * {@value #SSRC_SLOTS} slots; the same SSRC with a nearby sequence number at a binding of another
 * call within the relay window is reported to the {@link RelayListener}.
 *
 * <p>Not thread-safe: the engine thread owns it.
 */
public final class MediaRegistry {
    /** Told when one RTP stream shows up at the bindings of two calls (engine thread). */
    public interface RelayListener {
        /** {@code first} saw the stream first, {@code second} now sees it; their owners differ. */
        void relayed(MediaBinding first, MediaBinding second);
    }

    /** Told each time an SDP endpoint is (re)registered, so that stream statistics can learn it (engine thread). */
    public interface EndpointListener {
        void registered(MediaBinding binding);

        /**
         * The last binding of an endpoint left the registry (its call ended and the grace passed, or
         * its call was evicted): nothing owns the address and port any more.
         */
        default void unregistered(MediaBinding binding) {
        }
    }

    private EndpointListener endpointListener;

    /** Sets the one listener told about every registration (null for none). */
    public void onEndpoint(EndpointListener listener) {
        this.endpointListener = listener;
    }

    /** Slots of the SSRC table (a power of two); an SSRC hashing onto a busy slot replaces it once the window passed. */
    public static final int SSRC_SLOTS = 1 << 14;
    /** Sequence numbers of a relayed stream's first packets differ by at most this much (16-bit arithmetic). */
    static final int RELAY_MAX_SEQUENCE_GAP = 1024;
    /** Older bindings of other calls kept hidden behind the newest one at the same endpoint. */
    public static final int MAX_HIDDEN = 8;
    /** Default bound on registered bindings. */
    public static final int DEFAULT_MAX_BINDINGS = 1 << 20;

    private static final int MIN_CAPACITY = 64;

    private final int maxBindings;
    /** Longs per slot in {@link #keys}: address hi, address lo, {@link #portWord}. */
    private static final int STRIDE = 3;
    /**
     * The keys of slot i side by side at {@code keys[i*STRIDE .. i*STRIDE+2]}, so that a probe reads
     * one cache line (or two) instead of one per array; a slot is free when its port word is 0.
     */
    private long[] keys;
    /** The newest binding at each slot (older ones hang off its {@link MediaBinding#shadowed} chain). */
    private MediaBinding[] values;
    private int mask;
    private int slotsUsed;
    private int bindings;

    private final ArrayDeque<MediaBinding> released = new ArrayDeque<>();

    private final long[] ssrcKeys = new long[SSRC_SLOTS];
    private final int[] ssrcSequences = new int[SSRC_SLOTS];
    private final long[] ssrcTimes = new long[SSRC_SLOTS];
    private final MediaBinding[] ssrcBindings = new MediaBinding[SSRC_SLOTS];
    private RelayListener relayListener;
    private long relayWindowNanos;
    private long relaysFound;
    private MediaMatch lastMatch = MediaMatch.NONE;
    private long version;
    private long lookups;
    private long boundLookups;
    private long refused;

    /** Equal payload maps of many offers kept once (see {@link SharedValues}). */
    private final SharedValues<PayloadMap, PayloadMap> payloadMaps = new SharedValues<>(256, p -> p);

    public MediaRegistry() {
        this(DEFAULT_MAX_BINDINGS);
    }

    /** The payload map kept for offers equal to {@code payloads} (the first one seen), engine thread only. */
    PayloadMap sharedPayloads(PayloadMap payloads) {
        return payloadMaps.get(payloads);
    }

    public MediaRegistry(int maxBindings) {
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maxBindings must be positive, got " + maxBindings);
        }
        this.maxBindings = maxBindings;
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        keys = new long[capacity * STRIDE];
        values = new MediaBinding[capacity];
        mask = capacity - 1;
        slotsUsed = 0;
    }

    // ---------------------------------------------------------------- lookups (hot path)

    /**
     * The binding of a packet from {@code src} to {@code dst} at capture time {@code timeNanos}, or
     * null when neither end was announced by a call still active at that time. Records an unexpected
     * source or an unannounced destination in the binding it returns; {@link #lastMatch()} tells how
     * it matched. Allocates nothing per packet (a binding makes its record of such observations once,
     * on the first one).
     */
    public MediaBinding lookup(long dstHi, long dstLo, int dstPort, long srcHi, long srcLo, int srcPort, long timeNanos) {
        lookups++;
        MediaBinding b = activeAt(dstHi, dstLo, dstPort, timeNanos);
        if (b != null) {
            boundLookups++;
            // As "no peer, or the source is the peer, or the peer is gone", the first two read from b alone.
            if (b.peerPortWord == MediaBinding.NO_PEER || b.peerIsAt(srcHi, srcLo, srcPort) || !b.peer.registered) {
                lastMatch = MediaMatch.DESTINATION;
            } else {
                b.noteUnexpectedSource(srcHi, srcLo, srcPort);
                lastMatch = MediaMatch.DESTINATION_UNEXPECTED_SOURCE;
            }
            return b;
        }
        b = activeAt(srcHi, srcLo, srcPort, timeNanos);
        if (b != null) {
            // Media from an announced endpoint to somewhere unannounced: it is meant for the other
            // party (reached through its NAT's public address), so it binds to the other party's
            // endpoint when that is known.
            MediaBinding peer = b.peer;
            MediaBinding meant = peer != null && peer.registered && timeNanos < peer.releaseAtNanos ? peer : b;
            boundLookups++;
            meant.noteUnannouncedDestination(dstHi, dstLo, dstPort);
            lastMatch = MediaMatch.SOURCE;
            return meant;
        }
        lastMatch = MediaMatch.NONE;
        return null;
    }

    /** How the last {@link #lookup} matched. */
    public MediaMatch lastMatch() {
        return lastMatch;
    }

    /**
     * The binding that owns endpoint {@code hi/lo/port} at {@code timeNanos} (the newest active one),
     * or null. Records nothing. Allocates nothing.
     */
    public MediaBinding activeAt(long hi, long lo, int port, long timeNanos) {
        int slot = slotOf(hi, lo, port);
        if (slot < 0) {
            return null;
        }
        for (MediaBinding b = values[slot]; b != null; b = b.shadowed) {
            if (timeNanos < b.releaseAtNanos) {
                return b;
            }
        }
        return null;
    }

    /**
     * Incremented whenever a binding is registered, moved or removed: a cache of lookups (one per
     * stream, say) is still right while the version has not changed.
     */
    public long version() {
        return version;
    }

    /** Endpoints in the table (hidden bindings not counted). */
    public int endpoints() {
        return slotsUsed;
    }

    /** Bindings registered, hidden ones included. */
    public int bindings() {
        return bindings;
    }

    public long lookups() {
        return lookups;
    }

    /** Lookups that found a binding. */
    public long boundLookups() {
        return boundLookups;
    }

    /** Registrations refused because {@code maxBindings} were registered. */
    public long refused() {
        return refused;
    }

    // ---------------------------------------------------------------- relayed streams

    /** Who hears about relayed streams, and how far apart in time the two sightings may be. */
    public void onRelay(RelayListener listener, long windowNanos) {
        this.relayListener = listener;
        this.relayWindowNanos = windowNanos;
    }

    /**
     * Notes that RTP with this SSRC (and this sequence number) reached {@code binding} at
     * {@code timeNanos}. Costs one comparison when the binding's stream did not change, else one
     * slot of the SSRC table; allocates nothing. Call it at least for the first packet of each
     * stream (the default media sink calls it for every packet).
     */
    public void noteSsrc(MediaBinding binding, long ssrc, int sequence, long timeNanos) {
        if (binding.lastSsrc == ssrc) {
            return;
        }
        binding.lastSsrc = ssrc;
        int slot = (int) (mix(ssrc) & (SSRC_SLOTS - 1));
        MediaBinding first = ssrcBindings[slot];
        boolean recent = first != null && timeNanos - ssrcTimes[slot] <= relayWindowNanos
                && timeNanos >= ssrcTimes[slot];
        if (recent && ssrcKeys[slot] == ssrc) {
            int gap = Math.abs((short) (sequence - ssrcSequences[slot]));
            if (first.owner() != binding.owner() && gap <= RELAY_MAX_SEQUENCE_GAP && relayListener != null) {
                relaysFound++;
                relayListener.relayed(first, binding);
            }
            return;
        }
        if (!recent) {
            forgetSsrcSlot(binding);
            ssrcKeys[slot] = ssrc;
            ssrcSequences[slot] = sequence & 0xffff;
            ssrcTimes[slot] = timeNanos;
            ssrcBindings[slot] = binding;
            binding.ssrcSlot = slot;
        }
    }

    /** Streams seen relayed between two calls. */
    public long relaysFound() {
        return relaysFound;
    }

    private static long mix(long v) {
        v *= 0x9E3779B97F4A7C15L;
        return v ^ (v >>> 29);
    }

    // ---------------------------------------------------------------- changes (engine thread)

    /**
     * Makes {@code b} the owner of its endpoint from now on (again, if it was registered already).
     * Returns the binding of another call that owned the endpoint and is still active at
     * {@code nowNanos}, or null; returns null without registering when the registry is full.
     */
    MediaBinding register(MediaBinding b, long nowNanos) {
        if (b.registered) {
            unlink(b);
        }
        b.releaseAtNanos = Long.MAX_VALUE;
        if (bindings >= maxBindings) {
            refused++;
            return null;
        }
        version++;
        int slot = slotOf(b.hi, b.lo, b.port);
        MediaBinding previous = null;
        if (slot >= 0) {
            MediaBinding top = values[slot];
            for (MediaBinding h = top; h != null; h = h.shadowed) {
                if (h.owner() != b.owner() && nowNanos < h.releaseAtNanos) {
                    previous = h;
                    break;
                }
            }
            b.shadowed = top;
            values[slot] = b;
            trimHidden(b);
        } else {
            if ((slotsUsed + 1) * 2 > values.length) {
                grow();
            }
            insert(b);
            slotsUsed++;
        }
        b.registered = true;
        if (endpointListener != null) {
            endpointListener.registered(b);
        }
        bindings++;
        return previous;
    }

    /** From {@code atNanos} on, lookups no longer find {@code b}. Does nothing when it is not registered. */
    void release(MediaBinding b, long atNanos) {
        if (!b.registered) {
            return;
        }
        if (atNanos < b.releaseAtNanos) {
            b.releaseAtNanos = atNanos;
            released.add(b);
            version++;
        }
    }

    /** Takes {@code b} out at once (its call was evicted). Does nothing when it is not registered. */
    void remove(MediaBinding b) {
        if (b.registered) {
            b.releaseAtNanos = Long.MIN_VALUE;
            unlink(b);
        }
    }

    /** Removes released bindings whose release time has come (call with the engine's capture time). */
    public void sweep(long nowNanos) {
        MediaBinding b;
        while ((b = released.peek()) != null) {
            if (!b.registered || b.releaseAtNanos == Long.MAX_VALUE) {
                released.poll();
            } else if (b.releaseAtNanos <= nowNanos) {
                released.poll();
                unlink(b);
            } else {
                break;
            }
        }
    }

    private void trimHidden(MediaBinding top) {
        MediaBinding h = top;
        for (int depth = 0; h != null && depth < MAX_HIDDEN; depth++) {
            h = h.shadowed;
        }
        if (h != null && h.shadowed != null) {
            MediaBinding drop = h.shadowed;
            h.shadowed = null;
            while (drop != null) {
                MediaBinding next = drop.shadowed;
                drop.shadowed = null;
                drop.registered = false;
                bindings--;
                drop = next;
            }
        }
    }

    /** Takes {@code b} out of the table or out of the hidden chain it is in. */
    /**
     * A binding holds at most one SSRC slot (its latest stream's); the slot is cleared when it claims
     * another or leaves the registry, so the cache never keeps an ended call reachable.
     */
    private void forgetSsrcSlot(MediaBinding b) {
        int s = b.ssrcSlot;
        if (s >= 0 && ssrcBindings[s] == b) {
            ssrcBindings[s] = null;
        }
        b.ssrcSlot = -1;
    }

    private void unlink(MediaBinding b) {
        forgetSsrcSlot(b);
        int slot = slotOf(b.hi, b.lo, b.port);
        b.registered = false;
        version++;
        if (slot < 0) {
            b.shadowed = null;
            return;
        }
        if (values[slot] == b) {
            bindings--;
            if (b.shadowed != null) {
                values[slot] = b.shadowed;
            } else {
                removeSlot(slot);
                slotsUsed--;
                if (endpointListener != null) {
                    endpointListener.unregistered(b);
                }
            }
            b.shadowed = null;
            return;
        }
        for (MediaBinding h = values[slot]; h != null; h = h.shadowed) {
            if (h.shadowed == b) {
                h.shadowed = b.shadowed;
                bindings--;
                break;
            }
        }
        b.shadowed = null;
    }

    // ---------------------------------------------------------------- open addressing

    private static int hash(long hi, long lo, int port) {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        h = (h ^ port) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The port as stored in a slot: never 0, so that 0 marks a free slot. */
    private static long portWord(int port) {
        return (1L << 32) | (port & 0xffffffffL);
    }

    private int slotOf(long hi, long lo, int port) {
        long[] k = keys;
        long word = portWord(port);
        int m = mask;
        int i = hash(hi, lo, port) & m;
        while (true) {
            int at = i * STRIDE;
            long w = k[at + 2];
            if (w == word && k[at + 1] == lo && k[at] == hi) {
                return i;
            }
            if (w == 0) {
                return -1;
            }
            i = (i + 1) & m;
        }
    }

    private void insert(MediaBinding b) {
        int i = hash(b.hi, b.lo, b.port) & mask;
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        int at = i * STRIDE;
        keys[at] = b.hi;
        keys[at + 1] = b.lo;
        keys[at + 2] = portWord(b.port);
        values[i] = b;
    }

    /** Linear-probing deletion with backward shift (no tombstones). */
    private void removeSlot(int i) {
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (values[j] == null) {
                break;
            }
            int at = j * STRIDE;
            int home = hash(keys[at], keys[at + 1], (int) keys[at + 2]) & mask;
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                System.arraycopy(keys, at, keys, hole * STRIDE, STRIDE);
                values[hole] = values[j];
                hole = j;
            }
        }
        int at = hole * STRIDE;
        keys[at] = 0;
        keys[at + 1] = 0;
        keys[at + 2] = 0;
        values[hole] = null;
    }

    private void grow() {
        MediaBinding[] old = values;
        allocate(old.length * 2);
        for (MediaBinding b : old) {
            if (b != null) {
                insert(b);
                slotsUsed++;
            }
        }
    }
}
