package dev.pacer.agent.history;

import static dev.pacer.agent.history.Intervals.INTERVAL_MILLIS;
import static dev.pacer.agent.history.Intervals.interval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.HistoryConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Drops intervals by retention and by the memory cap. */
class HistoryStoreTest {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private static Intervals.Calls calls(Random random, int count) {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            latencies[i] = 100_000 + (long) (random.nextDouble() * 5_000_000);
        }
        return new Intervals.Calls("com.example.Repo#find(int)", "jdbc", latencies, 0);
    }

    @Test
    void retentionDropsIntervalsThatEndedTooLongAgo() {
        HistoryStore store = new HistoryStore(new HistoryConfig(MINUTE_NANOS, 1L << 30));
        Random random = new Random(1);

        for (int i = 1; i <= 20; i++) {
            store.append(interval(i * INTERVAL_MILLIS, null, calls(random, 10)));
        }

        // The newest interval ends at 200 s, so intervals that ended at 140 s or earlier are gone.
        assertThat(store.size()).isEqualTo(6);
        assertThat(store.since(0)).extracting(IntervalRecord::endEpochMillis)
                .containsExactly(150_000L, 160_000L, 170_000L, 180_000L, 190_000L, 200_000L);
        assertThat(store.droppedForMemory()).isZero();
    }

    @Test
    void retentionFollowsIntervalTimesAcrossAGap() {
        HistoryStore store = new HistoryStore(new HistoryConfig(MINUTE_NANOS, 1L << 30));
        Random random = new Random(2);
        store.append(interval(10_000, null, calls(random, 10)));
        store.append(interval(20_000, null, calls(random, 10)));

        store.append(interval(20_000 + 3_600_000, null, calls(random, 10)));

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void memoryCapDropsOldestFirst() {
        HistoryStore unbounded = new HistoryStore(new HistoryConfig(MINUTE_NANOS * 60, 1L << 30));
        Random random = new Random(3);
        for (int i = 1; i <= 100; i++) {
            unbounded.append(interval(i * INTERVAL_MILLIS, null, calls(random, 200)));
        }
        long perInterval = unbounded.estimatedBytes() / 100;
        long cap = perInterval * 30;

        HistoryStore capped = new HistoryStore(new HistoryConfig(MINUTE_NANOS * 60, cap));
        random = new Random(3);
        for (int i = 1; i <= 100; i++) {
            capped.append(interval(i * INTERVAL_MILLIS, null, calls(random, 200)));
            assertThat(capped.estimatedBytes()).isLessThanOrEqualTo(cap);
        }

        assertThat(capped.size()).isBetween(25, 35);
        assertThat(capped.droppedForMemory()).isEqualTo(100L - capped.size());
        assertThat(capped.newestEndEpochMillis()).isEqualTo(100 * INTERVAL_MILLIS);
        assertThat(capped.since(0).get(0).endEpochMillis())
                .isEqualTo((100L - capped.size() + 1) * INTERVAL_MILLIS);
    }

    @Test
    void newestIntervalIsKeptEvenAboveTheCap() {
        HistoryStore store = new HistoryStore(new HistoryConfig(MINUTE_NANOS, 1));

        store.append(interval(INTERVAL_MILLIS, null, calls(new Random(4), 100)));

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void emptyIntervalsTakeLittleMemory() {
        HistoryStore store = new HistoryStore(HistoryConfig.defaults());

        store.append(interval(INTERVAL_MILLIS, null));

        assertThat(store.estimatedBytes()).isLessThan(200);
    }
}
