package dev.pacer.agent.history;

import static dev.pacer.agent.history.Intervals.INTERVAL_MILLIS;
import static dev.pacer.agent.history.Intervals.interval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.HistoryConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Measures the memory of one method's history over a day of 10 s intervals (8,640 intervals), the figure given
 * in docs/configuration.md. Each interval contains 1,000 calls with log-normal latencies around 2 ms and a slow
 * tail, which fills about as many histogram buckets as a busy JDBC method does.
 */
class HistoryMemoryTest {

    private static final int INTERVALS_PER_DAY = 8_640;

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Fills a day of history for one method and returns the estimated and the measured heap bytes. */
    private static long[] measureOneDay(int callsPerInterval, long seed) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Random random = new Random(seed);
        long before = usedHeapAfterGc(memory);

        HistoryStore store = new HistoryStore(new HistoryConfig(HistoryConfig.DEFAULT_RETENTION_NANOS, 1L << 30));
        for (int i = 1; i <= INTERVALS_PER_DAY; i++) {
            long[] latencies = new long[callsPerInterval];
            for (int j = 0; j < latencies.length; j++) {
                double millis = Math.exp(random.nextGaussian() * 0.6) * 2.0;
                latencies[j] = (long) (millis * 1_000_000) + (random.nextInt(100) == 0 ? 50_000_000L : 0);
            }
            store.append(interval(i * INTERVAL_MILLIS, null,
                    new Intervals.Calls("com.example.Repo#find(int)", "jdbc", latencies, 0)));
        }
        long measured = usedHeapAfterGc(memory) - before;

        assertThat(store.size()).isEqualTo(INTERVALS_PER_DAY);
        System.out.printf("history of one method for one day at 10 s, %,d calls per interval: estimated %,d bytes, "
                + "measured %,d bytes%n", callsPerInterval, store.estimatedBytes(), measured);
        return new long[] {store.estimatedBytes(), measured};
    }

    @Test
    void busyMethodForOneDay() {
        long[] bytes = measureOneDay(1_000, 7);

        assertThat(bytes[0]).isLessThan(8L << 20);
        // The estimate drives the memory cap, so it must not undercount the heap by much. The margin allows for
        // other allocations of the test JVM between the two heap readings.
        assertThat((double) bytes[0]).isGreaterThan(bytes[1] * 0.7);
    }

    @Test
    void quietMethodForOneDay() {
        long[] bytes = measureOneDay(10, 8);

        assertThat(bytes[0]).isLessThan(4L << 20);
        assertThat((double) bytes[0]).isGreaterThan(bytes[1] * 0.7);
    }
}
