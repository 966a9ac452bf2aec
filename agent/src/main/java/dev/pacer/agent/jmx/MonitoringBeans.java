package dev.pacer.agent.jmx;

import dev.pacer.agent.system.SystemMetrics;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/** Registers {@code pacer:type=System}. */
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
        server.registerMBean(new StandardMBean(new SystemBean(metrics), SystemMBean.class, false), systemName());
    }

}
