package dev.pacer.agent.history;

import dev.pacer.agent.metrics.RateLimitSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** The decisions of a rate limit that have a history, by their names in summary.jsonl. */
public enum LimitDecision {
    ALLOWED("allowed", RateLimitSnapshot.Counts::allowed),
    REJECTED("rejected", RateLimitSnapshot.Counts::rejected),
    WAITED("waited", RateLimitSnapshot.Counts::waited),
    WOULD_REJECT("would_reject", RateLimitSnapshot.Counts::wouldReject),
    STORE_ERRORS("store_errors", RateLimitSnapshot.Counts::storeErrors),
    FALLBACKS("fallbacks", RateLimitSnapshot.Counts::fallbacks);

    private final String jsonName;
    private final ToLongFunction<RateLimitSnapshot.Counts> reader;

    LimitDecision(String jsonName, ToLongFunction<RateLimitSnapshot.Counts> reader) {
        this.jsonName = jsonName;
        this.reader = reader;
    }

    /** Returns the count of this decision. */
    public long read(RateLimitSnapshot.Counts counts) {
        return reader.applyAsLong(counts);
    }

    /** Returns the decision with this name, or null. */
    static LimitDecision byName(String name) {
        for (LimitDecision decision : values()) {
            if (decision.jsonName.equals(name)) {
                return decision;
            }
        }
        return null;
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (LimitDecision decision : values()) {
            names.add(decision.jsonName);
        }
        return names;
    }
}
