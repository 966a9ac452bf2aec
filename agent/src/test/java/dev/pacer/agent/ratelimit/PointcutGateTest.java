package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.PointcutRateLimit;
import dev.pacer.agent.config.PointcutRateLimit.OnLimit;
import dev.pacer.agent.config.RateLimitSpec;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.RateLimitExceededException;
import org.junit.jupiter.api.Test;

/** The on-limit modes, keys and counters of one gate over a local store, with a clock that tests move. */
class PointcutGateTest {

    private static final long SECOND = 1_000_000_000L;
    private static final RateLimitSpec ONE_PER_SECOND = new RateLimitSpec(1, SECOND, 0);

    private final FakeParkingClock clock = new FakeParkingClock();
    private final LocalTokenBucketStore store = new LocalTokenBucketStore(clock, 4);
    private final RateLimitMetrics metrics = new RateLimitMetrics("builds");

    private PointcutGate gate(OnLimit onLimit, long maxWaitNanos, String key) {
        PointcutRateLimit config = new PointcutRateLimit("builds", ONE_PER_SECOND, onLimit, maxWaitNanos, key);
        return new PointcutGate("trigger-build", config, store.budget("builds", ONE_PER_SECOND, metrics), metrics,
                clock);
    }

    @Test
    void rejectThrowsWithLimitKeyAndRetryAfter() {
        PointcutGate gate = gate(OnLimit.REJECT, 0, null);

        assertThat(gate.acquire(null)).isNull();
        clock.advance(SECOND / 4);
        RateLimitExceededException rejection = gate.acquire(null);

        assertThat(rejection).isNotNull();
        assertThat(rejection.limit()).isEqualTo("builds");
        assertThat(rejection.key()).isNull();
        assertThat(rejection.retryAfterNanos()).isEqualTo(750_000_000L);
        assertThat(rejection.getMessage()).isEqualTo("Rate limit \"builds\" exceeded; next token in 750 ms");
        assertThat(rejection.getStackTrace()).isEmpty();
        assertThat(metrics.totals()).isEqualTo(new RateLimitSnapshot.Counts(1, 1, 0, 0, 0, 0));
    }

    @Test
    void waitParksExactlyUntilTokenIsDue() {
        PointcutGate gate = gate(OnLimit.WAIT, 2 * SECOND, null);

        assertThat(gate.acquire(null)).isNull();
        clock.advance(SECOND / 4);
        assertThat(gate.acquire(null)).isNull();

        assertThat(clock.parkedUntil).containsExactly(SECOND);
        assertThat(clock.nanoTime()).isEqualTo(SECOND);
        assertThat(metrics.totals()).isEqualTo(new RateLimitSnapshot.Counts(2, 0, 1, 0, 0, 0));
        assertThat(metrics.drainWaits().getMaxValue()).isBetween(745_000_000L, 755_000_000L);
    }

    @Test
    void waitBeyondMaxWaitRejectsAtOnce() {
        PointcutGate gate = gate(OnLimit.WAIT, SECOND / 2, null);

        assertThat(gate.acquire(null)).isNull();
        RateLimitExceededException rejection = gate.acquire(null);

        assertThat(rejection).isNotNull();
        assertThat(rejection.retryAfterNanos()).isEqualTo(SECOND);
        assertThat(clock.parkedUntil).isEmpty();
        clock.advance(SECOND);
        assertThat(gate.acquire(null)).as("the rejection took no token").isNull();
        assertThat(clock.parkedUntil).isEmpty();
    }

    @Test
    void interruptedWaitIsRejected() {
        PointcutGate gate = gate(OnLimit.WAIT, 2 * SECOND, null);
        assertThat(gate.acquire(null)).isNull();
        clock.interruptNextPark = true;

        RateLimitExceededException rejection = gate.acquire(null);

        assertThat(rejection).isNotNull();
        assertThat(rejection.retryAfterNanos()).as("the rest of the wait").isEqualTo(SECOND / 2);
        assertThat(metrics.totals()).isEqualTo(new RateLimitSnapshot.Counts(1, 1, 0, 0, 0, 0));
        assertThat(gate.acquire(null)).isNull();
        assertThat(clock.parkedUntil).as("the interrupted call's token at 1 s stays taken")
                .containsExactly(SECOND, 2 * SECOND);
    }

    @Test
    void systemParkingEndsOnInterrupt() {
        Thread.currentThread().interrupt();
        try {
            long start = System.nanoTime();
            boolean deadlinePassed = PointcutGate.ParkingClock.SYSTEM.parkUntil(start + 60 * SECOND);

            assertThat(deadlinePassed).isFalse();
            assertThat(System.nanoTime() - start).isLessThan(10 * SECOND);
            assertThat(Thread.currentThread().isInterrupted()).as("the flag is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void logOnlyAdmitsAndCountsWouldReject() {
        PointcutGate gate = gate(OnLimit.LOG_ONLY, 0, null);

        for (int call = 0; call < 5; call++) {
            assertThat(gate.acquire(null)).isNull();
        }

        assertThat(metrics.totals()).isEqualTo(new RateLimitSnapshot.Counts(1, 0, 0, 4, 0, 0));
    }

    @Test
    void keysHaveSeparateBuckets() {
        PointcutGate gate = gate(OnLimit.REJECT, 0, "arg0");

        assertThat(gate.acquire(new Object[] {"alice"})).isNull();
        RateLimitExceededException rejection = gate.acquire(new Object[] {"alice"});
        assertThat(gate.acquire(new Object[] {"bob"})).as("another key").isNull();

        assertThat(rejection).isNotNull();
        assertThat(rejection.key()).isEqualTo("alice");
        assertThat(rejection.getMessage()).contains("for key \"alice\"");
    }

    @Test
    void keyPathReadsGettersAndRecordComponents() {
        PointcutGate gate = gate(OnLimit.REJECT, 0, "arg1.user.id");
        Request first = new Request(new User(7));
        Request second = new Request(new User(7));

        assertThat(gate.acquire(new Object[] {"x", first})).isNull();
        RateLimitExceededException rejection = gate.acquire(new Object[] {"y", second});

        assertThat(rejection).isNotNull();
        assertThat(rejection.key()).isEqualTo("7");
    }

    @Test
    void unreadableKeyAdmitsAndCountsAgentError() {
        PointcutGate gate = gate(OnLimit.REJECT, 0, "arg0.missing");
        long errorsBefore = AgentErrors.suppressedCount();

        assertThat(gate.acquire(new Object[] {"alice"})).isNull();
        assertThat(gate.acquire(new Object[] {"alice"})).isNull();

        assertThat(AgentErrors.suppressedCount() - errorsBefore).isEqualTo(2);
    }

    @Test
    void leastRecentlyUsedKeyIsEvicted() {
        LocalTokenBucketStore.LocalBudget budget = store.budget("users", ONE_PER_SECOND, metrics);
        // The store keeps at most 4 keys, which is one per segment of 16 at the minimum of one per segment.
        for (int user = 0; user < 100; user++) {
            assertThat(budget.decide("user-" + user, 0)).isZero();
        }

        assertThat(budget.keyCount()).isLessThanOrEqualTo(16);
    }

    /** A request whose user is read by a record accessor. */
    record Request(User user) {
    }

    /** A user whose id is read by a getter. */
    public static final class User {
        private final int id;

        User(int id) {
            this.id = id;
        }

        public int getId() {
            return id;
        }
    }
}
