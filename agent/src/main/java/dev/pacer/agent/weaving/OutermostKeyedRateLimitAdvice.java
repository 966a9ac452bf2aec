package dev.pacer.agent.weaving;

import dev.pacer.bootstrap.DelegationGuard;
import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.bootstrap.RateLimits;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The rate-limit advice of keyed pointcuts that select through {@code subtype-of}: like
 * {@link KeyedRateLimitAdvice}, except that a delegated call takes no token, as in {@link OutermostRateLimitAdvice}.
 */
public final class OutermostKeyedRateLimitAdvice {

    private OutermostKeyedRateLimitAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static RateLimitExceededException enter(@GateId int gateId, @SignatureId int signatureId,
            @MethodId int methodId, @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] arguments) {
        if (DelegationGuard.isDelegated(signatureId, methodId)) {
            return null;
        }
        return RateLimits.acquire(gateId, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter RateLimitExceededException rejection,
            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (rejection != null) {
            thrown = rejection;
        }
    }
}
