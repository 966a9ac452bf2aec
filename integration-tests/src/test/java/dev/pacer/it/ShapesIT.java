package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.ShapesApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.Jdks;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Summaries;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link ShapesApp} under the packaged agent on every available JDK and checks that each woven method's count
 * equals the calls the application made, over JMX and in summary.jsonl.
 */
class ShapesIT {

    private static final int CALLS = 300;
    private static final int CALLS_PER_THREAD = 20_000;
    private static final String SHAPES = "dev.pacer.it.apps.shapes.";

    private static final String CONFIG = """
            reporting:
              interval: 300ms
              file:
                directory: out
            pointcuts:
              - name: calc
                class: dev.pacer.it.apps.shapes.Calc
                method: add
              - name: one-overload
                class: dev.pacer.it.apps.shapes.Overloads
                method: pick
                params: [int]
              - name: greeters
                subtype-of: dev.pacer.it.apps.shapes.Greeter
                method: greet
              - name: shapes
                subtype-of: dev.pacer.it.apps.shapes.Shape
                method: area
              - name: handlers
                subtype-of: dev.pacer.it.apps.shapes.Handler
                method: handle
              - name: repositories
                subtype-of: dev.pacer.it.apps.shapes.Repository
                method: find
              - name: widgets
                class: "dev.pacer.it.apps.shapes.*Widget"
                method: "<init>"
              - name: statics
                class: dev.pacer.it.apps.shapes.MathUtil
              - name: recursion
                class: dev.pacer.it.apps.shapes.Fib
                method: fib
              - name: failures
                class: dev.pacer.it.apps.shapes.Thrower
              - name: threads
                class: dev.pacer.it.apps.shapes.HotCounter
                method: hit
              - name: plugins
                class: "dev.pacer.it.apps.plugin.*"
                method: run
              - name: jdk
                class: java.util.zip.Adler32
                method: update
                params: ["byte[]", int, int]
            """;

    static Stream<Path> jdks() {
        return Jdks.homes().stream();
    }

    /** Returns the exact call count of every method the configuration selects, by method key. */
    static Map<String, Long> expectedCounts() {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(SHAPES + "Calc#add(int,int)", (long) CALLS);
        expected.put(SHAPES + "Calc#add(long,long)", (long) CALLS);
        expected.put(SHAPES + "Calc#add(java.lang.String,java.lang.String)", (long) CALLS);
        expected.put(SHAPES + "Overloads#pick(int)", (long) CALLS);
        expected.put(SHAPES + "Greeter#greet(java.lang.String)", (long) CALLS);
        expected.put(SHAPES + "LoudGreeter#greet(java.lang.String)", (long) CALLS);
        expected.put(SHAPES + "Circle#area()", 2L * CALLS);
        expected.put(SHAPES + "StringHandler#handle(java.lang.String)", (long) CALLS);
        expected.put(SHAPES + "CachingRepository#find(int)", (long) CALLS);
        expected.put(SHAPES + "AuditedRepository#find(int)", (long) CALLS);
        expected.put(SHAPES + "DbRepository#find(int)", (long) CALLS / 2);
        expected.put(SHAPES + "Widget#<init>(int)", 2L * CALLS);
        expected.put(SHAPES + "BigWidget#<init>()", (long) CALLS);
        expected.put(SHAPES + "MathUtil#square(long)", (long) CALLS);
        expected.put(SHAPES + "Fib#fib(int)", fibCalls(15));
        expected.put(SHAPES + "Thrower#maybeFail(int)", (long) CALLS);
        expected.put(SHAPES + "HotCounter#hit(long)", 8L * CALLS_PER_THREAD);
        expected.put("dev.pacer.it.apps.plugin.PluginTask#run()", (long) CALLS);
        expected.put("java.util.zip.Adler32#update(byte[],int,int)", (long) CALLS);
        return expected;
    }

    private static long fibCalls(int n) {
        return n < 2 ? 1 : 1 + fibCalls(n - 1) + fibCalls(n - 2);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void countsEqualCalls(Path javaHome) throws Exception {
        Path work = Workspace.create("shapes");
        Path config = Workspace.writeConfig(work, CONFIG);
        Map<String, Long> expected = expectedCounts();

        try (ChildJvm child = ChildJvm.builder(ShapesApp.class.getName()).javaHome(javaHome).agentConfig(config)
                .classPath(ChildJvm.classPathOf(ShapesApp.class)).workDir(work)
                .arg(CALLS).arg(CALLS_PER_THREAD).start()) {
            child.awaitLine("DONE", Duration.ofSeconds(60));

            try (JmxClient jmx = child.jmx()) {
                ObjectName agent = new ObjectName("pacer:type=Agent");
                Conditions.await("every expected MBean shows its full count", Duration.ofSeconds(20),
                        () -> countsOverJmx(jmx, expected).equals(expected));

                assertThat(countsOverJmx(jmx, expected)).isEqualTo(expected);
                assertThat(jmx.attribute(agent, "AgentErrors")).isEqualTo(0L);
                assertThat(jmx.attribute(agent, "InstrumentedMethods")).isEqualTo(expected.size());
                assertThat(jmx.names("pacer:type=Method,*")).hasSize(expected.size());

                ObjectName thrower = methodName("failures", SHAPES + "Thrower#maybeFail(int)");
                assertThat(jmx.attribute(thrower, "Errors")).isEqualTo((long) 2 * CALLS / 3);
                assertThat((Double) jmx.attribute(thrower, "ErrorRate")).isCloseTo(2.0 / 3, within());
                assertThat((Double) jmx.attribute(thrower, "P99Micros")).isPositive();
                CompositeData last = (CompositeData) jmx.attribute(thrower, "LastInterval");
                assertThat(last.getCompositeType().keySet()).as(String.valueOf(last)).contains("P999Micros", "Throughput");

                String summary = (String) jmx.invoke(agent, "performanceSummary");
                assertThat(summary).startsWith("{").contains("\"agent_errors\":0");
            }

            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(Logs.problems(child.stderr())).as(child.describe()).isEmpty();
        }

        Path summaryFile = work.resolve("out/summary.jsonl");
        Map<String, Long> fileCounts = Summaries.sumByMethod(summaryFile, "count");
        assertThat(fileCounts).isEqualTo(expected);
        Map<String, Long> fileErrors = Summaries.sumByMethod(summaryFile, "errors");
        assertThat(fileErrors.get(SHAPES + "Thrower#maybeFail(int)")).isEqualTo(2L * CALLS / 3);
        assertThat(fileErrors.get(SHAPES + "Calc#add(int,int)")).isZero();
    }

    private static Map<String, Long> countsOverJmx(JmxClient jmx, Map<String, Long> expected) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ObjectName name : jmx.names("pacer:type=Method,*")) {
            String key = (String) jmx.attribute(name, "Method");
            counts.put(key, (Long) jmx.attribute(name, "Count"));
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        expected.keySet().forEach(key -> {
            if (counts.containsKey(key)) {
                ordered.put(key, counts.remove(key));
            }
        });
        ordered.putAll(counts);
        return ordered;
    }

    static ObjectName methodName(String pointcut, String key) throws Exception {
        return new ObjectName("pacer:type=Method,pointcut=" + ObjectName.quote(pointcut) + ",method="
                + ObjectName.quote(key));
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.01);
    }
}
