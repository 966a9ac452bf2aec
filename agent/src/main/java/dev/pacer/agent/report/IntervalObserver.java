package dev.pacer.agent.report;

import dev.pacer.agent.metrics.IntervalSummary;

/**
 * A hook that extends each interval before it is reported and receives it afterwards. The reporter calls it on its
 * thread while it holds its lock.
 */
public interface IntervalObserver {

    /** Returns the summary to report, such as the given one with system metrics added. */
    IntervalSummary enrich(IntervalSummary summary);

    /** Handles a summary after it was written and published. */
    void afterInterval(IntervalSummary summary);

    /** Changes nothing. */
    IntervalObserver NONE = new IntervalObserver() {
        @Override
        public IntervalSummary enrich(IntervalSummary summary) {
            return summary;
        }

        @Override
        public void afterInterval(IntervalSummary summary) {
        }
    };
}
