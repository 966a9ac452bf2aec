package dev.pacer.agent.weaving;

import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.bootstrap.RateLimits;
import net.bytebuddy.asm.Advice;

/**
 * The rate-limit advice of unkeyed pointcuts. The enter part calls the pointcut's gate, with the gate id inlined as
 * a constant, and skips the method's body when the gate returns an exception. The exit part then throws that
 * exception from the woven method by assigning it as the method's throwable.
 *
 * <p>The weaver applies this advice outside the timing advice, so a rejected call is not timed and the time a call
 * parks for a token is not part of the method's latency. Any other exception inside the advice is caught by the
 * weaver's exception handler and counted in {@code AgentErrors}; the call then proceeds.
 */
public final class RateLimitAdvice {

    private RateLimitAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static RateLimitExceededException enter(@GateId int gateId) {
        return RateLimits.acquire(gateId, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter RateLimitExceededException rejection,
            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (rejection != null) {
            thrown = rejection;
        }
    }
}
