package dev.pacer.agent.weaving;

import dev.pacer.bootstrap.MethodTimer;
import net.bytebuddy.asm.Advice;

/**
 * The timing advice woven into methods. ByteBuddy inlines both parts into the method's bytecode, so a call costs
 * two {@code System.nanoTime()} reads and one {@link MethodTimer#record} call with a constant id; the
 * {@code timing} JMH benchmark measures it. Any exception inside the advice is caught by the weaver's exception
 * handler and counted in {@code AgentErrors}.
 */
public final class TimingAdvice {

    private TimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@MethodId int methodId, @Advice.Enter long startNanos,
            @Advice.Thrown Throwable thrown) {
        MethodTimer.record(methodId, startNanos, thrown);
    }
}
