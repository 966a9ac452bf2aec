package dev.pacer.agent.report;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.Log;
import dev.pacer.agent.config.ReportingConfig;
import dev.pacer.agent.jmx.JmxPublisher;
import dev.pacer.agent.matching.Pointcut;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.metrics.IntervalSummary;
import dev.pacer.agent.metrics.MetricsCollector;
import dev.pacer.bootstrap.AgentErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Closes one interval every {@code reporting.interval}: collects the recorders, writes the files and publishes to
 * JMX. It runs on the agent's own reporter thread, and {@link #shutdown} writes the final, shorter interval when
 * the JVM exits. Thread-safe: ticks are serialized by a lock.
 */
public final class Reporter implements Runnable {

    private final ReportingConfig config;
    private final String configFile;
    private final MetricsCollector collector;
    private final FileOutput files;
    private final JmxPublisher jmx;
    private final PointcutSet pointcuts;
    private final AgentClock clock;
    private final IntervalObserver observer;
    private final long startNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopRequested = lock.newCondition();
    private boolean stopped;
    private boolean jmxStarted;
    private boolean unmatchedChecked;
    private long intervalStartNanos;
    private long intervalStartMillis;
    private long outputFailures;

    /**
     * @param files null when file output is disabled
     * @param jmx   null when JMX is disabled
     */
    public Reporter(ReportingConfig config, String configFile, MetricsCollector collector, FileOutput files,
            JmxPublisher jmx, PointcutSet pointcuts, AgentClock clock) {
        this(config, configFile, collector, files, jmx, pointcuts, clock, IntervalObserver.NONE);
    }

    /**
     * @param observer adds system metrics to each interval and keeps it in the history after it is reported
     */
    public Reporter(ReportingConfig config, String configFile, MetricsCollector collector, FileOutput files,
            JmxPublisher jmx, PointcutSet pointcuts, AgentClock clock, IntervalObserver observer) {
        this.observer = observer;
        this.config = config;
        this.configFile = configFile;
        this.collector = collector;
        this.files = files;
        this.jmx = jmx;
        this.pointcuts = pointcuts;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.intervalStartNanos = startNanos;
        this.intervalStartMillis = clock.currentTimeMillis();
    }

    @Override
    public void run() {
        long nextTickNanos = startNanos + config.intervalNanos();
        while (true) {
            lock.lock();
            try {
                long waitNanos = nextTickNanos - clock.nanoTime();
                while (!stopped && waitNanos > 0) {
                    waitNanos = stopRequested.awaitNanos(waitNanos);
                }
                if (stopped) {
                    return;
                }
                tick();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                AgentErrors.suppressed(e);
                Log.warnOnce("reporter", "Reporting an interval failed; the next interval tries again", e);
            } finally {
                lock.unlock();
            }
            nextTickNanos += config.intervalNanos();
            long now = clock.nanoTime();
            if (nextTickNanos < now) {
                nextTickNanos = now + config.intervalNanos();
            }
        }
    }

    /** Stops the reporter thread and writes the final interval. Idempotent. */
    public void shutdown() {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            stopRequested.signalAll();
            tick();
            if (files != null) {
                files.close();
            }
        } catch (RuntimeException | Error e) {
            Log.warn("Writing the final interval failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the current interval and reports it. Callers hold the lock. */
    void tick() {
        long nowNanos = clock.nanoTime();
        long nowMillis = clock.currentTimeMillis();
        IntervalSummary summary = observer.enrich(collector.collect(intervalStartMillis, nowMillis,
                nowNanos - intervalStartNanos, nowNanos - startNanos));
        intervalStartNanos = nowNanos;
        intervalStartMillis = nowMillis;

        writeFiles(summary);
        publishJmx(summary);
        observer.afterInterval(summary);
        warnAboutUnmatchedPointcuts(nowNanos);
    }

    /** Runs one tick now, for tests that drive the clock. */
    public void tickNow() {
        lock.lock();
        try {
            tick();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the number of intervals that could not be written or published. */
    public long outputFailures() {
        lock.lock();
        try {
            return outputFailures;
        } finally {
            lock.unlock();
        }
    }

    private void writeFiles(IntervalSummary summary) {
        if (files == null) {
            return;
        }
        try {
            files.write(summary);
            Log.resetOnce("files");
        } catch (IOException | RuntimeException e) {
            outputFailures++;
            Log.warnOnce("files", "Could not write " + files.summaryPath() + " or " + files.latencyPath()
                    + "; check that the directory is writable and the disk has space", e);
        }
    }

    private void publishJmx(IntervalSummary summary) {
        // MBeans not registered before shutdown are skipped, because no client can read them after the JVM exits.
        boolean tooEarly = clock.nanoTime() - startNanos < config.jmxDelayNanos();
        boolean skip = jmx == null || (!jmxStarted && (stopped || tooEarly));
        if (skip) {
            return;
        }
        try {
            if (!jmxStarted) {
                jmx.start(configFile, collector::instrumentedMethods, collector::agentErrors);
                jmxStarted = true;
                Log.info("MBeans registered in the platform MBeanServer under the domain \"pacer\"");
            }
            jmx.publish(summary);
        } catch (Exception e) {
            outputFailures++;
            Log.warnOnce("jmx", "Could not register Pacer's MBeans; JMX output stays off until it succeeds", e);
        }
    }

    private void warnAboutUnmatchedPointcuts(long nowNanos) {
        boolean due = !unmatchedChecked && nowNanos - startNanos >= config.unmatchedWarningNanos();
        if (!due) {
            return;
        }
        unmatchedChecked = true;
        List<String> unmatched = new ArrayList<>();
        for (Pointcut pointcut : pointcuts.pointcuts()) {
            if (pointcut.matchedMethods() == 0) {
                unmatched.add(pointcut.name());
            }
        }
        for (String name : unmatched) {
            Log.warn("Pointcut \"" + name + "\" in " + configFile + " has matched no method "
                    + TimeUnit.NANOSECONDS.toSeconds(nowNanos - startNanos) + " s after start. Check its class, "
                    + "subtype-of and method values, and whether the class is loaded yet");
        }
    }
}
