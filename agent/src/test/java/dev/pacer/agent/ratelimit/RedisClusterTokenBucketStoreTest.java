package dev.pacer.agent.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.config.RateLimitSpec;
import dev.pacer.agent.config.RedisConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract against a real three-node Redis Cluster: every bucket's keys share one hash slot, so the
 * script runs on the node that owns the slot, whichever node the client reached first.
 */
class RedisClusterTokenBucketStoreTest extends TokenBucketStoreContract {

    private static RedisClusterServer cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisClusterServer.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    TokenBucketStore createStore() {
        RedisConfig config = new RedisConfig(cluster.uris(), 1_000_000_000L, RedisConfig.OnError.DENY, "test:", 8,
                50_000_000L);
        return new RedisTokenBucketStore(config, new LocalTokenBucketStore(AgentClock.SYSTEM));
    }

    @Test
    void bucketsOnEveryNodeKeepTheirBudgets() {
        RateLimitSpec spec = new RateLimitSpec(2, HOUR, 0);
        int limits = 30;

        // Thirty names spread their hash slots over all three nodes.
        for (int i = 0; i < limits; i++) {
            RateLimitBudget budget = budget("spread-" + i, spec);
            assertThat(budget.decide(null, 0)).as("first token of limit %d", i).isZero();
            assertThat(budget.decide(null, 0)).as("second token of limit %d", i).isZero();
            assertThat(budget.decide(null, 0)).as("third call of limit %d", i).isNegative();
        }
    }

    @Test
    void scriptFlushOnEveryNodeIsInvisible() throws Exception {
        RateLimitSpec spec = new RateLimitSpec(2, HOUR, 0);
        RateLimitMetrics metrics = new RateLimitMetrics(limitName("flush"));
        RateLimitBudget budget = store().budget(limitName("flush"), spec, metrics);
        int keys = 30;
        for (int i = 0; i < keys; i++) {
            assertThat(budget.decide("key-" + i, 0)).as("first token of key %d", i).isZero();
        }

        cluster.flushScripts();

        // Thirty keys spread their hash slots over all three nodes, so each node loads the script again.
        for (int i = 0; i < keys; i++) {
            assertThat(budget.decide("key-" + i, 0)).as("second token of key %d", i).isZero();
            assertThat(budget.decide("key-" + i, 0)).as("third call of key %d", i).isNegative();
        }
        assertThat(metrics.totals().storeErrors()).isZero();
        assertThat(metrics.totals().fallbacks()).isZero();
    }
}
