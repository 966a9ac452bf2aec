package dev.pacer.agent;

import dev.pacer.agent.config.AgentConfig;
import dev.pacer.agent.config.Durations;
import dev.pacer.agent.config.ReportingConfig;
import dev.pacer.agent.jmx.JmxPublisher;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.metrics.MethodRegistry;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.agent.ratelimit.RateLimitRuntime;
import dev.pacer.agent.report.FileOutput;
import dev.pacer.agent.report.Reporter;
import dev.pacer.agent.weaving.Weaver;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.MethodTimer;
import dev.pacer.bootstrap.PacerThread;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Wires the agent's parts together once the bootstrap jar is on the bootstrap class path. */
public final class AgentRuntime {

    private AgentRuntime() {
    }

    /** Starts weaving and reporting. Called reflectively from {@link PacerAgent}. */
    public static void start(AgentConfig config, Instrumentation instrumentation) throws Exception {
        AgentClock clock = AgentClock.SYSTEM;
        long startMillis = clock.currentTimeMillis();
        ReportingConfig reporting = config.reporting();

        MethodRegistry registry = new MethodRegistry();
        MethodTimer.setThrownListener(registry);
        PointcutSet pointcuts = new PointcutSet(config.pointcuts());
        RateLimitRuntime rateLimits = RateLimitRuntime.start(config.rateLimits(), config.pointcuts(), clock);
        Weaver weaver = new Weaver(pointcuts, registry, rateLimits.gateIdByPointcut(), rateLimits.keyedByPointcut());
        Path directory = outputDirectory(reporting.directory());

        long installStartNanos = System.nanoTime();
        weaver.install(instrumentation);
        long installMillis = (System.nanoTime() - installStartNanos) / 1_000_000;

        Reporting reportingThread = new Reporting(config, clock, startMillis, directory, registry, pointcuts,
                weaver, rateLimits);
        new PacerThread("reporter", reportingThread).start();
        Runtime.getRuntime().addShutdownHook(new PacerThread("shutdown", () -> {
            reportingThread.shutdown();
            rateLimits.close();
        }));

        int pointcutCount = config.pointcuts().size();
        Log.info("Pacer started with " + pointcutCount + (pointcutCount == 1 ? " pointcut" : " pointcuts")
                + " from " + Path.of(config.file()).toAbsolutePath() + "; " + registry.size()
                + " methods woven so far; reporting every " + Durations.format(reporting.intervalNanos())
                + (reporting.fileEnabled() ? " to " + directory.toAbsolutePath() : "")
                + (reporting.jmx() ? " and JMX" : "") + "; weaving took " + installMillis + " ms");
    }

    /**
     * The reporter thread's task. It builds the collector, the outputs, system metrics, history and alerts on the
     * reporter thread itself, so that their classes load and their objects build off the application's start-up
     * path, and then runs the reporter. The shutdown hook waits for it to be built before it writes the final
     * interval.
     */
    private static final class Reporting implements Runnable {

        private static final long BUILD_WAIT_SECONDS = 5;

        private final AgentConfig config;
        private final AgentClock clock;
        private final long startMillis;
        private final Path directory;
        private final MethodRegistry registry;
        private final PointcutSet pointcuts;
        private final Weaver weaver;
        private final RateLimitRuntime rateLimits;
        private final CountDownLatch built = new CountDownLatch(1);
        private volatile Monitoring monitoring;
        private volatile Reporter reporter;

        Reporting(AgentConfig config, AgentClock clock, long startMillis, Path directory, MethodRegistry registry,
                PointcutSet pointcuts, Weaver weaver, RateLimitRuntime rateLimits) {
            this.config = config;
            this.clock = clock;
            this.startMillis = startMillis;
            this.directory = directory;
            this.registry = registry;
            this.pointcuts = pointcuts;
            this.weaver = weaver;
            this.rateLimits = rateLimits;
        }

        @Override
        public void run() {
            try {
                build();
            } catch (RuntimeException | Error e) {
                AgentErrors.suppressed(e);
                Log.error("Pacer could not start reporting, so woven methods are recorded but never reported. Fix the "
                        + "cause below and restart the JVM", e);
                return;
            } finally {
                built.countDown();
            }
            monitoring.start();
            reporter.run();
        }

        private void build() {
            ReportingConfig reporting = config.reporting();
            Monitoring created = Monitoring.create(config, clock, directory);
            MetricsCollector collector = new MetricsCollector(registry,
                    () -> weaver.transformErrors() + created.failures(), rateLimits.collector());
            FileOutput files = reporting.fileEnabled() ? new FileOutput(reporting, directory, startMillis) : null;
            JmxPublisher jmx = reporting.jmx() ? new JmxPublisher(collector, created.sources()) : null;
            String configFile = Path.of(config.file()).toAbsolutePath().toString();
            reporter = new Reporter(reporting, configFile, collector, files, jmx, pointcuts, clock,
                    created.observer());
            monitoring = created;
        }

        /** Stops system metrics and writes the final interval, once the reporter is built. */
        void shutdown() {
            try {
                if (!built.await(BUILD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    Log.warn("Reporting was not ready within " + BUILD_WAIT_SECONDS + " s of shutdown; the final "
                            + "interval is not written");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (reporter == null) {
                return;
            }
            monitoring.stop();
            reporter.shutdown();
        }
    }

    /** Replaces {@code {pid}} in the directory, so that several JVMs can share one configuration. */
    static Path outputDirectory(Path configured) {
        String text = configured.toString();
        if (text.contains("{pid}")) {
            return Path.of(text.replace("{pid}", Long.toString(ProcessHandle.current().pid())));
        }
        return configured;
    }
}
