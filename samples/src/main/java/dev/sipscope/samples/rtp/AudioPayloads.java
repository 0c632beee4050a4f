package dev.sipscope.samples.rtp;

import dev.sipscope.samples.net.SeededRandom;

/**
 * Deterministic payload bytes. G.711 payloads carry one second (8000 samples) of a modulated
 * two-tone signal with a little noise, encoded with the G.711 mu-law or A-law rules, so a player
 * renders an audible tone; other codecs get bytes from a fixed pseudo-random table (their decoders
 * would hear noise, which is fine for analysis). The slice used depends on the RTP timestamp, so
 * the same packet always has the same bytes.
 */
final class AudioPayloads {
    private static final int SECOND = 8000;
    private static final byte[] ULAW = new byte[SECOND];
    private static final byte[] ALAW = new byte[SECOND];
    private static final byte[] NOISE = new byte[16_384];

    static {
        SeededRandom r = new SeededRandom(0x51A5C0DEL);
        for (int n = 0; n < SECOND; n++) {
            double t = n / (double) SECOND;
            double envelope = 0.55 + 0.45 * StrictMath.sin(2 * StrictMath.PI * 3 * t);
            double s = 5200 * StrictMath.sin(2 * StrictMath.PI * 440 * t) + 2600 * StrictMath.sin(2 * StrictMath.PI * 1020 * t);
            int pcm = (int) (envelope * s + 120 * r.nextGaussian());
            ULAW[n] = (byte) linearToUlaw(pcm);
            ALAW[n] = (byte) linearToAlaw(pcm);
        }
        for (int i = 0; i < NOISE.length; i++) {
            NOISE[i] = (byte) r.nextInt();
        }
    }

    private AudioPayloads() {
    }

    /** Writes {@code length} payload bytes for a packet whose first sample has RTP timestamp {@code timestamp}. */
    static void fill(Codec codec, long timestamp, byte[] dst, int off, int length) {
        byte[] table;
        int start;
        if (codec == Codec.PCMU || codec == Codec.PCMA) {
            table = codec == Codec.PCMU ? ULAW : ALAW;
            start = (int) Math.floorMod(timestamp, (long) SECOND);
        } else {
            table = NOISE;
            start = (int) Math.floorMod(timestamp * 7, (long) NOISE.length);
        }
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, table.length - start);
            System.arraycopy(table, start, dst, off + done, n);
            done += n;
            start = 0;
        }
    }

    /** ITU-T G.711 mu-law: bias 0x84, segment from the highest set bit, inverted code. */
    static int linearToUlaw(int pcm) {
        int sign = 0;
        if (pcm < 0) {
            sign = 0x80;
            pcm = -pcm;
        }
        pcm = Math.min(pcm, 32635) + 0x84;
        int segment = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        int mantissa = (pcm >> (segment + 3)) & 0x0F;
        return ~(sign | (segment << 4) | mantissa) & 0xFF;
    }

    /** ITU-T G.711 A-law on the 13-bit magnitude, even bits inverted (xor 0x55). */
    static int linearToAlaw(int pcm) {
        int v = pcm >> 3;
        int sign;
        if (v >= 0) {
            sign = 0x80;
        } else {
            sign = 0;
            v = -v - 1;
        }
        v = Math.min(v, 0xFFF);
        int code;
        if (v < 32) {
            code = v >> 1;
        } else {
            int segment = 1;
            while ((v >> (segment + 5)) != 0 && segment < 7) {
                segment++;
            }
            code = (segment << 4) | ((v >> segment) & 0x0F);
        }
        return (sign | code) ^ 0x55;
    }
}
