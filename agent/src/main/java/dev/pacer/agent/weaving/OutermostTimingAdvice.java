package dev.pacer.agent.weaving;

import dev.pacer.bootstrap.DelegationGuard;
import dev.pacer.bootstrap.MethodTimer;
import net.bytebuddy.asm.Advice;

/**
 * The timing advice for methods selected through {@code subtype-of}: like {@link TimingAdvice}, except that a call
 * delegated to another implementation of the same method, as facades and {@code super.method()} do, is recorded
 * once, on the outermost implementation. The {@code timing} benchmark measures the extra cost of the guard.
 */
public final class OutermostTimingAdvice {

    private OutermostTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@SignatureId int signatureId, @MethodId int methodId) {
        return DelegationGuard.enter(signatureId, methodId);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@SignatureId int signatureId, @MethodId int methodId, @Advice.Enter long startNanos,
            @Advice.Thrown Throwable thrown) {
        DelegationGuard.exit(signatureId);
        if (startNanos != DelegationGuard.NESTED) {
            MethodTimer.record(methodId, startNanos, thrown);
        }
    }
}
