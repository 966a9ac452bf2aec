package dev.pacer.agent.history;

import dev.pacer.agent.metrics.RateLimitSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the rate limits' decisions of several intervals into one snapshot per limit. The interval counts are
 * summed, and the totals and the store state are those of the last interval. Of the waits only the count and the
 * maximum are merged, because an interval keeps its wait percentiles and not its wait histogram.
 */
final class RateLimitMerger {

    private RateLimitMerger() {
    }

    /** Returns one snapshot per limit, in the order in which the limits first appear. */
    static List<RateLimitSnapshot> merge(List<IntervalRecord> records) {
        Map<String, RateLimitSnapshot> merged = new LinkedHashMap<>();
        for (IntervalRecord record : records) {
            for (RateLimitSnapshot limit : record.rateLimits()) {
                merged.merge(limit.limit(), limit, RateLimitMerger::add);
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** Adds a later interval's snapshot to the merged snapshot of the earlier ones. */
    private static RateLimitSnapshot add(RateLimitSnapshot earlier, RateLimitSnapshot later) {
        RateLimitSnapshot.Counts a = earlier.interval();
        RateLimitSnapshot.Counts b = later.interval();
        RateLimitSnapshot.Counts counts = new RateLimitSnapshot.Counts(a.allowed() + b.allowed(),
                a.rejected() + b.rejected(), a.waited() + b.waited(), a.wouldReject() + b.wouldReject(),
                a.storeErrors() + b.storeErrors(), a.fallbacks() + b.fallbacks());
        RateLimitSnapshot.WaitStats waits = new RateLimitSnapshot.WaitStats(
                earlier.intervalWait().count() + later.intervalWait().count(), Double.NaN, Double.NaN,
                maxOf(earlier.intervalWait().maxMillis(), later.intervalWait().maxMillis()));
        return new RateLimitSnapshot(later.limit(), later.store(), later.keyed(), later.storeAvailable(),
                later.storeOutages(), counts, later.total(), waits, later.totalWait());
    }

    private static double maxOf(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }
}
