package dev.pacer.agent.ratelimit;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.Log;
import dev.pacer.agent.config.PointcutConfig;
import dev.pacer.agent.config.PointcutRateLimit;
import dev.pacer.agent.config.RateLimitsConfig;
import dev.pacer.bootstrap.RateLimitGate;
import dev.pacer.bootstrap.RateLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the rate-limit gates of agent.yaml: one store, one budget and one set of metrics per limit name, and one gate
 * per rate-limited pointcut. Pointcuts that name the same limit share its budget. Gate ids are assigned in pointcut
 * order and installed in {@link RateLimits} before any class is woven.
 */
public final class RateLimitRuntime implements AutoCloseable {

    private final TokenBucketStore store;
    private final String storeName;
    private final Map<String, RateLimitBudget> budgets = new LinkedHashMap<>();
    private final Map<String, RateLimitMetrics> metricsByLimit = new LinkedHashMap<>();
    private final Map<String, Boolean> keyedByLimit = new HashMap<>();
    private final Map<String, Integer> gateIdByPointcut = new HashMap<>();
    private final Map<String, Boolean> keyedByPointcut = new HashMap<>();

    private RateLimitRuntime(TokenBucketStore store, String storeName) {
        this.store = store;
        this.storeName = storeName;
    }

    /** Creates the store and the gates, and installs the gates. Opens no Redis connection until the first call. */
    public static RateLimitRuntime start(RateLimitsConfig config, List<PointcutConfig> pointcuts, AgentClock clock) {
        LocalTokenBucketStore local = new LocalTokenBucketStore(clock);
        boolean anyLimited = pointcuts.stream().anyMatch(pointcut -> pointcut.rateLimit() != null);
        boolean redis = config.store() == RateLimitsConfig.Store.REDIS && anyLimited;
        TokenBucketStore store = redis ? new RedisTokenBucketStore(config.redis(), local) : local;
        RateLimitRuntime runtime = new RateLimitRuntime(store, redis ? "redis" : "local");

        List<RateLimitGate> gates = new ArrayList<>();
        for (PointcutConfig pointcut : pointcuts) {
            PointcutRateLimit rateLimit = pointcut.rateLimit();
            if (rateLimit == null) {
                continue;
            }
            RateLimitMetrics metrics = runtime.metricsByLimit.computeIfAbsent(rateLimit.limit(),
                    RateLimitMetrics::new);
            RateLimitBudget budget = runtime.budgets.computeIfAbsent(rateLimit.limit(),
                    limit -> store.budget(limit, rateLimit.spec(), metrics));
            runtime.keyedByLimit.merge(rateLimit.limit(), rateLimit.keyed(), Boolean::logicalOr);
            runtime.gateIdByPointcut.put(pointcut.name(), gates.size());
            runtime.keyedByPointcut.put(pointcut.name(), rateLimit.keyed());
            gates.add(new PointcutGate(pointcut.name(), rateLimit, budget, metrics, PointcutGate.ParkingClock.SYSTEM));
        }
        RateLimits.install(gates.toArray(new RateLimitGate[0]));
        if (!gates.isEmpty()) {
            Log.info(gates.size() + " pointcuts hold calls to " + runtime.budgets.size() + " rate limits in the "
                    + runtime.storeName + " store");
        }
        return runtime;
    }

    /** Returns the gate id of each rate-limited pointcut, by pointcut name. */
    public Map<String, Integer> gateIdByPointcut() {
        return Map.copyOf(gateIdByPointcut);
    }

    /** Returns whether each rate-limited pointcut is keyed, by pointcut name. */
    public Map<String, Boolean> keyedByPointcut() {
        return Map.copyOf(keyedByPointcut);
    }

    /** Returns a collector of this runtime's limits for the reporter. */
    public RateLimitCollector collector() {
        if (store instanceof RedisTokenBucketStore redis) {
            return new RateLimitCollector(storeName, metricsByLimit, keyedByLimit, budgets, redis::available,
                    redis::outages);
        }
        return new RateLimitCollector(storeName, metricsByLimit, keyedByLimit, budgets, () -> true, () -> 0);
    }

    /** Returns the store, which tests and benchmarks may call directly. */
    public TokenBucketStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
