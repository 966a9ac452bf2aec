package dev.pacer.agent.jmx;

import dev.pacer.agent.alert.AlertEvaluator;
import dev.pacer.agent.alert.AlertEvent;
import dev.pacer.agent.system.SystemMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/** Registers {@code pacer:type=System} and converts alert state for the agent MBean. */
final class MonitoringBeans {

    private MonitoringBeans() {
    }

    /** Returns {@code pacer:type=System}. */
    static ObjectName systemName() throws JMException {
        return new ObjectName(JmxPublisher.DOMAIN + ":type=System");
    }

    /** Registers the system MBean; does nothing when system metrics are off. */
    static void registerSystem(MBeanServer server, SystemMetrics metrics) throws JMException {
        if (metrics == null) {
            return;
        }
        server.registerMBean(new StandardMBean(new SystemBean(metrics), SystemMXBean.class, true), systemName());
    }

    static List<ActiveAlert> activeAlerts(AlertEvaluator alerts) {
        List<ActiveAlert> result = new ArrayList<>();
        for (AlertEvent event : alerts.active()) {
            result.add(new ActiveAlert(event.name(), event.target(), event.condition(), event.value(),
                    event.threshold(), event.unit(), Instant.ofEpochMilli(event.epochMillis()).toString()));
        }
        return result;
    }
}
