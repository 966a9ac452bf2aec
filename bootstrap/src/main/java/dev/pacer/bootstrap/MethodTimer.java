package dev.pacer.bootstrap;

/**
 * The entry point of the timing advice. Woven methods read {@code System.nanoTime()} on entry and call
 * {@link #exit} before each return, or {@link #exitThrown} when an exception ends the call, with a method id that
 * is a constant in the woven code. Neither throws: the agent's own failures are counted in {@link AgentErrors}.
 *
 * <p>Cost per call, measured by the {@code timing} benchmark: one volatile read of the recorder table, one array
 * load, one atomic add on a striped count, and no allocation, lock, map look-up or logging. Failed calls take a
 * second path that hands the exception to the agent's {@link ThrownListener}.
 */
public final class MethodTimer {

    private static final StripedLatencyRecorder[] NO_RECORDERS = new StripedLatencyRecorder[0];

    private static volatile StripedLatencyRecorder[] recorders = NO_RECORDERS;
    private static volatile ThrownListener thrownListener;

    private MethodTimer() {
    }

    /** Receives the exceptions that end woven calls; called on the failing thread inside an {@link AgentScope}. */
    public interface ThrownListener {
        void onThrown(int methodId, Throwable thrown);
    }

    /** Records a call of a woven method that returned normally. Never throws. */
    public static void exit(int methodId, long startNanos) {
        try {
            record(methodId, startNanos, null);
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
        }
    }

    /**
     * Records a call of a woven method that an exception ended. The argument order lets the woven handler pass the
     * exception that is on top of its operand stack without a local variable. Never throws.
     */
    public static void exitThrown(Throwable thrown, int methodId, long startNanos) {
        try {
            record(methodId, startNanos, thrown);
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
        }
    }

    /**
     * Records one call of a woven method. Throws nothing for any argument; {@link #exit} and {@link #exitThrown}
     * catch and count anything thrown all the same.
     *
     * @param methodId   the id that the agent assigned to the method when it wove it
     * @param startNanos the value of {@code System.nanoTime()} when the method was entered
     * @param thrown     the exception that ended the call, or null when it returned normally
     */
    public static void record(int methodId, long startNanos, Throwable thrown) {
        long durationNanos = System.nanoTime() - startNanos;
        Thread thread = Thread.currentThread();
        if (AgentScope.isAgentCode(thread)) {
            return;
        }

        StripedLatencyRecorder[] table = recorders;
        boolean knownMethod = methodId >= 0 && methodId < table.length;
        if (!knownMethod) {
            AgentErrors.unknownMethodId();
            return;
        }

        if (durationNanos < 0) {
            AgentErrors.negativeDuration();
        } else if (durationNanos > LatencyBuckets.HIGHEST_TRACKABLE_NANOS) {
            AgentErrors.overflow();
            table[methodId].record(LatencyBuckets.HIGHEST_TRACKABLE_NANOS, thread.getId());
        } else {
            table[methodId].record(durationNanos, thread.getId());
        }

        if (thrown != null) {
            notifyThrown(methodId, thrown);
        }
    }

    /**
     * Installs the recorder of a method id. Ids are assigned densely from 0, and a recorder is installed before any
     * class that uses its id is woven. Called by the agent under its own lock.
     */
    public static void install(int methodId, StripedLatencyRecorder recorder) {
        StripedLatencyRecorder[] current = recorders;
        if (methodId != current.length) {
            throw new IllegalStateException("method id " + methodId + " is not the next free id " + current.length);
        }
        StripedLatencyRecorder[] grown = new StripedLatencyRecorder[methodId + 1];
        System.arraycopy(current, 0, grown, 0, current.length);
        grown[methodId] = recorder;
        recorders = grown;
    }

    /** Sets the listener that counts exceptions by class. */
    public static void setThrownListener(ThrownListener listener) {
        thrownListener = listener;
    }

    private static void notifyThrown(int methodId, Throwable thrown) {
        ThrownListener listener = thrownListener;
        if (listener == null) {
            return;
        }
        AgentScope.enter();
        try {
            listener.onThrown(methodId, thrown);
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
        } finally {
            AgentScope.exit();
        }
    }
}
