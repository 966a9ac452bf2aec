package dev.pacer.agent.weaving;

import dev.pacer.bootstrap.DelegationGuard;
import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.bootstrap.RateLimits;
import net.bytebuddy.asm.Advice;

/**
 * The rate-limit advice of unkeyed pointcuts that select through {@code subtype-of}: like {@link RateLimitAdvice},
 * except that a call delegated to another implementation of the same method takes no token, because the outermost
 * implementation already took one. {@link OutermostTimingAdvice} keeps the delegation state that this reads.
 */
public final class OutermostRateLimitAdvice {

    private OutermostRateLimitAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static RateLimitExceededException enter(@GateId int gateId, @SignatureId int signatureId,
            @MethodId int methodId) {
        if (DelegationGuard.isDelegated(signatureId, methodId)) {
            return null;
        }
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
