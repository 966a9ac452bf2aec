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
import dev.pacer.bootstrap.MethodTimer;
import dev.pacer.bootstrap.PacerThread;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

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
        Monitoring monitoring = Monitoring.create(config, clock, directory);
        MetricsCollector collector = new MetricsCollector(registry,
                () -> weaver.transformErrors() + monitoring.failures(), rateLimits.collector());

        FileOutput files = reporting.fileEnabled() ? new FileOutput(reporting, directory, startMillis) : null;
        JmxPublisher jmx = reporting.jmx() ? new JmxPublisher(collector, monitoring.sources()) : null;
        String configFile = Path.of(config.file()).toAbsolutePath().toString();
        Reporter reporter = new Reporter(reporting, configFile, collector, files, jmx, pointcuts, clock,
                monitoring.observer());

        long installStartNanos = System.nanoTime();
        weaver.install(instrumentation);
        long installMillis = (System.nanoTime() - installStartNanos) / 1_000_000;
        monitoring.start();
        new PacerThread("reporter", reporter).start();
        Runtime.getRuntime().addShutdownHook(new PacerThread("shutdown", () -> {
            monitoring.stop();
            reporter.shutdown();
            rateLimits.close();
        }));

        int pointcutCount = config.pointcuts().size();
        Log.info("Pacer started with " + pointcutCount + (pointcutCount == 1 ? " pointcut" : " pointcuts")
                + " from " + configFile + "; " + registry.size() + " methods woven so far; reporting every "
                + Durations.format(reporting.intervalNanos())
                + (files != null ? " to " + directory.toAbsolutePath() : "") + (jmx != null ? " and JMX" : "")
                + "; weaving took " + installMillis + " ms");
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
