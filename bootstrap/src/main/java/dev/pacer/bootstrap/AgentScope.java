package dev.pacer.bootstrap;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks an application thread as running agent code, such as the class transformer or a JMX operation, so that
 * woven methods called from there are not recorded and cannot recurse into the agent.
 *
 * <p>The hot path first reads {@link #anyActive()}, a single volatile read that is false while no thread is
 * inside agent code, and only then looks at the calling thread's own depth.
 */
public final class AgentScope {

    private static final AtomicInteger ACTIVE_THREADS = new AtomicInteger();
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<>();

    private AgentScope() {
    }

    /** Enters agent code on the calling thread. Every call must be paired with {@link #exit()} in a finally block. */
    public static void enter() {
        int[] depth = DEPTH.get();
        if (depth == null) {
            depth = new int[1];
            DEPTH.set(depth);
        }
        if (depth[0]++ == 0) {
            ACTIVE_THREADS.incrementAndGet();
        }
    }

    /** Leaves agent code on the calling thread. */
    public static void exit() {
        int[] depth = DEPTH.get();
        if (depth != null && depth[0] > 0 && --depth[0] == 0) {
            ACTIVE_THREADS.decrementAndGet();
        }
    }

    /** Returns whether the calling thread runs the agent's own code and must not be recorded. */
    public static boolean isAgentCode(Thread thread) {
        if (thread instanceof PacerThread) {
            return true;
        }
        if (ACTIVE_THREADS.get() == 0) {
            return false;
        }
        int[] depth = DEPTH.get();
        return depth != null && depth[0] > 0;
    }

    /** Returns whether any thread is inside agent code right now. */
    public static boolean anyActive() {
        return ACTIVE_THREADS.get() != 0;
    }
}
