package dev.pacer.agent.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.metrics.MethodInfo;
import dev.pacer.agent.metrics.MethodRegistry;
import dev.pacer.agent.metrics.SharedMethodRegistry;
import dev.pacer.fixture.weaving.CiClient;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.bootstrap.RateLimitGate;
import dev.pacer.bootstrap.RateLimits;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weaves the rate-limit and timing advice into {@link CiClient} with {@link Weaver#weave}, loads the woven class
 * in a child-first class loader, and drives it through gates that the test controls.
 */
class RateLimitWeavingTest {

    private static final String CONFIG = """
            pointcuts:
              - name: builds
                class: dev.pacer.fixture.weaving.CiClient
                method: "triggerBuild|failingBuild"
                rate-limit: { requests: 10, period: 60s }
              - name: users
                class: dev.pacer.fixture.weaving.CiClient
                method: userBuild
                rate-limit: { requests: 10, period: 60s }
                key: arg0
            """;

    private static final TestGate BUILDS = new TestGate();
    private static final TestGate USERS = new TestGate();
    private static Object client;
    private static MethodRegistry registry;

    @BeforeAll
    static void weave() throws Exception {
        AgentConfig config = ConfigLoader.parse(CONFIG, "agent.yaml");
        registry = SharedMethodRegistry.registry();
        Weaver weaver = new Weaver(new PointcutSet(config.pointcuts()), registry, Map.of("builds", 0, "users", 1),
                Map.of("builds", false, "users", true));
        RateLimits.install(new RateLimitGate[] {BUILDS, USERS});

        Class<?> woven = WovenClassLoader.weave(weaver, CiClient.class).loadClass(CiClient.class.getName());
        client = woven.getConstructor().newInstance();
    }

    @BeforeEach
    void admitEverything() {
        BUILDS.behaviour = arguments -> null;
        USERS.behaviour = arguments -> null;
        BUILDS.seen.clear();
        USERS.seen.clear();
        drain("triggerBuild(java.lang.String)");
    }

    @Test
    void admittedCallRunsAndIsTimed() throws Exception {
        int runsBefore = bodyRuns();

        Object result = call("triggerBuild", "nightly");

        assertThat(result).isEqualTo("built nightly");
        assertThat(bodyRuns() - runsBefore).isEqualTo(1);
        assertThat(drain("triggerBuild(java.lang.String)")).as("timed calls").isEqualTo(1);
        assertThat(BUILDS.seen).hasSize(1);
        assertThat(BUILDS.seen.get(0)).as("an unkeyed gate gets no arguments").isNull();
    }

    @Test
    void rejectionSkipsBodyAndTiming() throws Exception {
        RateLimitExceededException rejection = new RateLimitExceededException("builds", null, 6_000_000_000L);
        BUILDS.behaviour = arguments -> rejection;
        int runsBefore = bodyRuns();

        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> call("triggerBuild", "nightly"));

        assertThat(thrown.getCause()).isSameAs(rejection);
        assertThat(bodyRuns()).as("the body did not run").isEqualTo(runsBefore);
        assertThat(drain("triggerBuild(java.lang.String)")).as("rejected calls are not timed").isZero();
    }

    @Test
    void failingGateIsSwallowedAndCounted() throws Exception {
        BUILDS.behaviour = arguments -> {
            throw new IllegalStateException("gate failed");
        };
        long errorsBefore = AgentErrors.suppressedCount();

        Object result = call("triggerBuild", "nightly");

        assertThat(result).isEqualTo("built nightly");
        assertThat(AgentErrors.suppressedCount() - errorsBefore).isEqualTo(1);
        assertThat(AgentErrors.lastSuppressed()).hasMessage("gate failed");
    }

    @Test
    void applicationExceptionPassesUnchanged() {
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> call("failingBuild", "nightly"));

        assertThat(thrown.getCause()).isInstanceOf(IOException.class).hasMessage("server returned 500 for nightly");
    }

    @Test
    void keyedGateGetsArguments() throws Exception {
        Method userBuild = client.getClass().getMethod("userBuild", String.class, int.class);

        Object result = userBuild.invoke(client, "alice", 3);

        assertThat(result).isEqualTo(3L);
        assertThat(USERS.seen).hasSize(1);
        assertThat(USERS.seen.get(0)).containsExactly("alice", 3);
    }

    @Test
    void keyedRejectionCarriesKey() {
        USERS.behaviour = arguments -> new RateLimitExceededException("users", (String) arguments[0], 1);

        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> client.getClass().getMethod("userBuild", String.class, int.class).invoke(client, "bob", 1));

        assertThat(thrown.getCause()).isInstanceOf(RateLimitExceededException.class);
        assertThat(((RateLimitExceededException) thrown.getCause()).key()).isEqualTo("bob");
    }

    /** Returns the body-run count of the woven class, which has its own static field in its own class loader. */
    private static int bodyRuns() throws ReflectiveOperationException {
        return ((AtomicInteger) client.getClass().getField("BODY_RUNS").get(null)).get();
    }

    private static Object call(String methodName, String argument) throws Exception {
        return client.getClass().getMethod(methodName, String.class).invoke(client, argument);
    }

    /** Drains the recorder of a CiClient method and returns how many calls it had. */
    private static long drain(String signature) {
        String key = CiClient.class.getName() + "#" + signature;
        AtomicLong count = new AtomicLong();
        for (MethodInfo method : registry.methods()) {
            if (method.key().equals(key)) {
                method.recorder().drainTo((lowestValueNanos, calls) -> count.addAndGet(calls));
            }
        }
        return count.get();
    }

    /** A gate whose decision the test sets, which records the arguments it was given. */
    private static final class TestGate implements RateLimitGate {
        volatile Function<Object[], RateLimitExceededException> behaviour = arguments -> null;
        final List<Object[]> seen = new CopyOnWriteArrayList<>();

        @Override
        public RateLimitExceededException acquire(Object[] arguments) {
            seen.add(arguments);
            return behaviour.apply(arguments);
        }
    }
}
