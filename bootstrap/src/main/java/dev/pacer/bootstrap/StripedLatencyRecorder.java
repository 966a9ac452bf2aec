package dev.pacer.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counts the latencies of one woven method in {@link LatencyBuckets} layout, spread over stripes so that threads
 * calling the same method rarely write the same cache lines.
 *
 * <p>Thread-safety: any number of writers and one reader at a time. A writer picks its stripe from its thread id
 * and performs one atomic add on an int count (a {@code lock xadd} on x86), so writers never wait for each other
 * or for the reader. Stripes and bucket arrays are allocated when first written, so a method called from one
 * thread with latencies in a narrow range keeps only a few hundred bytes of counts.
 *
 * <p>The reader drains the counts: {@link #drainTo} swaps each non-zero count for zero, so every recorded value
 * is handed to exactly one drain and none is lost or seen twice. Counts are ints and wrap, which is harmless
 * while one bucket of one stripe receives fewer than 2^31 values between two drains.
 */
public final class StripedLatencyRecorder {

    private static final VarHandle INT_ARRAY = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle INT_ARRAYS = MethodHandles.arrayElementVarHandle(int[][].class);
    private static final VarHandle STRIPES = MethodHandles.arrayElementVarHandle(int[][][].class);

    private static final int STRIPE_BITS = stripeBits(Runtime.getRuntime().availableProcessors());
    private static final int STRIPE_COUNT = 1 << STRIPE_BITS;

    // Stripe -> bucket -> slot -> count. Inner arrays are published with a CAS and never replaced.
    private final int[][][] stripes = new int[STRIPE_COUNT][][];

    /** Receives the drained counts, one call per non-zero slot. */
    public interface CountConsumer {
        void accept(long lowestValueNanos, long count);
    }

    /** Records one latency that is already within 0 and {@link LatencyBuckets#HIGHEST_TRACKABLE_NANOS}. */
    public void record(long durationNanos, long threadId) {
        int stripeIndex = (int) ((threadId * 0x9E3779B97F4A7C15L) >>> (64 - STRIPE_BITS));
        int[][] buckets = stripes[stripeIndex];
        if (buckets == null) {
            buckets = allocateStripe(stripeIndex);
        }

        int bucketIndex = LatencyBuckets.bucketIndex(durationNanos);
        int[] counts = buckets[bucketIndex];
        if (counts == null) {
            counts = allocateBucket(buckets, bucketIndex);
        }

        INT_ARRAY.getAndAdd(counts, LatencyBuckets.slotIndex(durationNanos, bucketIndex), 1);
    }

    /**
     * Moves every count recorded since the previous drain to the consumer and leaves zero behind. Only one thread
     * may drain at a time.
     */
    public void drainTo(CountConsumer consumer) {
        for (int stripeIndex = 0; stripeIndex < stripes.length; stripeIndex++) {
            int[][] buckets = (int[][]) STRIPES.getVolatile(stripes, stripeIndex);
            if (buckets == null) {
                continue;
            }
            for (int bucketIndex = 0; bucketIndex < buckets.length; bucketIndex++) {
                int[] counts = (int[]) INT_ARRAYS.getVolatile(buckets, bucketIndex);
                if (counts == null) {
                    continue;
                }
                for (int slot = 0; slot < counts.length; slot++) {
                    boolean hasCount = (int) INT_ARRAY.getVolatile(counts, slot) != 0;
                    if (hasCount) {
                        int drained = (int) INT_ARRAY.getAndSet(counts, slot, 0);
                        consumer.accept(LatencyBuckets.lowestValue(bucketIndex, slot), Integer.toUnsignedLong(drained));
                    }
                }
            }
        }
    }

    /** Returns the bytes held by the count arrays, an estimate that ignores object headers. */
    public long countBytes() {
        long bytes = 0;
        for (int[][] buckets : stripes) {
            if (buckets == null) {
                continue;
            }
            bytes += 8L * buckets.length;
            for (int[] counts : buckets) {
                bytes += counts == null ? 0 : 4L * counts.length;
            }
        }
        return bytes;
    }

    /**
     * Returns the number of stripes: the power of two at or above four times the available processors, from 8 to
     * 64. Unused stripes cost one null reference, so the spare stripes make it less likely that two busy threads
     * hash to the same one.
     */
    public static int stripeCount() {
        return STRIPE_COUNT;
    }

    private int[][] allocateStripe(int stripeIndex) {
        int[][] fresh = new int[LatencyBuckets.BUCKET_COUNT][];
        int[][] witness = (int[][]) STRIPES.compareAndExchange(stripes, stripeIndex, null, fresh);
        return witness == null ? fresh : witness;
    }

    private static int[] allocateBucket(int[][] buckets, int bucketIndex) {
        int[] fresh = new int[LatencyBuckets.bucketLength(bucketIndex)];
        int[] witness = (int[]) INT_ARRAYS.compareAndExchange(buckets, bucketIndex, null, fresh);
        return witness == null ? fresh : witness;
    }

    private static int stripeBits(int processors) {
        int stripes = Math.max(8, Math.min(64, 4 * processors));
        return 32 - Integer.numberOfLeadingZeros(stripes - 1);
    }
}
