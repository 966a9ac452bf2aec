package dev.pacer.agent.metrics;

import dev.pacer.bootstrap.MethodTimer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one {@link MethodRegistry} of the test JVM. A registry installs its ids into the static table of
 * {@link MethodTimer} from 0 upwards, so a second registry would fail on its first registration. Tests that need
 * methods register them here under keys from {@link #uniqueKey}.
 */
public final class SharedMethodRegistry {

    private static final MethodRegistry REGISTRY = new MethodRegistry();
    private static final AtomicInteger NEXT_KEY = new AtomicInteger();

    static {
        MethodTimer.setThrownListener(REGISTRY);
    }

    private SharedMethodRegistry() {
    }

    /** Returns the registry, which is also the thrown listener of {@link MethodTimer}. */
    public static MethodRegistry registry() {
        return REGISTRY;
    }

    /** Returns a method key that no other test registers, such as {@code test.Method3#find(java.lang.String,int)}. */
    public static String uniqueKey(String methodName, String parameters) {
        return "test.Method" + NEXT_KEY.incrementAndGet() + "#" + methodName + "(" + parameters + ")";
    }

    /** Registers a new method and returns its info. */
    public static MethodInfo register(String methodName, String parameters, String pointcut) {
        int id = REGISTRY.register(uniqueKey(methodName, parameters), pointcut);
        return REGISTRY.methods().get(id);
    }
}
