package dev.pacer.agent.weaving;

import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.bootstrap.RateLimits;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The rate-limit advice of keyed pointcuts: like {@link RateLimitAdvice}, but it hands the method's arguments to the
 * gate, which picks the bucket from the key. Copying the arguments into an array allocates once per call and boxes
 * primitive arguments; unkeyed pointcuts use {@link RateLimitAdvice}, which does neither.
 */
public final class KeyedRateLimitAdvice {

    private KeyedRateLimitAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static RateLimitExceededException enter(@GateId int gateId,
            @Advice.AllArguments(typing = Assigner.Typing.DYNAMIC) Object[] arguments) {
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
