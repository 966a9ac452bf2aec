package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.RateLimitSpec;
import org.junit.jupiter.api.Test;

/** The store contract for buckets in this JVM, plus the refill that only an injected clock can show. */
class LocalTokenBucketStoreTest extends TokenBucketStoreContract {

    private final FakeParkingClock clock = new FakeParkingClock();

    @Override
    TokenBucketStore createStore() {
        return new LocalTokenBucketStore(clock);
    }

    @Test
    void refillsAtConfiguredRate() {
        RateLimitBudget budget = budget("refill", new RateLimitSpec(1, 7 * SECOND, 0));
        assertThat(budget.decide(null, 0)).isZero();

        clock.advance(6_900_000_000L);
        assertThat(budget.decide(null, 0)).isEqualTo(-100_000_000L);
        clock.advance(100_000_000L);
        assertThat(budget.decide(null, 0)).isZero();
    }

    @Test
    void keyCountIsBoundedAndRecentKeysStay() {
        LocalTokenBucketStore.LocalBudget users = (LocalTokenBucketStore.LocalBudget) budget("users",
                new RateLimitSpec(1, HOUR, 0));
        assertThat(users.decide("hot", 0)).isZero();

        for (int user = 0; user < 100_000; user++) {
            users.decide("user-" + user, 0);
            if (user % 100 == 0) {
                assertThat(users.decide("hot", 0)).as("the hot key keeps its empty bucket").isNegative();
            }
        }

        assertThat(users.keyCount()).isLessThanOrEqualTo(KeyedBuckets.DEFAULT_MAX_KEYS);
        assertThat(users.keyCount()).isGreaterThan(KeyedBuckets.DEFAULT_MAX_KEYS * 9 / 10);
        assertThat(users.decide("user-0", 0)).as("an evicted key starts with a full bucket").isZero();
    }

    @Test
    void sameNameBudgetsStaySeparate() {
        RateLimitSpec spec = new RateLimitSpec(1, HOUR, 0);
        RateLimitBudget first = budget("same", spec);
        RateLimitBudget second = budget("same", spec);

        assertThat(first.decide(null, 0)).isZero();
        assertThat(second.decide(null, 0)).as("a local store gives each budget its own bucket").isZero();
    }
}
