package dev.sipscope.decoder.rtp;

/**
 * A reusable view of one RTCP compound datagram (RFC 3550 §6) over {@code (bytes, offset, length)}.
 *
 * <p>{@link #wrap} walks the compound once ({@code offset += 4·(length+1)}, QUALITY.md §9.1) and records
 * how the walk ended; {@link #first()} / {@link #next()} then move a cursor over the packets and the
 * accessors read the packet under the cursor: SR sender info and report blocks (RFC 3550 §6.4), SDES
 * items (§6.5), BYE (§6.6), APP (§6.7), XR report blocks (RFC 3611 §3) including VoIP Metrics (§4.7),
 * Receiver Reference Time (§4.4) and DLRR (§4.5). Nothing is copied or allocated.
 *
 * <p>Validity ({@link #wrap}'s result): every walked header has version 2, every packet lies inside the
 * datagram, only the last packet carries padding, and the first packet is a known RTCP type (200..207;
 * RFC 5506 allows a reduced-size compound to start with something other than SR/RR). A walk that meets a
 * header with version ≠ 2 after at least one good packet stops there and reports
 * {@link #TRAILING_DATA}: this is what an SRTCP packet (encrypted tail, RFC 3711 §3.4) looks like.
 *
 * <p>Accessors on report blocks, SDES items, BYE sources and XR blocks never read past the packet that
 * holds them: counts are capped to what fits. Not thread-safe.
 */
public final class RtcpView {
    public static final int VALID = 0;
    /** Fewer than 8 octets, or a bad offset/length. */
    public static final int TOO_SHORT = 1;
    /** The first header does not have version 2. */
    public static final int BAD_VERSION = 2;
    /** The first packet type is not one of 200..207. */
    public static final int UNKNOWN_FIRST_TYPE = 3;
    /** A packet's length field runs past the end of the datagram. */
    public static final int BAD_LENGTH = 4;
    /** A packet other than the last has the padding bit, or the padding count does not fit. */
    public static final int BAD_PADDING = 5;
    /** Good packets followed by octets that are not RTCP (version ≠ 2): SRTCP, or garbage. */
    public static final int TRAILING_DATA = 6;

    public static final int PT_SR = 200;
    public static final int PT_RR = 201;
    public static final int PT_SDES = 202;
    public static final int PT_BYE = 203;
    public static final int PT_APP = 204;
    public static final int PT_RTPFB = 205;
    public static final int PT_PSFB = 206;
    public static final int PT_XR = 207;

    public static final int SDES_END = 0;
    public static final int SDES_CNAME = 1;

    public static final int XR_LOSS_RLE = 1;
    public static final int XR_DUPLICATE_RLE = 2;
    public static final int XR_PACKET_RECEIPT_TIMES = 3;
    public static final int XR_RECEIVER_REFERENCE_TIME = 4;
    public static final int XR_DLRR = 5;
    public static final int XR_STATISTICS_SUMMARY = 6;
    public static final int XR_VOIP_METRICS = 7;

    /** Octets of one SR/RR report block. */
    public static final int REPORT_BLOCK_LENGTH = 24;
    /** Octets of a VoIP Metrics block, header included (block length field 8). */
    public static final int VOIP_METRICS_LENGTH = 36;
    /** The value of XR VoIP Metrics signal, noise, RERL, R and MOS fields meaning "unavailable". */
    public static final int XR_UNAVAILABLE = 127;

    private byte[] b;
    private int start;
    private int end;
    private int validity;
    private int packetCount;
    private int walkedLength;

    // cursor: the current packet
    private int pOff = -1;
    private int pLen;

    // SDES cursor
    private static final int SDES_NOT_STARTED = -1;
    private static final int SDES_DONE = -2;
    private int sdesNext = SDES_NOT_STARTED;
    private int sdesChunksLeft;
    private int sdesItemOff;
    private int sdesItemType;
    private int sdesItemLen;
    private long sdesSsrc;

    // XR cursor
    private int xrOff = -1;
    private int xrLen;

    /** Points the view at a datagram, walks the compound and returns {@link #VALID} or the failed rule. */
    public int wrap(byte[] bytes, int offset, int length) {
        b = bytes;
        start = offset;
        end = offset + length;
        packetCount = 0;
        walkedLength = 0;
        pOff = -1;
        xrOff = -1;
        validity = walk(bytes, offset, length);
        return validity;
    }

