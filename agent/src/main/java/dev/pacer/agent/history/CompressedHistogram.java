package dev.pacer.agent.history;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * An interval histogram in HdrHistogram's compressed encoding (zig-zag LEB128 counts, then Deflate), which is
 * how the history keeps a day of histograms in a few hundred bytes each. Immutable.
 */
final class CompressedHistogram {

    private final byte[] bytes;

    private CompressedHistogram(byte[] bytes) {
        this.bytes = bytes;
    }

    static CompressedHistogram of(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return new CompressedHistogram(bytes);
    }

    /** Decodes the histogram and adds its counts to {@code target}, which must auto-resize. */
    void addTo(Histogram target) {
        target.add(decode());
    }

    Histogram decode() {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a histogram kept in the history could not be decoded", e);
        }
    }

    int sizeBytes() {
        return bytes.length;
    }
}
