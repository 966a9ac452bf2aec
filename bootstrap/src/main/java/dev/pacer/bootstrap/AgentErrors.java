package dev.pacer.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the failures that the agent kept away from the application: exceptions thrown inside advice, dropped
 * durations and clamped values. The agent publishes these counts as the {@code AgentErrors} attribute and in its
 * log.
 */
public final class AgentErrors {

    private static final AtomicLong SUPPRESSED = new AtomicLong();
    private static final AtomicLong NEGATIVE_DURATIONS = new AtomicLong();
    private static final AtomicLong OVERFLOWS = new AtomicLong();
    private static final AtomicLong UNKNOWN_IDS = new AtomicLong();

    private static volatile Throwable lastSuppressed;

    private AgentErrors() {
    }

    /**
     * Counts an exception that advice or the agent caught instead of letting it reach the application. Woven code
     * calls this from the exception handler around each piece of advice.
     */
    public static void suppressed(Throwable error) {
        SUPPRESSED.incrementAndGet();
        lastSuppressed = error;
    }

    static void negativeDuration() {
        NEGATIVE_DURATIONS.incrementAndGet();
    }

    static void overflow() {
        OVERFLOWS.incrementAndGet();
    }

    static void unknownMethodId() {
        UNKNOWN_IDS.incrementAndGet();
    }

    /** Returns the number of exceptions caught inside advice or agent code. */
    public static long suppressedCount() {
        return SUPPRESSED.get();
    }

    /** Returns the most recent suppressed exception, or null. */
    public static Throwable lastSuppressed() {
        return lastSuppressed;
    }

    /** Returns the number of durations dropped because the clock went backwards. */
    public static long negativeDurationCount() {
        return NEGATIVE_DURATIONS.get();
    }

    /** Returns the number of durations above the highest trackable value, recorded as that value. */
    public static long overflowCount() {
        return OVERFLOWS.get();
    }

    /** Returns the number of records for a method id that had no recorder, which means a weaving bug. */
    public static long unknownMethodIdCount() {
        return UNKNOWN_IDS.get();
    }
}