    private int walk(byte[] bytes, int offset, int length) {
        if (bytes == null || offset < 0 || length < 8 || length > bytes.length - offset) {
            end = offset;
            return TOO_SHORT;
        }
        if (((bytes[offset] & 0xff) >>> 6) != 2) {
            return BAD_VERSION;
        }
        int firstType = bytes[offset + 1] & 0xff;
        if (firstType < PT_SR || firstType > PT_XR) {
            return UNKNOWN_FIRST_TYPE;
        }
        int o = offset;
        int e = offset + length;
        boolean paddingSeen = false;
        while (o < e) {
            if (e - o < 4) {
                return packetCount == 0 ? BAD_LENGTH : TRAILING_DATA;
            }
            int b0 = bytes[o] & 0xff;
            if ((b0 >>> 6) != 2) {
                return TRAILING_DATA;
            }
            if (paddingSeen) {
                return BAD_PADDING;
            }
            int plen = 4 * ((((bytes[o + 2] & 0xff) << 8) | (bytes[o + 3] & 0xff)) + 1);
            if (plen > e - o) {
                return BAD_LENGTH;
            }
            if ((b0 & 0x20) != 0) {
                int pad = bytes[o + plen - 1] & 0xff;
                if (pad == 0 || pad > plen - 4) {
                    return BAD_PADDING;
                }
                paddingSeen = true;
            }
            o += plen;
            packetCount++;
            walkedLength = o - offset;
        }
        return VALID;
    }

    /** The array the view reads. */
    public byte[] array() {
        return b;
    }

    /** The result of the last {@link #wrap}. */
    public int validity() {
        return validity;
    }

    /** Packets the walk found well formed (with {@link #TRAILING_DATA}: those before the trailing octets). */
    public int packetCount() {
        return packetCount;
    }

    /** Octets covered by the well-formed packets. */
    public int walkedLength() {
        return walkedLength;
    }

    /** Moves the cursor to the first well-formed packet; false when there is none. */
    public boolean first() {
        if (packetCount == 0) {
            pOff = -1;
            return false;
        }
        setPacket(start);
        return true;
    }

    /** Moves the cursor to the next well-formed packet; false at the end. */
    public boolean next() {
        if (pOff < 0) {
            return false;
        }
        int n = pOff + pLen;
        if (n >= start + walkedLength) {
            pOff = -1;
            return false;
        }
        setPacket(n);
        return true;
    }

