package dev.pacer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.it.apps.RejectedCallsApp;
import dev.pacer.it.harness.ChildJvm;
import dev.pacer.it.harness.Conditions;
import dev.pacer.it.harness.JmxClient;
import dev.pacer.it.harness.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * A rate limit that admits 1 call per minute rejects almost every call of a child that calls 100 times a second, and
 * an alert on its rejected calls is raised and reaches a JMX listener.
 */
class RejectedAlertIT {

    private static final String CONFIG = """
            reporting:
              interval: 200ms
              jmx-delay: 0ms
              file: false
            system-metrics: false
            rate-limits:
              limits:
                submissions: { requests: 1, period: 60s }
            pointcuts:
              - name: submit
                class: dev.pacer.it.apps.RejectedCallsApp
                method: submit
                rate-limit: submissions
            alerts:
              - name: shedding
                pointcut: submissions
                when: rejected > 10/s
                for: 2
            """;

    @Test
    void rejectedCallsRaiseAlert() throws Exception {
        Path work = Workspace.create("rejected-alert");
        Path config = Workspace.writeConfig(work, CONFIG);
        ObjectName agent = new ObjectName("pacer:type=Agent");
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        NotificationListener listener = (notification, handback) -> notifications.add(notification);

        try (ChildJvm child = ChildJvm.builder(RejectedCallsApp.class.getName()).agentConfig(config).workDir(work)
                .classPath(ChildJvm.classPathOf(RejectedCallsApp.class)).start()) {
            child.awaitLine("READY", Duration.ofSeconds(30));
            try (JmxClient jmx = child.jmx()) {
                Conditions.await("pacer:type=Agent is registered", Duration.ofSeconds(20),
                        () -> jmx.isRegistered(agent));
                jmx.connection().addNotificationListener(agent, listener, null, null);
                child.send("start");

                Notification raised = notifications.poll(30, TimeUnit.SECONDS);
                assertThat(raised).as("raised notification%s", child.describe()).isNotNull();
                assertThat(raised.getType()).isEqualTo("pacer.alert.raised");
                CompositeData data = (CompositeData) raised.getUserData();
                assertThat(data.get("alert")).isEqualTo("shedding");
                assertThat(data.get("pointcut")).isEqualTo("submissions");
                assertThat(data.get("unit")).isEqualTo("/s");
                assertThat((Double) data.get("value")).isGreaterThan(10.0);
                CompositeData[] active = (CompositeData[]) jmx.attribute(agent, "ActiveAlerts");
                assertThat(active).extracting(alert -> alert.get("name")).containsExactly("shedding");
                jmx.connection().removeNotificationListener(agent, listener);
            }
            child.send("exit");
            assertThat(child.awaitExit(Duration.ofSeconds(30))).as(child.describe()).isZero();
            assertThat(child.stderr()).as(child.describe())
                    .anyMatch(line -> line.startsWith("[pacer] WARN Alert shedding raised: rejected of submissions is "));
        }
    }
}
