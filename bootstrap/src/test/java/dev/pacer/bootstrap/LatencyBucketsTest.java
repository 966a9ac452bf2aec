package dev.pacer.bootstrap;

import static dev.pacer.bootstrap.LatencyBuckets.BUCKET_COUNT;
import static dev.pacer.bootstrap.LatencyBuckets.HIGHEST_TRACKABLE_NANOS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Checks that the bucket layout matches HdrHistogram's. Every value must map to the same lowest equivalent value as
 * in {@code new Histogram(1, HIGHEST_TRACKABLE_NANOS, 2)}.
 */
class LatencyBucketsTest {

    private static final Histogram REFERENCE = new Histogram(1, HIGHEST_TRACKABLE_NANOS, 2);

    @Test
    void smallValuesMatchHdrHistogram() {
        for (long value = 0; value <= 10_000; value++) {
            assertSameSlotAsReference(value);
        }
    }

    @Test
    void randomValuesMatchHdrHistogram() {
        SplittableRandom random = new SplittableRandom(20_260_101L);
        for (int i = 0; i < 200_000; i++) {
            assertSameSlotAsReference(random.nextLong(HIGHEST_TRACKABLE_NANOS + 1));
        }
    }

    @Test
    void randomMagnitudesMatchHdrHistogram() {
        // Uniform values almost all fall in the top buckets, so this draws the bucket first.
        SplittableRandom random = new SplittableRandom(7L);
        for (int i = 0; i < 200_000; i++) {
            int bits = random.nextInt(1, 43);
            long value = Math.min(HIGHEST_TRACKABLE_NANOS, random.nextLong(1L << bits));
            assertSameSlotAsReference(value);
        }
    }

    @Test
    void powersOfTwoMatchHdrHistogram() {
        for (int exponent = 0; exponent < 42; exponent++) {
            long power = 1L << exponent;
            assertSameSlotAsReference(power - 1);
            assertSameSlotAsReference(power);
            assertSameSlotAsReference(power + 1);
        }
    }

    @Test
    void highestValueMatchesHdrHistogram() {
        assertSameSlotAsReference(HIGHEST_TRACKABLE_NANOS);
    }

    @Test
    void highestValueInLastBucket() {
        assertThat(LatencyBuckets.bucketIndex(HIGHEST_TRACKABLE_NANOS)).isEqualTo(BUCKET_COUNT - 1);
    }

    @Test
    void highestValueInLastSlot() {
        int lastBucket = BUCKET_COUNT - 1;

        assertThat(LatencyBuckets.slotIndex(HIGHEST_TRACKABLE_NANOS, lastBucket))
                .isEqualTo(LatencyBuckets.bucketLength(lastBucket) - 1);
    }

    @Test
    void bucketBoundariesAreContiguous() {
        for (int bucket = 1; bucket < BUCKET_COUNT; bucket++) {
            long firstValue = LatencyBuckets.lowestValue(bucket, 0);

            assertThat(LatencyBuckets.bucketIndex(firstValue)).as("bucket of %d", firstValue).isEqualTo(bucket);
            assertThat(LatencyBuckets.bucketIndex(firstValue - 1)).as("bucket of %d", firstValue - 1)
                    .isEqualTo(bucket - 1);
        }
    }

    @Test
    void layoutHasHdrHistogramCountsLength() {
        // HdrHistogram 2.2.2 estimates a Histogram's footprint as 512 bytes plus 8 per long count, so this recovers
        // the length of its counts array.
        int referenceCountsLength = (REFERENCE.getEstimatedFootprintInBytes() - 512) / 8;

        int layoutCountsLength = 0;
        for (int bucket = 0; bucket < BUCKET_COUNT; bucket++) {
            layoutCountsLength += LatencyBuckets.bucketLength(bucket);
        }

        assertThat(layoutCountsLength).isEqualTo(referenceCountsLength);
    }

    @Test
    void valueAboveHighestLeavesLayout() {
        long firstUntrackable = HIGHEST_TRACKABLE_NANOS + 1;

        assertThat(LatencyBuckets.bucketIndex(firstUntrackable)).isEqualTo(BUCKET_COUNT);
    }

    private static void assertSameSlotAsReference(long valueNanos) {
        int bucket = LatencyBuckets.bucketIndex(valueNanos);
        assertThat(bucket).as("bucket of %d", valueNanos).isBetween(0, BUCKET_COUNT - 1);

        int slot = LatencyBuckets.slotIndex(valueNanos, bucket);
        assertThat(slot).as("slot of %d in bucket %d", valueNanos, bucket)
                .isBetween(0, LatencyBuckets.bucketLength(bucket) - 1);

        assertThat(LatencyBuckets.lowestValue(bucket, slot)).as("lowest value equivalent to %d", valueNanos)
                .isEqualTo(REFERENCE.lowestEquivalentValue(valueNanos));
    }
}