    private void setPacket(int o) {
        pOff = o;
        pLen = 4 * ((((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff)) + 1);
        xrOff = -1;
        sdesNext = SDES_NOT_STARTED;
        sdesChunksLeft = 0;
        sdesItemOff = -1;
    }

    /** Absolute offset of the current packet. */
    public int packetOffset() {
        return pOff;
    }

    /** Octets of the current packet, header and padding included. */
    public int packetLength() {
        return pLen;
    }

    /** 200 SR, 201 RR, 202 SDES, 203 BYE, 204 APP, 205 RTPFB, 206 PSFB, 207 XR, or another value. */
    public int packetType() {
        return b[pOff + 1] & 0xff;
    }

    /** The 5-bit count / subtype field (RC, SC, FMT...). */
    public int count() {
        return b[pOff] & 0x1f;
    }

    public boolean hasPadding() {
        return (b[pOff] & 0x20) != 0;
    }

    /** Octets of the current packet without its padding. */
    private int contentLength() {
        return hasPadding() ? pLen - (b[pOff + pLen - 1] & 0xff) : pLen;
    }

    /** The SSRC after the common header (sender of SR/RR/XR/APP/feedback, first SDES chunk or BYE source); -1 if absent. */
    public long senderSsrc() {
        return contentLength() >= 8 ? RtpView.readUnsigned32(b, pOff + 4) : -1;
    }

    // ------------------------------------------------------------------ SR / RR

    /** An SR with its complete 20-octet sender info. */
    public boolean hasSenderInfo() {
        return packetType() == PT_SR && contentLength() >= 28;
    }

    /** NTP timestamp, seconds since 1900 (unsigned 32-bit). Requires {@link #hasSenderInfo()}. */
    public long ntpSeconds() {
        return RtpView.readUnsigned32(b, pOff + 8);
    }

    /** NTP timestamp, fraction of a second in units of 2^-32. */
    public long ntpFraction() {
        return RtpView.readUnsigned32(b, pOff + 12);
    }

    /** The middle 32 bits of the NTP timestamp: what receivers echo as LSR (RFC 3550 §6.4.1). */
    public long ntpMiddle32() {
        return NtpTime.middle32(ntpSeconds(), ntpFraction());
    }

    public long senderRtpTimestamp() {
        return RtpView.readUnsigned32(b, pOff + 16);
    }

    public long senderPacketCount() {
        return RtpView.readUnsigned32(b, pOff + 20);
    }

    public long senderOctetCount() {
        return RtpView.readUnsigned32(b, pOff + 24);
    }

    private int reportBlocksOffset() {
        return pOff + (packetType() == PT_SR ? 28 : 8);
    }

    /** Report blocks of the current SR or RR: RC, capped to the blocks that fit in the packet; 0 for other types. */
    public int reportBlockCount() {
        int t = packetType();
        if (t != PT_SR && t != PT_RR) {
            return 0;
        }
        int room = pOff + contentLength() - reportBlocksOffset();
        if (room <= 0) {
            return 0;
        }
        return Math.min(count(), room / REPORT_BLOCK_LENGTH);
    }

    private int block(int i) {
        if (i < 0 || i >= reportBlockCount()) {
            throw new IndexOutOfBoundsException("report block " + i + " of " + reportBlockCount());
        }
        return reportBlocksOffset() + REPORT_BLOCK_LENGTH * i;
    }

    /** SSRC_n: the source the i-th block reports on. */
    public long blockSsrc(int i) {
        return RtpView.readUnsigned32(b, block(i));
    }

    /** Fraction lost since the previous report, 8-bit fixed point (value/256). */
    public int blockFractionLost(int i) {
        return b[block(i) + 4] & 0xff;
    }

    /** Cumulative number of packets lost: the signed 24-bit field, sign-extended. */
    public int blockCumulativeLost(int i) {
        int o = block(i) + 5;
        int v = ((b[o] & 0xff) << 16) | ((b[o + 1] & 0xff) << 8) | (b[o + 2] & 0xff);
        return (v << 8) >> 8;
    }

    /** Extended highest sequence number received: cycles in the upper 16 bits, max seq in the lower. */
    public long blockExtendedHighestSeq(int i) {
        return RtpView.readUnsigned32(b, block(i) + 8);
    }

    /** Interarrival jitter in timestamp units of SSRC_n's clock. */
    public long blockJitter(int i) {
        return RtpView.readUnsigned32(b, block(i) + 12);
    }

    /** Last SR timestamp (middle 32 bits of its NTP time), 0 if none. */
    public long blockLsr(int i) {
        return RtpView.readUnsigned32(b, block(i) + 16);
    }

    /** Delay since the last SR, in units of 1/65536 s. */
    public long blockDlsr(int i) {
        return RtpView.readUnsigned32(b, block(i) + 20);
    }

    // ------------------------------------------------------------------ SDES

    /**
     * Advances to the next SDES item of the current SDES packet (walking every chunk); false when none is
     * left or the rest is malformed. Chunks are SSRC + items ending with a null item, padded to 32 bits.
     */
    public boolean nextSdesItem() {
        if (pOff < 0 || packetType() != PT_SDES || sdesNext == SDES_DONE) {
            return false;
        }
        int limit = pOff + contentLength();
        int o;
        if (sdesNext == SDES_NOT_STARTED) {
            sdesChunksLeft = count();
            if (sdesChunksLeft == 0 || !startChunk(pOff + 4, limit)) {
                sdesNext = SDES_DONE;
                return false;
            }
            o = pOff + 8;
        } else {
            o = sdesNext;
        }
        while (true) {
            if (o >= limit) {
                sdesNext = SDES_DONE;
                return false;
            }
            int type = b[o] & 0xff;
            if (type == SDES_END) {
                // The null item ends the chunk; the next chunk starts at the next 32-bit boundary.
                int used = o - pOff + 1;
                o = pOff + ((used + 3) & ~3);
                sdesChunksLeft--;
                if (sdesChunksLeft <= 0 || !startChunk(o, limit)) {
                    sdesNext = SDES_DONE;
                    return false;
                }
                o += 4;
                continue;
            }
            if (o + 2 > limit || o + 2 + (b[o + 1] & 0xff) > limit) {
                sdesNext = SDES_DONE;
                return false;
            }
            sdesItemOff = o;
            sdesItemType = type;
            sdesItemLen = b[o + 1] & 0xff;
            sdesNext = o + 2 + sdesItemLen;
            return true;
        }
    }

    private boolean startChunk(int o, int limit) {
        if (o + 4 > limit) {
            return false;
        }
        sdesSsrc = RtpView.readUnsigned32(b, o);
        return true;
    }

    /** SSRC of the chunk holding the current SDES item. */
    public long sdesSsrc() {
        return sdesSsrc;
    }

    /** 1 CNAME, 2 NAME, 3 EMAIL, 4 PHONE, 5 LOC, 6 TOOL, 7 NOTE, 8 PRIV. */
    public int sdesItemType() {
        return sdesItemType;
    }

    /** Absolute offset of the current item's text. */
    public int sdesItemOffset() {
        return sdesItemOff + 2;
    }

    public int sdesItemLength() {
        return sdesItemLen;
    }

    // ------------------------------------------------------------------ BYE

    /** Sources leaving (the SC field, capped to what fits). */
    public int byeSsrcCount() {
        if (packetType() != PT_BYE) {
            return 0;
        }
        return Math.min(count(), (contentLength() - 4) / 4);
    }

    public long byeSsrc(int i) {
        if (i < 0 || i >= byeSsrcCount()) {
            throw new IndexOutOfBoundsException("BYE source " + i + " of " + byeSsrcCount());
        }
        return RtpView.readUnsigned32(b, pOff + 4 + 4 * i);
    }

    /** Absolute offset of the reason text, -1 if there is none. */
    public int byeReasonOffset() {
        int o = pOff + 4 + 4 * byeSsrcCount();
        int limit = pOff + contentLength();
        if (packetType() != PT_BYE || o >= limit || o + 1 + (b[o] & 0xff) > limit) {
            return -1;
        }
        return o + 1;
    }

    /** Length of the reason text, 0 if there is none. */
    public int byeReasonLength() {
        int r = byeReasonOffset();
        return r < 0 ? 0 : b[r - 1] & 0xff;
    }

    // ------------------------------------------------------------------ APP

    /** The four ASCII octets of an APP packet's name as a big-endian int, -1 if absent. */
    public int appName() {
        if (packetType() != PT_APP || contentLength() < 12) {
            return -1;
        }
        return ((b[pOff + 8] & 0xff) << 24) | ((b[pOff + 9] & 0xff) << 16) | ((b[pOff + 10] & 0xff) << 8) | (b[pOff + 11] & 0xff);
    }

    public int appDataOffset() {
        return pOff + 12;
    }

    public int appDataLength() {
        return Math.max(0, contentLength() - 12);
    }

    // ------------------------------------------------------------------ XR

    /** Moves the XR cursor to the first report block of the current XR packet; false if none. */
    public boolean firstXrBlock() {
        if (packetType() != PT_XR) {
            return false;
        }
        return setXrBlock(pOff + 8);
    }

    /** Moves the XR cursor to the next block; false at the end or at a block that does not fit. */
    public boolean nextXrBlock() {
        if (xrOff < 0) {
            return false;
        }
        return setXrBlock(xrOff + xrLen);
    }

    private boolean setXrBlock(int o) {
        int limit = pOff + contentLength();
        if (o + 4 > limit) {
            xrOff = -1;
            return false;
        }
        int l = 4 * ((((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff)) + 1);
        if (o + l > limit) {
            xrOff = -1;
            return false;
        }
        xrOff = o;
        xrLen = l;
        return true;
    }

    /** Block type (BT) of the current XR block. */
    public int xrBlockType() {
        return b[xrOff] & 0xff;
    }

    /** The type-specific octet of the current XR block. */
    public int xrTypeSpecific() {
        return b[xrOff + 1] & 0xff;
    }

    /** Absolute offset of the current XR block (its header). */
    public int xrBlockOffset() {
        return xrOff;
    }

    /** Octets of the current XR block, header included. */
    public int xrBlockLength() {
        return xrLen;
    }

    /** The current block is a complete VoIP Metrics block (BT 7, 36 octets). */
    public boolean isVoipMetrics() {
        return xrOff >= 0 && xrBlockType() == XR_VOIP_METRICS && xrLen >= VOIP_METRICS_LENGTH;
    }

    private int vm(int field) {
        return b[xrOff + field] & 0xff;
    }

    private int vm16(int field) {
        return ((b[xrOff + field] & 0xff) << 8) | (b[xrOff + field + 1] & 0xff);
    }

    /** SSRC of the source the VoIP Metrics block describes. */
    public long vmSsrc() {
        return RtpView.readUnsigned32(b, xrOff + 4);
    }

    /** Loss rate, value/256. */
    public int vmLossRate() {
        return vm(8);
    }

    /** Discard rate, value/256. */
    public int vmDiscardRate() {
        return vm(9);
    }

    public int vmBurstDensity() {
        return vm(10);
    }

    public int vmGapDensity() {
        return vm(11);
    }

    public int vmBurstDurationMs() {
        return vm16(12);
    }

    public int vmGapDurationMs() {
        return vm16(14);
    }

    public int vmRoundTripDelayMs() {
        return vm16(16);
    }

    public int vmEndSystemDelayMs() {
        return vm16(18);
    }

    /** Signal level in dBm0 (signed); 127 means unavailable. */
    public int vmSignalLevel() {
        return b[xrOff + 20];
    }

    /** Noise level in dBm0 (signed); 127 means unavailable. */
    public int vmNoiseLevel() {
        return b[xrOff + 21];
    }

    /** Residual echo return loss in dB; 127 means unavailable. */
    public int vmRerl() {
        return vm(22);
    }

    public int vmGmin() {
        return vm(23);
    }

    public int vmRFactor() {
        return vm(24);
    }

    public int vmExtRFactor() {
        return vm(25);
    }

    /** MOS-LQ × 10; 127 means unavailable. */
    public int vmMosLq() {
        return vm(26);
    }

    /** MOS-CQ × 10; 127 means unavailable. */
    public int vmMosCq() {
        return vm(27);
    }

    /** Receiver configuration byte: PLC (bits 7-6), JB adaptive (bits 5-4), JB rate (bits 3-0). */
    public int vmRxConfig() {
        return vm(28);
    }

    public int vmJbNominalMs() {
        return vm16(30);
    }

    public int vmJbMaximumMs() {
        return vm16(32);
    }

    public int vmJbAbsMaxMs() {
        return vm16(34);
    }

    /** The current block is a Receiver Reference Time block (BT 4) with its 64-bit NTP time. */
    public boolean isReceiverReferenceTime() {
        return xrOff >= 0 && xrBlockType() == XR_RECEIVER_REFERENCE_TIME && xrLen >= 12;
    }

    /** Middle 32 bits of the Receiver Reference Time's NTP timestamp (echoed as LRR, RFC 3611 §4.5). */
    public long rrtNtpMiddle32() {
        return NtpTime.middle32(RtpView.readUnsigned32(b, xrOff + 4), RtpView.readUnsigned32(b, xrOff + 8));
    }

    /** Sub-blocks of a DLRR block (BT 5), 12 octets each; 0 for other blocks. */
    public int dlrrCount() {
        if (xrOff < 0 || xrBlockType() != XR_DLRR) {
            return 0;
        }
        return (xrLen - 4) / 12;
    }

    private int dlrr(int i) {
        if (i < 0 || i >= dlrrCount()) {
            throw new IndexOutOfBoundsException("DLRR sub-block " + i + " of " + dlrrCount());
        }
        return xrOff + 4 + 12 * i;
    }

    /** SSRC of the receiver whose RRT the i-th DLRR sub-block answers. */
    public long dlrrSsrc(int i) {
        return RtpView.readUnsigned32(b, dlrr(i));
    }

    /** Last RR timestamp (middle 32 bits of that receiver's RRT NTP time). */
    public long dlrrLastRr(int i) {
        return RtpView.readUnsigned32(b, dlrr(i) + 4);
    }

    /** Delay since that RRT, in units of 1/65536 s. */
    public long dlrrDelay(int i) {
        return RtpView.readUnsigned32(b, dlrr(i) + 8);
    }

    /** A short description of a validity code. */
    public static String describe(int validity) {
        switch (validity) {
            case VALID:
                return "valid";
            case TOO_SHORT:
                return "shorter than an RTCP header";
            case BAD_VERSION:
                return "RTCP version is not 2";
            case UNKNOWN_FIRST_TYPE:
                return "first packet type is not 200..207";
            case BAD_LENGTH:
                return "a packet length runs past the datagram";
            case BAD_PADDING:
                return "padding on a packet other than the last, or a bad padding count";
            case TRAILING_DATA:
                return "octets after the RTCP packets that are not RTCP (SRTCP or garbage)";
            default:
                return "unknown code " + validity;
        }
    }
}
