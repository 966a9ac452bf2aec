package dev.pacer.agent.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MethodSnapshot;
import dev.pacer.agent.metrics.MetricsCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;

/** Packs interval methods and checks that unpacking restores every bucket, error count and error type. */
class PackedMethodsTest {

    @Test
    void unpackRestoresEveryBucketAndError() {
        Random random = new Random(42);
        List<MethodSnapshot> methods = new ArrayList<>();
        for (int m = 0; m < 50; m++) {
            Histogram histogram = MetricsCollector.newHistogram();
            int calls = 1 + random.nextInt(2_000);
            for (int i = 0; i < calls; i++) {
                // Spreads values from 1 ns to about 17 s, as real latencies spread over many buckets.
                histogram.recordValue(1L + (long) Math.pow(2, random.nextDouble() * 34));
            }
            long errors = m % 7 == 0 ? 3 : 0;
            Map<String, Long> byType = errors == 0 ? Map.of() : Map.of("java.io.IOException", errors);
            methods.add(new MethodSnapshot("C#m" + m + "()", "p" + (m % 3), LatencyStats.of(histogram, errors, 1),
                    byType, histogram));
        }

        PackedMethods packed = PackedMethods.of(methods);
        List<MethodRecord> unpacked = packed.unpack();

        assertThat(unpacked).hasSize(methods.size());
        for (int m = 0; m < methods.size(); m++) {
            MethodSnapshot expected = methods.get(m);
            MethodRecord actual = unpacked.get(m);
            assertThat(actual.key()).isEqualTo(expected.key());
            assertThat(actual.pointcut()).isEqualTo(expected.pointcut());
            assertThat(actual.errors()).isEqualTo(expected.stats().errors());
            assertThat(actual.errorsByType()).isEqualTo(expected.errorsByType());
            assertThat(buckets(actual.histogram())).as(expected.key()).isEqualTo(buckets(expected.histogram()));
            assertThat(actual.histogram().getValueAtPercentile(99))
                    .isEqualTo(expected.histogram().getValueAtPercentile(99));
        }
    }

    @Test
    void packingHalvesPerMethodEncoding() {
        List<MethodSnapshot> methods = new ArrayList<>();
        int compressedTotal = 0;
        for (int m = 0; m < 100; m++) {
            Histogram histogram = MetricsCollector.newHistogram();
            for (int i = 0; i < 200; i++) {
                histogram.recordValue(40 + (i * 7 + m) % 60);
            }
            histogram.recordValue(2_000_000L + m);
            compressedTotal += histogram.encodeIntoCompressedByteBuffer(
                    ByteBuffer.allocate(histogram.getNeededByteBufferCapacity()));
            methods.add(new MethodSnapshot("C#m" + m + "()", "p", LatencyStats.of(histogram, 0, 1), Map.of(),
                    histogram));
        }

        long packedBytes = PackedMethods.of(methods).estimatedBytes();

        assertThat(packedBytes).isLessThan(compressedTotal / 2);
    }

    @Test
    void emptyIntervalPacksToNothing() {
        PackedMethods packed = PackedMethods.of(List.of());

        assertThat(packed.size()).isZero();
        assertThat(packed.unpack()).isEmpty();
    }

    /** Returns each bucket in use as its lowest value and count. */
    private static List<List<Long>> buckets(Histogram histogram) {
        List<List<Long>> buckets = new ArrayList<>();
        for (HistogramIterationValue value : histogram.recordedValues()) {
            buckets.add(List.of(histogram.lowestEquivalentValue(value.getValueIteratedTo()),
                    value.getCountAtValueIteratedTo()));
        }
        return buckets;
    }
}
