package dev.pacer.bootstrap;

/**
 * Lets a call that one implementation of a method delegates to another implementation of the same method (a
 * facade, a wrapper, or {@code super.method()}) be recorded once, on the outermost implementation. Recursion into
 * the same method is not delegation and every level is recorded.
 *
 * <p>State is per thread: for each method signature id, the depth of active woven calls and the method id of the
 * outermost one. Cost per call: one {@code ThreadLocal} look-up and two array writes on entry and exit, which is why
 * only methods selected through {@code subtype-of} use it.
 */
public final class DelegationGuard {

    /** The entry value of a delegated call, which the exit advice does not record. */
    public static final long NESTED = Long.MIN_VALUE;

    private static final ThreadLocal<int[]> STATE = new ThreadLocal<>();

    private DelegationGuard() {
    }

    /**
     * Enters a woven method and returns the start time to record, or {@link #NESTED} when another implementation
     * of the same signature is already running on this thread.
     */
    public static long enter(int signatureId, int methodId) {
        int[] state = stateFor(signatureId);
        int depthSlot = 2 * signatureId;
        int depth = state[depthSlot];
        state[depthSlot] = depth + 1;
        if (depth == 0) {
            state[depthSlot + 1] = methodId;
            return System.nanoTime();
        }
        boolean delegated = state[depthSlot + 1] != methodId;
        return delegated ? NESTED : System.nanoTime();
    }

    /**
     * Returns whether a call of {@code methodId} would be delegated: another implementation of the same signature is
     * already running on this thread. Changes no state. The rate-limit advice, which runs outside the timing advice,
     * uses it so that a delegated call takes no second token.
     */
    public static boolean isDelegated(int signatureId, int methodId) {
        int[] state = STATE.get();
        int depthSlot = 2 * signatureId;
        boolean active = state != null && depthSlot + 1 < state.length && state[depthSlot] > 0;
        return active && state[depthSlot + 1] != methodId;
    }

    /**
     * Enters a woven method, as {@link #enter} does, for the woven code. Never throws: on an agent failure it
     * counts the failure and returns {@link #NESTED}, so that the call is not recorded.
     */
    public static long enterMethod(int signatureId, int methodId) {
        try {
            return enter(signatureId, methodId);
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
            return NESTED;
        }
    }

    /** Leaves a woven method that returned normally and records it unless the call was delegated. Never throws. */
    public static void exitMethod(int signatureId, int methodId, long startNanos) {
        try {
            exit(signatureId);
            if (startNanos != NESTED) {
                MethodTimer.record(methodId, startNanos, null);
            }
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
        }
    }

    /**
     * Leaves a woven method that an exception ended and records it unless the call was delegated. The exception
     * comes first so that the woven handler can pass it from the top of its operand stack. Never throws.
     */
    public static void exitMethodThrown(Throwable thrown, int signatureId, int methodId, long startNanos) {
        try {
            exit(signatureId);
            if (startNanos != NESTED) {
                MethodTimer.record(methodId, startNanos, thrown);
            }
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
        }
    }

    /** Leaves a woven method; every {@link #enter} is paired with one exit. */
    public static void exit(int signatureId) {
        int[] state = STATE.get();
        int depthSlot = 2 * signatureId;
        if (state != null && depthSlot < state.length && state[depthSlot] > 0) {
            state[depthSlot]--;
        }
    }

    private static int[] stateFor(int signatureId) {
        int[] state = STATE.get();
        int needed = 2 * signatureId + 2;
        if (state == null || state.length < needed) {
            int[] grown = new int[Math.max(needed, state == null ? 16 : 2 * state.length)];
            if (state != null) {
                System.arraycopy(state, 0, grown, 0, state.length);
            }
            STATE.set(grown);
            state = grown;
        }
        return state;
    }
}
