package dev.pacer.agent.history;

import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The methods of one retained interval, packed into one Deflate-compressed byte array. For each method the array
 * contains its error count and, per histogram bucket in use, the bucket's highest value as a difference from the
 * previous bucket's and the bucket's count. All numbers are unsigned LEB128 varints. Compressing all methods of an interval together lets
 * Deflate share its tables across them, and the array replaces one object per method and interval, so an hour of
 * history costs far less heap than one compressed histogram per method. Decoding records each bucket's highest
 * value with its count, which restores every bucket exactly. Immutable.
 */
final class PackedMethods {

    private static final String[] NO_STRINGS = new String[0];

    private final String[] keys;
    private final String[] pointcuts;
    // Null unless a method failed with at least one exception, then indexed like keys with null for the others.
    private final List<Map<String, Long>> errorsByType;
    private final byte[] packed;
    private final int unpackedLength;

    private PackedMethods(String[] keys, String[] pointcuts, List<Map<String, Long>> errorsByType, byte[] packed,
            int unpackedLength) {
        this.keys = keys;
        this.pointcuts = pointcuts;
        this.errorsByType = errorsByType;
        this.packed = packed;
        this.unpackedLength = unpackedLength;
    }

    static PackedMethods of(List<MethodSnapshot> methods) {
        int count = methods.size();
        if (count == 0) {
            return new PackedMethods(NO_STRINGS, NO_STRINGS, null, new byte[0], 0);
        }
        String[] keys = new String[count];
        String[] pointcuts = new String[count];
        List<Map<String, Long>> errorsByType = null;
        ByteArrayOutputStream raw = new ByteArrayOutputStream(64 * count);
        for (int i = 0; i < count; i++) {
            MethodSnapshot method = methods.get(i);
            keys[i] = method.key();
            pointcuts[i] = method.pointcut();
            if (!method.errorsByType().isEmpty()) {
                if (errorsByType == null) {
                    errorsByType = new ArrayList<>(Collections.nCopies(count, null));
                }
                errorsByType.set(i, Map.copyOf(method.errorsByType()));
            }
            writeVarLong(raw, method.stats().errors());
            writeHistogram(raw, method.histogram());
        }
        byte[] unpacked = raw.toByteArray();
        return new PackedMethods(keys, pointcuts, errorsByType, deflate(unpacked), unpacked.length);
    }

    /** Returns the estimated heap bytes: the arrays, and about 64 bytes per error type. */
    long estimatedBytes() {
        long bytes = 3 * 16L + packed.length + 8L * keys.length;
        if (errorsByType != null) {
            bytes += 16L + 4L * keys.length;
            for (Map<String, Long> byType : errorsByType) {
                bytes += byType == null ? 0 : 64L * byType.size();
            }
        }
        return bytes;
    }

    int size() {
        return keys.length;
    }

    /** Decodes every method, with a new histogram each. */
    List<MethodRecord> unpack() {
        List<MethodRecord> methods = new ArrayList<>(keys.length);
        byte[] unpacked = inflate(packed, unpackedLength);
        int[] position = {0};
        for (int i = 0; i < keys.length; i++) {
            long errors = readVarLong(unpacked, position);
            Histogram histogram = readHistogram(unpacked, position);
            Map<String, Long> byType = errorsByType == null || errorsByType.get(i) == null ? Map.of()
                    : errorsByType.get(i);
            methods.add(new MethodRecord(keys[i], pointcuts[i], errors, byType, histogram));
        }
        return methods;
    }

    private static void writeHistogram(ByteArrayOutputStream out, Histogram histogram) {
        int buckets = 0;
        for (HistogramIterationValue ignored : histogram.recordedValues()) {
            buckets++;
        }
        writeVarLong(out, buckets);
        long previous = 0;
        for (HistogramIterationValue bucket : histogram.recordedValues()) {
            long value = bucket.getValueIteratedTo();
            writeVarLong(out, value - previous);
            writeVarLong(out, bucket.getCountAtValueIteratedTo());
            previous = value;
        }
    }

    private static Histogram readHistogram(byte[] in, int[] position) {
        Histogram histogram = MetricsCollector.newHistogram();
        long buckets = readVarLong(in, position);
        long value = 0;
        for (long i = 0; i < buckets; i++) {
            value += readVarLong(in, position);
            histogram.recordValueWithCount(value, readVarLong(in, position));
        }
        return histogram;
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    private static long readVarLong(byte[] in, int[] position) {
        long value = 0;
        int shift = 0;
        while (true) {
            byte next = in[position[0]++];
            value |= (long) (next & 0x7F) << shift;
            if (next >= 0) {
                return value;
            }
            shift += 7;
        }
    }

    private static byte[] deflate(byte[] unpacked) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(unpacked);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(unpacked.length / 2 + 16);
            byte[] chunk = new byte[Math.max(64, unpacked.length)];
            while (!deflater.finished()) {
                int written = deflater.deflate(chunk);
                out.write(chunk, 0, written);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] packed, int unpackedLength) {
        if (unpackedLength == 0) {
            return packed;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            byte[] unpacked = new byte[unpackedLength];
            int read = 0;
            while (read < unpackedLength && !inflater.finished()) {
                int inflated = inflater.inflate(unpacked, read, unpackedLength - read);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                read += inflated;
            }
            if (read != unpackedLength) {
                throw new IllegalStateException("a packed history interval has " + read
                        + " bytes instead of the expected " + unpackedLength);
            }
            return unpacked;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a packed history interval could not be decoded", e);
        } finally {
            inflater.end();
        }
    }
}
