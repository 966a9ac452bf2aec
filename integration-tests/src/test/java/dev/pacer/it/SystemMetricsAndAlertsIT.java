package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.it.apps.StepLatencyApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Logs;
import dev.pacer.it.harness.Summaries;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * Runs a child whose timed method steps from 1 ms to 80 ms and back, and whose threads later burn CPU. A JMX
 * listener must receive the slow-db alert when it is raised and when it is cleared, and pacer:type=System must show
 * plausible values: a heap within -Xmx256m, and a process CPU load that rises while the child burns CPU.
 */
class SystemMetricsAndAlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(30);
    private static final long XMX_BYTES = 256L << 20;

    private static final String CONFIG = """
            reporting:
              interval: 200ms
              jmx-delay: 0ms
              file:
                directory: out
            system-metrics:
              interval: 1s
            pointcuts:
              - name: db
                class: dev.pacer.it.apps.StepLatencyApp
                method: query
            alerts:
              - name: slow-db
                pointcut: db
                when: p99 > 50ms
                for: 3
            """;

    private static final ObjectName AGENT = name("pacer:type=Agent");
    private static final ObjectName SYSTEM = name("pacer:type=System");

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void alertRaisedAndClearedAndSystemMetricsPlausible() throws Exception {
        Path work = Workspace.create("alerts");
        Path config = Workspace.writeConfig(work, CONFIG);
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        NotificationListener listener = (notification, handback) -> notifications.add(notification);

        try (ChildJvm child = ChildJvm.builder(StepLatencyApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(StepLatencyApp.class)).start()) {
            child.awaitLine("READY", Duration.ofSeconds(30));
            try (JmxClient jmx = child.jmx()) {
                Conditions.await("pacer:type=Agent is registered", Duration.ofSeconds(20),
                        () -> jmx.isRegistered(AGENT));
                jmx.connection().addNotificationListener(AGENT, listener, null, null);

                child.send("slow");
                Notification raised = notifications.poll(ALERT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(raised).as("raised notification%s", child.describe()).isNotNull();
                assertThat(raised.getType()).isEqualTo("pacer.alert.raised");
                CompositeData raisedData = (CompositeData) raised.getUserData();
                assertThat(raisedData.get("alert")).isEqualTo("slow-db");
                assertThat(raisedData.get("state")).isEqualTo("raised");
                assertThat(raisedData.get("pointcut")).isEqualTo("db");
                assertThat(raisedData.get("condition")).isEqualTo("p99 > 50ms");
                assertThat((Double) raisedData.get("threshold")).isEqualTo(50_000.0);
                assertThat((Double) raisedData.get("value")).isGreaterThan(50_000.0);
                assertThat(raisedData.get("unit")).isEqualTo("us");
                CompositeData[] active = (CompositeData[]) jmx.attribute(AGENT, "ActiveAlerts");
                assertThat(active).extracting(alert -> alert.get("name")).containsExactly("slow-db");

                child.send("fast");
                Notification cleared = notifications.poll(ALERT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(cleared).as("cleared notification%s", child.describe()).isNotNull();
                assertThat(cleared.getType()).isEqualTo("pacer.alert.cleared");
                assertThat(((CompositeData) cleared.getUserData()).get("alert")).isEqualTo("slow-db");
                assertThat((Double) ((CompositeData) cleared.getUserData()).get("value")).isLessThan(50_000.0);
                assertThat((CompositeData[]) jmx.attribute(AGENT, "ActiveAlerts")).isEmpty();

                checkSystemMetrics(jmx);
                checkProcessCpuRises(jmx, child);
                checkWindowAndHistory(jmx);
                assertThat(jmx.attribute(AGENT, "AgentErrors")).isEqualTo(0L);
                assertThat(jmx.attribute(SYSTEM, "SampleFailures")).isEqualTo(0L);
                jmx.connection().removeNotificationListener(AGENT, listener);
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();

            List<String> problems = Logs.problems(child.stderr());
            assertThat(problems).as(child.describe()).hasSize(1);
            assertThat(problems.get(0)).startsWith("[pacer] WARN Alert slow-db raised: p99 of db is ");
            assertThat(child.stderr()).as(child.describe())
                    .anyMatch(line -> line.startsWith("[pacer] INFO Alert slow-db cleared: p99 of db is "))
                    .noneMatch(line -> line.contains("SLF4J"));
        }

        checkAlertsFile(work.resolve("out/alerts.jsonl"));
        checkFirstCpuSampleIsNull(work.resolve("out/summary.jsonl"));
    }

    private static void checkSystemMetrics(JmxClient jmx) throws Exception {
        // The first sample comes 1 s after start, and CPU loads need a second one.
        Conditions.await("a system sample with CPU loads", Duration.ofSeconds(10),
                () -> !Double.isNaN((Double) jmx.attribute(SYSTEM, "SystemCpuLoad")));
        long heapMax = (Long) jmx.attribute(SYSTEM, "HeapMaxBytes");
        long heapUsed = (Long) jmx.attribute(SYSTEM, "HeapUsedBytes");
        assertThat(heapMax).isPositive().isLessThanOrEqualTo(XMX_BYTES);
        assertThat(heapUsed).isPositive().isLessThanOrEqualTo(heapMax);
        assertThat((Long) jmx.attribute(SYSTEM, "HeapCommittedBytes")).isBetween(heapUsed, XMX_BYTES);
        assertThat((Long) jmx.attribute(SYSTEM, "ResidentMemoryBytes")).isGreaterThan(heapUsed / 2);
        assertThat((Long) jmx.attribute(SYSTEM, "VirtualMemoryBytes"))
                .isGreaterThan((Long) jmx.attribute(SYSTEM, "ResidentMemoryBytes"));
        assertThat((Long) jmx.attribute(SYSTEM, "ThreadCount")).isGreaterThan(5);
        assertThat((Long) jmx.attribute(SYSTEM, "OpenFileDescriptors")).isGreaterThan(3);
        assertThat((Long) jmx.attribute(SYSTEM, "GcCount")).isNotNegative();
        assertThat((Long) jmx.attribute(SYSTEM, "GcTimeMillis")).isNotNegative();
        assertThat((Integer) jmx.attribute(SYSTEM, "LoadedClassCount")).isGreaterThan(1000);
        assertThat((Double) jmx.attribute(SYSTEM, "UsableCpus")).isPositive();
        assertThat((Double) jmx.attribute(SYSTEM, "SystemCpuLoad")).isBetween(0.0, 1.0);
        assertThat((Double) jmx.attribute(SYSTEM, "ProcessCpuLoad")).isBetween(0.0, 1.0);
    }

    private static void checkProcessCpuRises(JmxClient jmx, ChildJvm child) throws Exception {
        String restingSample = (String) jmx.attribute(SYSTEM, "SampledAt");
        Conditions.await("a new system sample", Duration.ofSeconds(10),
                () -> !jmx.attribute(SYSTEM, "SampledAt").equals(restingSample));
        double resting = (Double) jmx.attribute(SYSTEM, "ProcessCpuLoad");

        child.send("burn");
        child.awaitLine("OK burn", Duration.ofSeconds(10));
        double expected = Math.min(0.9, resting + 0.2);
        Conditions.await("ProcessCpuLoad rises from " + resting + " above " + expected + " while burning",
                Duration.ofSeconds(20), () -> (Double) jmx.attribute(SYSTEM, "ProcessCpuLoad") > expected);
        child.send("rest");
    }

    private static void checkWindowAndHistory(JmxClient jmx) throws Exception {
        String window = (String) jmx.connection().invoke(AGENT, "performanceSummary", new Object[] {"5m"},
                new String[] {String.class.getName()});
        JsonNode summary = JSON.readTree(window);
        JsonNode method = summary.get("methods").get(0);
        assertThat(method.get("method").asText()).isEqualTo("dev.pacer.it.apps.StepLatencyApp#query()");
        assertThat(method.get("max_us").asDouble()).isGreaterThan(50_000.0);
        assertThat(summary.get("process").get("requests").asLong()).isEqualTo(method.get("count").asLong());
        assertThat(summary.get("system").get("heap").get("max_bytes").asLong()).isLessThanOrEqualTo(XMX_BYTES);

        String series = (String) jmx.connection().invoke(AGENT, "history", new Object[] {"pointcut:db:p99", "5m"},
                new String[] {String.class.getName(), String.class.getName()});
        JsonNode points = JSON.readTree(series).get("points");
        assertThat(points.size()).isGreaterThan(10);
        boolean sawSlow = false;
        for (JsonNode point : points) {
            sawSlow |= point.get("v").asDouble() > 50_000.0;
        }
        assertThat(sawSlow).as(series).isTrue();
    }

    private static void checkAlertsFile(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode raised = JSON.readTree(lines.get(0));
        JsonNode cleared = JSON.readTree(lines.get(1));
        assertThat(raised.get("alert").asText()).isEqualTo("slow-db");
        assertThat(raised.get("state").asText()).isEqualTo("raised");
        assertThat(raised.get("value").asDouble()).isGreaterThan(50_000.0);
        assertThat(cleared.get("state").asText()).isEqualTo("cleared");
    }

    private static void checkFirstCpuSampleIsNull(Path summary) throws Exception {
        JsonNode firstWithSystem = null;
        for (JsonNode interval : Summaries.intervals(summary)) {
            if (!interval.get("system").isNull()) {
                firstWithSystem = interval;
                break;
            }
        }
        assertThat(firstWithSystem).isNotNull();
        assertThat(firstWithSystem.get("system").get("process_cpu_load").isNull()).isTrue();
        assertThat(firstWithSystem.get("system").get("system_cpu_load").isNull()).isTrue();
    }
}
