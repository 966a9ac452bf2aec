package dev.pacer.it.harness;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a bounded number of polls, instead of sleeping a fixed time. */
public final class Conditions {

    private static final long POLL_MILLIS = 100;

    private Conditions() {
    }

    /**
     * Polls until the condition returns true and returns normally, or fails with the description and the last
     * exception the condition threw.
     */
    public static void await(String description, Duration timeout, Callable<Boolean> condition)
            throws InterruptedException {
        long polls = Math.max(1, timeout.toMillis() / POLL_MILLIS);
        Exception last = null;
        for (long i = 0; i < polls; i++) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(POLL_MILLIS);
        }
        AssertionError failure = new AssertionError("Timed out after " + timeout + " waiting until " + description);
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }
}
