package dev.pacer.bootstrap;

import static dev.pacer.bootstrap.LatencyBuckets.HIGHEST_TRACKABLE_NANOS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Feeds the same values to the recorder and to a plain HdrHistogram and compares the two. */
class StripedLatencyRecorderTest {

    private static final int WRITER_THREADS = 8;
    private static final int VALUES_PER_WRITER = 200_000;
    private static final long JOIN_TIMEOUT_MILLIS = 60_000;

    @Test
    void drainEqualsReferenceHistogram() {
        StripedLatencyRecorder recorder = new StripedLatencyRecorder();
        Histogram reference = newHistogram();
        SplittableRandom random = new SplittableRandom(42L);

        for (int i = 0; i < 100_000; i++) {
            long value = randomLatency(random);
            long threadId = random.nextLong(1, 1_000);
            recorder.record(value, threadId);
            reference.recordValue(value);
        }
        Histogram drained = drain(recorder);

        assertThat(drained.getTotalCount()).isEqualTo(reference.getTotalCount());
        assertThat(drained).isEqualTo(reference);
    }

    @Test
    void drainKeepsExtremeValues() {
        StripedLatencyRecorder recorder = new StripedLatencyRecorder();
        Histogram reference = newHistogram();

        for (long value : new long[] {0, 1, 255, 256, HIGHEST_TRACKABLE_NANOS - 1, HIGHEST_TRACKABLE_NANOS}) {
            recorder.record(value, 1);
            reference.recordValue(value);
        }

        assertThat(drain(recorder)).isEqualTo(reference);
    }

    @Test
    void secondDrainReturnsNothing() {
        StripedLatencyRecorder recorder = new StripedLatencyRecorder();
        for (long value = 0; value < 5_000; value++) {
            recorder.record(value * 997, value);
        }
        drain(recorder);

        List<Long> secondDrain = new ArrayList<>();
        recorder.drainTo((lowestValueNanos, count) -> secondDrain.add(count));

        assertThat(secondDrain).isEmpty();
    }

    @Test
    void drainReportsOnlyNonZeroCounts() {
        StripedLatencyRecorder recorder = new StripedLatencyRecorder();
        recorder.record(1_000, 3);
        recorder.record(1_000, 3);

        List<String> drained = new ArrayList<>();
        recorder.drainTo((lowestValueNanos, count) -> drained.add(lowestValueNanos + "x" + count));

        assertThat(drained).containsExactly("1000x2");
    }

    @Test
    void concurrentDrainLosesNoValue() throws InterruptedException {
        StripedLatencyRecorder recorder = new StripedLatencyRecorder();
        Histogram reference = newHistogram();
        long[][] valuesByWriter = new long[WRITER_THREADS][VALUES_PER_WRITER];
        SplittableRandom random = new SplittableRandom(2026L);
        for (long[] values : valuesByWriter) {
            for (int i = 0; i < values.length; i++) {
                values[i] = randomLatency(random);
                reference.recordValue(values[i]);
            }
        }

        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger writersLeft = new AtomicInteger(WRITER_THREADS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (long[] values : valuesByWriter) {
            Thread writer = new Thread(() -> {
                try {
                    gate.await();
                    long threadId = Thread.currentThread().getId();
                    for (long value : values) {
                        recorder.record(value, threadId);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    writersLeft.decrementAndGet();
                }
            });
            writer.start();
            writers.add(writer);
        }

        // The drainer runs while the writers write and stops once all of them have finished.
        Histogram merged = newHistogram();
        AtomicInteger drainsWhileWriting = new AtomicInteger();
        AtomicBoolean drainerDone = new AtomicBoolean();
        Thread drainer = new Thread(() -> {
            try {
                gate.await();
                long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_TIMEOUT_MILLIS);
                while (writersLeft.get() > 0 && System.nanoTime() < deadlineNanos) {
                    recorder.drainTo(merged::recordValueWithCount);
                    drainsWhileWriting.incrementAndGet();
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                drainerDone.set(true);
            }
        });
        drainer.start();

        gate.countDown();
        for (Thread writer : writers) {
            writer.join(JOIN_TIMEOUT_MILLIS);
            assertThat(writer.isAlive()).as("%s still running", writer.getName()).isFalse();
        }
        drainer.join(JOIN_TIMEOUT_MILLIS);
        assertThat(drainerDone).isTrue();
        assertThat(failure.get()).isNull();

        recorder.drainTo(merged::recordValueWithCount);

        assertThat(drainsWhileWriting.get()).isPositive();
        assertThat(merged.getTotalCount()).isEqualTo((long) WRITER_THREADS * VALUES_PER_WRITER);
        assertThat(merged).isEqualTo(reference);
    }

    @Test
    void stripeCountIsPowerOfTwo() {
        int stripes = StripedLatencyRecorder.stripeCount();
        int fourTimesProcessors = 4 * Runtime.getRuntime().availableProcessors();

        assertThat(Integer.bitCount(stripes)).isEqualTo(1);
        // The recorder caps the stripe count at 64, so hosts with more than 16 processors get fewer.
        assertThat(stripes).isGreaterThanOrEqualTo(Math.min(64, fourTimesProcessors));
        assertThat(stripes).isBetween(8, 64);
    }

    @Test
    void countBytesGrowsOnFirstWrite() {
        StripedLatencyRecorder recorder = new StripedLatencyRecorder();
        assertThat(recorder.countBytes()).isZero();

        recorder.record(300, 1);

        // One stripe of 35 bucket references plus one bucket of 128 int counts.
        assertThat(recorder.countBytes()).isEqualTo(8L * LatencyBuckets.BUCKET_COUNT + 4L * 128);
    }

    private static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, 2);
    }

    private static Histogram drain(StripedLatencyRecorder recorder) {
        Histogram drained = newHistogram();
        recorder.drainTo(drained::recordValueWithCount);
        return drained;
    }

    /** Returns a latency whose magnitude is spread evenly over the buckets, from 0 ns to about 4 s. */
    private static long randomLatency(SplittableRandom random) {
        int bits = random.nextInt(1, 33);
        return random.nextLong(1L << bits);
    }
}
