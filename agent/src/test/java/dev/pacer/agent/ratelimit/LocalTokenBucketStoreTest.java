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
    void sameNameBudgetsStaySeparate() {
        RateLimitSpec spec = new RateLimitSpec(1, HOUR, 0);
        RateLimitBudget first = budget("same", spec);
        RateLimitBudget second = budget("same", spec);

        assertThat(first.decide(null, 0)).isZero();
        assertThat(second.decide(null, 0)).as("a local store gives each budget its own bucket").isZero();
    }
}
