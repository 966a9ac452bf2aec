package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.RateLimitSpec;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TokenBucketStore} shares, run against each store by a subclass. Stores that cannot use
 * an injected clock (Redis reads its own {@code TIME}) run in real time, so the limits here refill slowly enough
 * that the milliseconds a test takes cannot add a token, and times are checked within {@link #TOLERANCE_NANOS}.
 */
abstract class TokenBucketStoreContract {

    static final long SECOND = 1_000_000_000L;
    static final long HOUR = 3_600 * SECOND;
    static final long TOLERANCE_NANOS = 2 * SECOND;

    private TokenBucketStore store;
    private String prefix;

    /** Creates the store under test. */
    abstract TokenBucketStore createStore() throws Exception;

    @BeforeEach
    void createStoreUnderTest() throws Exception {
        store = createStore();
        prefix = "contract-" + UUID.randomUUID() + "-";
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    TokenBucketStore store() {
        return store;
    }

    /** Returns a limit name unique to this test, so that runs against a shared Redis never meet. */
    String limitName(String name) {
        return prefix + name;
    }

    RateLimitBudget budget(String name, RateLimitSpec spec) {
        return store.budget(limitName(name), spec, new RateLimitMetrics(limitName(name)));
    }

    @Test
    void freshBucketAdmitsCapacityThenRejects() {
        RateLimitBudget budget = budget("builds", new RateLimitSpec(3, HOUR, 2));

        for (int call = 0; call < 5; call++) {
            assertThat(budget.decide(null, 0)).as("call %d", call).isZero();
        }
        long decision = budget.decide(null, 0);

        assertThat(decision).as("6th call").isNegative();
        assertThat(-decision).as("time until the next token").isBetween(20 * 60 * SECOND - TOLERANCE_NANOS,
                20 * 60 * SECOND);
    }

    @Test
    void fractionalRateGivesExactRetryAfter() {
        RateLimitBudget budget = budget("slow", new RateLimitSpec(1, 7 * HOUR, 0));

        assertThat(budget.decide(null, 0)).isZero();
        long decision = budget.decide(null, 0);

        assertThat(-decision).isBetween(7 * HOUR - TOLERANCE_NANOS, 7 * HOUR);
    }

    @Test
    void exhaustedLimitLeavesOtherLimitsUntouched() {
        RateLimitBudget builds = budget("builds", new RateLimitSpec(2, HOUR, 0));
        RateLimitBudget plugins = budget("plugins", new RateLimitSpec(2, HOUR, 0));

        builds.decide(null, 0);
        builds.decide(null, 0);

        assertThat(builds.decide(null, 0)).isNegative();
        assertThat(plugins.decide(null, 0)).isZero();
        assertThat(plugins.decide(null, 0)).isZero();
    }

    @Test
    void exhaustedKeyLeavesOtherKeysUntouched() {
        RateLimitBudget users = budget("users", new RateLimitSpec(1, HOUR, 0));

        assertThat(users.decide("alice", 0)).isZero();
        assertThat(users.decide("alice", 0)).isNegative();
        assertThat(users.decide("bob", 0)).isZero();
        assertThat(users.decide(null, 0)).as("the unkeyed bucket").isZero();
    }

    @Test
    void waitReservesNextTokenWithinMaxWait() {
        RateLimitBudget budget = budget("waits", new RateLimitSpec(1, HOUR, 0));
        assertThat(budget.decide(null, 0)).isZero();

        long reserved = budget.decide(null, 2 * HOUR);
        long beyond = budget.decide(null, HOUR + HOUR / 2);
        long second = budget.decide(null, 3 * HOUR);

        assertThat(reserved).as("parks for the token due in an hour").isBetween(HOUR - TOLERANCE_NANOS, HOUR);
        assertThat(beyond).as("the token after that is two hours away").isNegative();
        assertThat(-beyond).isBetween(2 * HOUR - TOLERANCE_NANOS, 2 * HOUR);
        assertThat(second).as("the rejection took no token").isBetween(2 * HOUR - TOLERANCE_NANOS, 2 * HOUR);
    }

    @Test
    void rejectionTakesNoToken() {
        RateLimitBudget budget = budget("reject", new RateLimitSpec(1, HOUR, 1));

        budget.decide(null, 0);
        budget.decide(null, 0);
        for (int call = 0; call < 10; call++) {
            assertThat(budget.decide(null, 0)).isNegative();
        }
        long reserved = budget.decide(null, HOUR);

        assertThat(reserved).as("only one hour away after ten rejections").isBetween(HOUR - TOLERANCE_NANOS, HOUR);
    }
}
