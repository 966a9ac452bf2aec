package dev.pacer.agent.ratelimit;

import dev.pacer.agent.metrics.RateLimitSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Turns the limits' cumulative counters into one {@link RateLimitSnapshot} per limit and interval, and runs each
 * budget's periodic maintenance. Called by the reporter thread once per interval; not thread-safe.
 */
public final class RateLimitCollector implements Supplier<List<RateLimitSnapshot>> {

    private final String storeName;
    private final Map<String, RateLimitMetrics> metricsByLimit;
    private final Map<String, Boolean> keyedByLimit;
    private final Map<String, RateLimitBudget> budgets;
    private final BooleanSupplier storeAvailable;
    private final LongSupplier storeOutages;
    private final Map<String, RateLimitSnapshot.Counts> previousTotals = new HashMap<>();
    private final Map<String, Histogram> totalWaits = new HashMap<>();

    RateLimitCollector(String storeName, Map<String, RateLimitMetrics> metricsByLimit,
            Map<String, Boolean> keyedByLimit, Map<String, RateLimitBudget> budgets, BooleanSupplier storeAvailable,
            LongSupplier storeOutages) {
        this.storeName = storeName;
        this.metricsByLimit = new LinkedHashMap<>(metricsByLimit);
        this.keyedByLimit = Map.copyOf(keyedByLimit);
        this.budgets = Map.copyOf(budgets);
        this.storeAvailable = storeAvailable;
        this.storeOutages = storeOutages;
    }

    /** Returns one snapshot per limit, in configuration order, and refreshes every budget. */
    @Override
    public List<RateLimitSnapshot> get() {
        List<RateLimitSnapshot> snapshots = new ArrayList<>(metricsByLimit.size());
        boolean available = storeAvailable.getAsBoolean();
        long outages = storeOutages.getAsLong();
        for (RateLimitMetrics metrics : metricsByLimit.values()) {
            String limit = metrics.limit();
            budgets.get(limit).refresh();

            RateLimitSnapshot.Counts total = metrics.totals();
            RateLimitSnapshot.Counts previous = previousTotals.getOrDefault(limit,
                    new RateLimitSnapshot.Counts(0, 0, 0, 0, 0, 0));
            previousTotals.put(limit, total);

            Histogram intervalWaits = metrics.drainWaits();
            Histogram cumulativeWaits = totalWaits.computeIfAbsent(limit, ignored -> new Histogram(2));
            cumulativeWaits.add(intervalWaits);

            snapshots.add(new RateLimitSnapshot(limit, storeName, keyedByLimit.getOrDefault(limit, false), available,
                    outages, difference(total, previous), total, waitStats(intervalWaits),
                    waitStats(cumulativeWaits)));
        }
        return snapshots;
    }

    private static RateLimitSnapshot.Counts difference(RateLimitSnapshot.Counts total,
            RateLimitSnapshot.Counts previous) {
        return new RateLimitSnapshot.Counts(total.allowed() - previous.allowed(),
                total.rejected() - previous.rejected(), total.waited() - previous.waited(),
                total.wouldReject() - previous.wouldReject(), total.storeErrors() - previous.storeErrors(),
                total.fallbacks() - previous.fallbacks());
    }

    private static RateLimitSnapshot.WaitStats waitStats(Histogram waits) {
        long count = waits.getTotalCount();
        if (count == 0) {
            return new RateLimitSnapshot.WaitStats(0, 0, 0, 0);
        }
        return new RateLimitSnapshot.WaitStats(count, waits.getValueAtPercentile(50) / 1e6,
                waits.getValueAtPercentile(99) / 1e6, waits.getMaxValue() / 1e6);
    }
}
