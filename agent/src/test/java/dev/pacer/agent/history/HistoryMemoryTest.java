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

    @Test
    void oneMethodForOneDay() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Random random = new Random(7);
        long before = usedHeapAfterGc(memory);

        HistoryStore store = new HistoryStore(new HistoryConfig(HistoryConfig.DEFAULT_RETENTION_NANOS, 1L << 30));
        for (int i = 1; i <= INTERVALS_PER_DAY; i++) {
            long[] latencies = new long[1_000];
            for (int j = 0; j < latencies.length; j++) {
                double millis = Math.exp(random.nextGaussian() * 0.6) * 2.0;
                latencies[j] = (long) (millis * 1_000_000) + (random.nextInt(100) == 0 ? 50_000_000L : 0);
            }
            store.append(interval(i * INTERVAL_MILLIS, null,
                    new Intervals.Calls("com.example.Repo#find(int)", "jdbc", latencies, 0)));
        }
        long measured = usedHeapAfterGc(memory) - before;

        System.out.printf("history of one method for one day at 10 s: estimated %,d bytes, measured %,d bytes%n",
                store.estimatedBytes(), measured);
        assertThat(store.size()).isEqualTo(INTERVALS_PER_DAY);
        assertThat(store.estimatedBytes()).isLessThan(8L << 20);
        // The estimate drives the memory cap, so it must not undercount the heap by much.
        assertThat((double) store.estimatedBytes()).isGreaterThan(measured * 0.8);
    }
}
