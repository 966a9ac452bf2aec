package dev.pacer.bootstrap;

/**
 * The bucket layout of the latency histograms: HdrHistogram's layout for a lowest discernible value of 1 ns, a
 * highest trackable value of {@link #HIGHEST_TRACKABLE_NANOS} and 2 significant decimal digits.
 *
 * <p>Bucket 0 holds the values 0 to 255 exactly. Bucket {@code b >= 1} holds the values from {@code 128 << b} to
 * {@code (256 << b) - 1} in 128 sub-buckets of width {@code 1 << b}, so every recorded value is kept within
 * 1/128 of its true value. Because the layout matches HdrHistogram's, a count moved from sub-bucket {@code s} of
 * bucket {@code b} to an {@code org.HdrHistogram.Histogram(1, highest, 2)} as the value {@link #lowestValue}
 * lands in the same bucket there.
 */
public final class LatencyBuckets {

    /** Number of buckets, each a power-of-two range of values. */
    public static final int BUCKET_COUNT = 35;

    /** Number of sub-buckets in every bucket after the first. */
    public static final int SUB_BUCKET_HALF_COUNT = 128;

    /** Number of sub-buckets in bucket 0, which has no lower half to share with a smaller bucket. */
    public static final int FIRST_BUCKET_LENGTH = 256;

    /**
     * The largest value kept exactly to the layout's precision: {@code (256 << 34) - 1} ns, about 73 minutes.
     * Larger values are recorded as this value and counted as overflows.
     */
    public static final long HIGHEST_TRACKABLE_NANOS = (256L << (BUCKET_COUNT - 1)) - 1;

    private static final int LEADING_ZERO_COUNT_BASE = 56;

    private LatencyBuckets() {
    }

    /** Returns the bucket of a value between 0 and {@link #HIGHEST_TRACKABLE_NANOS}. */
    public static int bucketIndex(long valueNanos) {
        return LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(valueNanos | 255L);
    }

    /** Returns the position of a value inside the array of its bucket. */
    public static int slotIndex(long valueNanos, int bucketIndex) {
        int subBucketIndex = (int) (valueNanos >>> bucketIndex);
        return bucketIndex == 0 ? subBucketIndex : subBucketIndex - SUB_BUCKET_HALF_COUNT;
    }

    /** Returns the length of the count array of one bucket. */
    public static int bucketLength(int bucketIndex) {
        return bucketIndex == 0 ? FIRST_BUCKET_LENGTH : SUB_BUCKET_HALF_COUNT;
    }

    /** Returns the lowest value that maps to the given slot, in nanoseconds. */
    public static long lowestValue(int bucketIndex, int slotIndex) {
        long subBucketIndex = bucketIndex == 0 ? slotIndex : slotIndex + SUB_BUCKET_HALF_COUNT;
        return subBucketIndex << bucketIndex;
    }
}
