package dev.pacer.agent.weaving;

import dev.pacer.bootstrap.MethodTimer;
import net.bytebuddy.asm.Advice;

/**
 * The timing advice for constructors. The entry part runs before {@code super()} and reads only the clock, never
 * {@code this}. The exit part runs only when the constructor returns, because the JVM does not allow an exception
 * handler around the {@code super()} call, so constructors that throw are not recorded.
 */
public final class ConstructorTimingAdvice {

    private ConstructorTimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@MethodId int methodId, @Advice.Enter long startNanos) {
        MethodTimer.record(methodId, startNanos, null);
    }
}
