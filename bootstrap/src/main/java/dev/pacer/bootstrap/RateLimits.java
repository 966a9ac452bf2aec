package dev.pacer.bootstrap;

/**
 * The entry point of the rate-limit advice. Woven methods call {@link #check}, or {@link #checkOutermost} for
 * methods selected through {@code subtype-of}, with a gate id that is a constant in the woven code, one id per
 * rate-limited pointcut, before the method's body runs.
 *
 * <p>Cost per call of an unkeyed limit: one volatile read of the gate table, one array load, the agent-code check
 * of {@link AgentScope} (a type check and one volatile read while no thread is in agent code), one interface call,
 * and then the gate's own work, which for a local bucket is a CAS on one long and a {@code LongAdder} increment. No
 * allocation, lock or map look-up happens here. Calls on agent threads and inside agent code are not limited.
 *
 * <p>NOTE: the {@code ratelimit-local} benchmark scenario times only the bucket's {@code LocalTokenBucket#tryAcquire}.
 * The gate look-up, interface call and {@code LongAdder} increment of this path are not measured.
 */
public final class RateLimits {

    private static final RateLimitGate[] NO_GATES = new RateLimitGate[0];

    private static volatile RateLimitGate[] gates = NO_GATES;

    private RateLimits() {
    }

    /**
     * Decides one call of a woven method.
     *
     * @param gateId    the id of the pointcut's gate
     * @param arguments the method's arguments for a keyed pointcut, else null
     * @return null to proceed, or the exception to throw instead of running the method
     */
    public static RateLimitExceededException acquire(int gateId, Object[] arguments) {
        RateLimitGate[] table = gates;
        boolean knownGate = gateId >= 0 && gateId < table.length;
        if (!knownGate) {
            AgentErrors.unknownMethodId();
            return null;
        }
        if (AgentScope.isAgentCode(Thread.currentThread())) {
            return null;
        }
        return table[gateId].acquire(arguments);
    }

    /**
     * Decides one call of a woven method and throws the rejection, so that the method's body does not run. Any
     * other failure of the agent is counted and admits the call.
     *
     * @param gateId    the id of the pointcut's gate
     * @param arguments the method's arguments for a keyed pointcut, else null
     * @throws RateLimitExceededException when the gate rejects the call
     */
    public static void check(int gateId, Object[] arguments) {
        RateLimitExceededException rejection;
        try {
            rejection = acquire(gateId, arguments);
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
            return;
        }
        if (rejection != null) {
            throw rejection;
        }
    }

    /**
     * Like {@link #check}, except that a call which another implementation of the same method delegates to takes
     * no token, because the outermost implementation already took one.
     */
    public static void checkOutermost(int gateId, int signatureId, int methodId, Object[] arguments) {
        RateLimitExceededException rejection;
        try {
            if (DelegationGuard.isDelegated(signatureId, methodId)) {
                return;
            }
            rejection = acquire(gateId, arguments);
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
            return;
        }
        if (rejection != null) {
            throw rejection;
        }
    }

    /** Installs every gate at once, before any class that uses their ids is woven. Called once by the agent. */
    public static void install(RateLimitGate[] installed) {
        gates = installed.clone();
    }
}
