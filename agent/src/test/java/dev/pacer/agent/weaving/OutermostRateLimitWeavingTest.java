package dev.pacer.agent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.ConfigLoader;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.metrics.SharedMethodRegistry;
import dev.pacer.fixture.weaving.Gateway;
import dev.pacer.fixture.weaving.RealGateway;
import dev.pacer.fixture.weaving.RetryingGateway;
import dev.pacer.bootstrap.RateLimitExceededException;
import dev.pacer.bootstrap.RateLimitGate;
import dev.pacer.bootstrap.RateLimits;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code subtype-of} pointcut with a rate limit on a wrapper that delegates to another implementation: the call
 * through the wrapper takes one token, not two.
 */
class OutermostRateLimitWeavingTest {

    private static final String CONFIG = """
            pointcuts:
              - name: payments
                subtype-of: dev.pacer.fixture.weaving.Gateway
                method: send
                rate-limit: { requests: 10, period: 60s }
            """;

    private static final AtomicInteger DECISIONS = new AtomicInteger();
    private static Gateway real;
    private static Gateway wrapper;

    @BeforeAll
    static void weave() throws Exception {
        AgentConfig config = ConfigLoader.parse(CONFIG, "agent.yaml");
        Weaver weaver = new Weaver(new PointcutSet(config.pointcuts()), SharedMethodRegistry.registry(),
                Map.of("payments", 0), Map.of("payments", false));
        RateLimitGate countingGate = arguments -> {
            DECISIONS.incrementAndGet();
            return (RateLimitExceededException) null;
        };
        RateLimits.install(new RateLimitGate[] {countingGate});

        ClassLoader loader = WovenClassLoader.weave(weaver, RealGateway.class, RetryingGateway.class);
        real = (Gateway) loader.loadClass(RealGateway.class.getName()).getConstructor().newInstance();
        wrapper = (Gateway) loader.loadClass(RetryingGateway.class.getName()).getConstructor(Gateway.class)
                .newInstance(real);
    }

    @Test
    void delegatedCallTakesOneToken() {
        int before = DECISIONS.get();

        assertThat(wrapper.send("p-1")).isEqualTo("sent p-1");

        assertThat(DECISIONS.get() - before).isEqualTo(1);
    }

    @Test
    void directCallTakesOneToken() {
        int before = DECISIONS.get();

        assertThat(real.send("p-2")).isEqualTo("sent p-2");

        assertThat(DECISIONS.get() - before).isEqualTo(1);
    }
}
