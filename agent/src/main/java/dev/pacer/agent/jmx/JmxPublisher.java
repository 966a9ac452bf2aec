package dev.pacer.agent.jmx;

import dev.pacer.agent.Log;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.LatencyStats;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.metrics.RateLimitSnapshot;
import dev.pacer.agent.report.SummaryJson;
import dev.pacer.bootstrap.AgentScope;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * Registers the agent's MBeans in the platform MBeanServer. It is only ever called from the reporter thread, after
 * premain has returned, so that an application can still install its own MBeanServer builder or LogManager during
 * its start-up.
 */
public final class JmxPublisher {

    /** The JMX domain of every Pacer MBean. */
    public static final String DOMAIN = "pacer";

    private static final String[] INTERVAL_ITEMS = {"Count", "Errors", "ErrorRate", "Throughput", "MinMicros",
            "MeanMicros", "P50Micros", "P90Micros", "P99Micros", "P999Micros", "MaxMicros"};
    private static final CompositeType INTERVAL_TYPE = intervalType();

    private final MetricsCollector collector;
    private final MonitoringSources sources;
    private final Set<String> registeredKeys = new HashSet<>();
    private final Set<String> registeredLimits = new HashSet<>();
    private volatile Map<String, RateLimitSnapshot> rateLimitViews = Map.of();
    private MBeanServer server;
    private volatile String lastSummaryJson = "{}";

    public JmxPublisher(MetricsCollector collector) {
        this(collector, null);
    }

    /**
     * @param sources the history, alerts and system metrics behind the agent MBean's operations and
     *                {@code pacer:type=System}; null for none
     */
    public JmxPublisher(MetricsCollector collector, MonitoringSources sources) {
        this.collector = collector;
        this.sources = sources;
    }

    /** Registers the agent MBean. */
    public void start(String configFile, Supplier<Integer> instrumentedMethods, Supplier<Long> agentErrors)
            throws JMException {
        server = ManagementFactory.getPlatformMBeanServer();
        AgentMBean agent = new AgentMBean() {
            @Override
            public String getConfigFile() {
                return configFile;
            }

            @Override
            public int getInstrumentedMethods() {
                return instrumentedMethods.get();
            }

            @Override
            public long getAgentErrors() {
                return agentErrors.get();
            }

            @Override
            public String performanceSummary() {
                return lastSummaryJson;
            }

            @Override
            public String performanceSummary(String window) {
                if (sources == null) {
                    return "{}";
                }
                AgentScope.enter();
                try {
                    return sources.history().summaryJson(window);
                } finally {
                    AgentScope.exit();
                }
            }

            @Override
            public String history(String metric, String window) {
                if (sources == null) {
                    throw new IllegalStateException("The history is not available in this agent");
                }
                AgentScope.enter();
                try {
                    return sources.history().seriesJson(metric, window);
                } finally {
                    AgentScope.exit();
                }
            }

            @Override
            public CompositeData[] getActiveAlerts() {
                return sources == null ? new CompositeData[0] : ActiveAlerts.of(sources.alerts().active());
            }
        };
        AlertNotifier notifier = new AlertNotifier(agentName());
        server.registerMBean(new StandardEmitterMBean(agent, AgentMBean.class, false, notifier.broadcaster()),
                agentName());
        if (sources != null) {
            sources.alerts().addListener(notifier);
            try {
                MonitoringBeans.registerSystem(server, sources.system());
            } catch (JMException e) {
                Log.warn("Could not register pacer:type=System; system metrics stay in summary.jsonl only", e);
            }
        }
    }

    /** Publishes one interval: stores its JSON and registers an MBean for every method seen for the first time. */
    public void publish(IntervalSummary summary) {
        lastSummaryJson = SummaryJson.render(summary);
        publishRateLimits(summary);
        for (MetricsCollector.CumulativeView view : collector.cumulativeViews().values()) {
            if (registeredKeys.contains(view.key())) {
                continue;
            }
            try {
                server.registerMBean(new StandardMBean(new MethodBean(view.key()), MethodMBean.class, false),
                        methodName(view.pointcut(), view.key()));
                registeredKeys.add(view.key());
            } catch (JMException e) {
                Log.warnOnce("jmx:" + view.key(), "Could not register the MBean of " + view.key(), e);
            }
        }
    }

    private void publishRateLimits(IntervalSummary summary) {
        Map<String, RateLimitSnapshot> views = new HashMap<>();
        for (RateLimitSnapshot limit : summary.rateLimits()) {
            views.put(limit.limit(), limit);
        }
        rateLimitViews = Map.copyOf(views);
        for (RateLimitSnapshot limit : summary.rateLimits()) {
            if (registeredLimits.contains(limit.limit())) {
                continue;
            }
            try {
                server.registerMBean(new StandardMBean(new RateLimitBean(limit.limit()), RateLimitMBean.class,
                        false), rateLimitName(limit.limit()));
                registeredLimits.add(limit.limit());
            } catch (JMException e) {
                Log.warnOnce("jmx:limit:" + limit.limit(), "Could not register the MBean of rate limit "
                        + limit.limit(), e);
            }
        }
    }

