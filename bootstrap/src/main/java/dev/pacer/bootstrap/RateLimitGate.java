package dev.pacer.bootstrap;

/** Decides the calls of the methods of one rate-limited pointcut. The agent implements it. */
public interface RateLimitGate {

    /**
     * Decides one call, parking the calling thread first when the pointcut waits for tokens. An exception thrown
     * here is caught by the advice's exception handler and counted in {@link AgentErrors}, and the call proceeds.
     *
     * @param arguments the woven method's arguments for a keyed pointcut, else null
     * @return null to let the call proceed, or the exception that the woven method throws instead of running
     */
    RateLimitExceededException acquire(Object[] arguments);
}
