package dev.sipscope.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Where a reader's bytes come from: a channel, a stream, or a gzip decoder over either.
 *
 * <p>Implementations only move bytes; framing, buffering and error wording live in
 * {@link RecordBuffer} and the readers. Damage inside compressed data is not thrown: it ends the
 * decoded stream and is reported through {@link #damage()}, so a reader sees an early end and
 * can say which record it cut.
 */
abstract class ByteInput implements Closeable {

    /** Reads up to {@code len} bytes; -1 at the end. Blocks until at least one byte is available. */
    abstract int read(byte[] b, int off, int len) throws IOException;

    /** Bytes taken from the device so far (for gzip: compressed bytes). */
    abstract long deviceBytesRead();

    /** True when the bytes handed out are decompressed, so record offsets are not device offsets. */
    boolean compressed() {
        return false;
    }

    /** A sentence (without the source name) describing damage that ended the input early, else null. */
    String damage() {
        return null;
    }

    /** Reads until {@code b} is full or the input ends; returns the number of bytes read. */
    final int readUpTo(byte[] b, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = read(b, n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    static ByteInput of(ReadableByteChannel channel) {
        return new ChannelInput(channel);
    }

    /** The file channel under this input when it is one and nothing has been decoded on top, else null. */
    FileChannel fileChannel() {
        return null;
    }

    static ByteInput of(InputStream stream, boolean closeStream) {
        return new StreamInput(stream, closeStream);
    }

    /** A reader over a channel, through a heap buffer wrapper kept for as long as the array is the same. */
    private static final class ChannelInput extends ByteInput {
        private final ReadableByteChannel channel;
        private ByteBuffer wrapper;
        /** Volatile: a {@link ReadAhead} thread counts, the consumer reads it for progress. */
        private volatile long bytesRead;

        ChannelInput(ReadableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        int read(byte[] b, int off, int len) throws IOException {
            ByteBuffer w = wrapper;
            if (w == null || w.array() != b) {
                w = ByteBuffer.wrap(b);
                wrapper = w;
            }
            w.clear();
            w.position(off);
            w.limit(off + len);
            int r;
            do {
                r = channel.read(w);
            } while (r == 0 && len > 0);
            if (r > 0) {
                bytesRead += r;
            }
            return r;
        }

        @Override
        long deviceBytesRead() {
            return bytesRead;
        }

        @Override
        FileChannel fileChannel() {
            return channel instanceof FileChannel ? (FileChannel) channel : null;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class StreamInput extends ByteInput {
        private final InputStream stream;
        private final boolean closeStream;
        /** Volatile: a {@link ReadAhead} thread counts, the consumer reads it for progress. */
        private volatile long bytesRead;

        StreamInput(InputStream stream, boolean closeStream) {
            this.stream = stream;
            this.closeStream = closeStream;
        }

        @Override
        int read(byte[] b, int off, int len) throws IOException {
            int r;
            do {
                r = stream.read(b, off, len);
            } while (r == 0 && len > 0);
            if (r > 0) {
                bytesRead += r;
            }
            return r;
        }

        @Override
        long deviceBytesRead() {
            return bytesRead;
        }

        @Override
        public void close() throws IOException {
            if (closeStream) {
                stream.close();
            }
        }
    }

    /**
     * Decompresses gzip (RFC 1952; concatenated members are read as one stream). The first
     * {@code prefix} bytes, already taken from {@code raw} to recognise the format, are replayed
     * to the decoder before the rest of {@code raw}.
     */
    static final class GzipInput extends ByteInput {
        private final ByteInput raw;
        private final GZIPInputStream gzip;
        /** Volatile: set by a {@link ReadAhead} thread, read by the consumer. */
        private volatile String damage;
        private boolean ended;

        /** @throws IOException when the gzip header itself is broken or cut short (wording left to the caller) */
        GzipInput(ByteInput raw, byte[] prefix, int prefixLength) throws IOException {
            this.raw = raw;
            this.gzip = new GZIPInputStream(new ReplayStream(raw, prefix, prefixLength), 1 << 16);
        }

        @Override
        int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            try {
                int r = gzip.read(b, off, len);
                if (r < 0) {
                    ended = true;
                }
                return r;
            } catch (EOFException e) {
                ended = true;
                damage = "the compressed data ends early (cut at compressed byte " + raw.deviceBytesRead() + ")";
                return -1;
            } catch (ZipException e) {
                ended = true;
                damage = "the compressed data is corrupt near compressed byte " + raw.deviceBytesRead()
                        + " (" + e.getMessage() + ")";
                return -1;
            }
        }

        @Override
        long deviceBytesRead() {
            return raw.deviceBytesRead();
        }

        @Override
        boolean compressed() {
            return true;
        }

        @Override
        String damage() {
            return damage;
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    /** Serves a few already-read bytes, then the rest of a {@link ByteInput}. */
    private static final class ReplayStream extends InputStream {
        private final ByteInput input;
        private final byte[] prefix;
        private final int prefixLength;
        private final byte[] one = new byte[1];
        private int prefixPos;

        ReplayStream(ByteInput input, byte[] prefix, int prefixLength) {
            this.input = input;
            this.prefix = prefix;
            this.prefixLength = prefixLength;
        }

        @Override
        public int read() throws IOException {
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (prefixPos < prefixLength) {
                int n = Math.min(len, prefixLength - prefixPos);
                System.arraycopy(prefix, prefixPos, b, off, n);
                prefixPos += n;
                return n;
            }
            return input.read(b, off, len);
        }

        /**
         * Claims a byte is always available: GZIPInputStream only looks for a further concatenated
         * member when this is positive, and it treats a missing member header as the normal end.
         */
        @Override
        public int available() {
            return Math.max(1, prefixLength - prefixPos);
        }

        @Override
        public void close() {
            // the owner closes the underlying input
        }
    }
}