    /** Returns {@code pacer:type=RateLimit,name=<limit>}, with the name quoted. */
    public static ObjectName rateLimitName(String limit) throws JMException {
        return new ObjectName(DOMAIN + ":type=RateLimit,name=" + ObjectName.quote(limit));
    }

    /** Returns {@code pacer:type=Agent}. */
    public static ObjectName agentName() throws JMException {
        return new ObjectName(DOMAIN + ":type=Agent");
    }

    /** Returns the name of a method's MBean; both values are quoted, so any method key is valid. */
    public static ObjectName methodName(String pointcut, String key) throws JMException {
        return new ObjectName(DOMAIN + ":type=Method,pointcut=" + ObjectName.quote(pointcut) + ",method="
                + ObjectName.quote(key));
    }

    /** Reads one method's latest cumulative view on every call, so attributes change after each interval. */
    private final class MethodBean implements MethodMBean {
        private final String key;

        MethodBean(String key) {
            this.key = key;
        }

        private MetricsCollector.CumulativeView view() {
            Map<String, MetricsCollector.CumulativeView> views = collector.cumulativeViews();
            return views.get(key);
        }

        private LatencyStats stats() {
            return view().stats();
        }

        @Override
        public String getMethod() {
            return key;
        }

        @Override
        public String getPointcut() {
            return view().pointcut();
        }

        @Override
        public long getCount() {
            return stats().count();
        }

        @Override
        public long getErrors() {
            return stats().errors();
        }

        @Override
        public double getErrorRate() {
            return stats().errorRate();
        }

        @Override
        public double getMeanMicros() {
            return stats().meanMicros();
        }

        @Override
        public double getP50Micros() {
            return stats().p50Micros();
        }

        @Override
        public double getP90Micros() {
            return stats().p90Micros();
        }

        @Override
        public double getP99Micros() {
            return stats().p99Micros();
        }

        @Override
        public double getP999Micros() {
            return stats().p999Micros();
        }

        @Override
        public double getMaxMicros() {
            return stats().maxMicros();
        }

        @Override
        public CompositeData getLastInterval() {
            AgentScope.enter();
            try {
                LatencyStats last = view().last();
                Object[] values = {last.count(), last.errors(), last.errorRate(), last.throughputPerSecond(),
                        last.minMicros(), last.meanMicros(), last.p50Micros(), last.p90Micros(), last.p99Micros(),
                        last.p999Micros(), last.maxMicros()};
                return new CompositeDataSupport(INTERVAL_TYPE, INTERVAL_ITEMS, values);
            } catch (OpenDataException e) {
                throw new IllegalStateException("LastInterval does not match its composite type", e);
            } finally {
                AgentScope.exit();
            }
        }
    }

    /** Reads one limit's latest snapshot on every call, so attributes change after each interval. */
    private final class RateLimitBean implements RateLimitMBean {
        private final String limit;

        RateLimitBean(String limit) {
            this.limit = limit;
        }

        private RateLimitSnapshot snapshot() {
            return rateLimitViews.get(limit);
        }

        @Override
        public String getName() {
            return limit;
        }

        @Override
        public String getStore() {
            return snapshot().store();
        }

        @Override
        public boolean isKeyed() {
            return snapshot().keyed();
        }

        @Override
        public boolean isStoreAvailable() {
            return snapshot().storeAvailable();
        }

        @Override
        public long getStoreOutages() {
            return snapshot().storeOutages();
        }

        @Override
        public long getAllowed() {
            return snapshot().total().allowed();
        }

        @Override
        public long getRejected() {
            return snapshot().total().rejected();
        }

        @Override
        public long getWaited() {
            return snapshot().total().waited();
        }

        @Override
        public long getWouldReject() {
            return snapshot().total().wouldReject();
        }

        @Override
        public long getStoreErrors() {
            return snapshot().total().storeErrors();
        }

        @Override
        public long getFallbacks() {
            return snapshot().total().fallbacks();
        }

        @Override
        public double getWaitP50Millis() {
            return snapshot().totalWait().p50Millis();
        }

        @Override
        public double getWaitP99Millis() {
            return snapshot().totalWait().p99Millis();
        }

        @Override
        public double getWaitMaxMillis() {
            return snapshot().totalWait().maxMillis();
        }
    }

    private static CompositeType intervalType() {
        OpenType<?>[] types = new OpenType<?>[INTERVAL_ITEMS.length];
        types[0] = SimpleType.LONG;
        types[1] = SimpleType.LONG;
        for (int i = 2; i < types.length; i++) {
            types[i] = SimpleType.DOUBLE;
        }
        try {
            return new CompositeType("pacer.IntervalStats", "Stats of one method over the last interval; "
                    + "latencies in microseconds, throughput in calls per second", INTERVAL_ITEMS, INTERVAL_ITEMS,
                    types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
