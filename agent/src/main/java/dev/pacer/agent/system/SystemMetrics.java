package dev.pacer.agent.system;

import dev.pacer.agent.AgentClock;
import dev.pacer.agent.Log;
import java.lang.reflect.Constructor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Samples the host, the process and the JVM every {@code system-metrics.interval} on the agent's own thread and
 * keeps the latest {@link SystemSnapshot} for the reporter and JMX.
 *
 * <p>The OS probe is created on the first run of this thread, because OSHI's first call can take hundreds of
 * milliseconds. When OSHI or JNA cannot load, the failure is logged once and counted, and the snapshots carry only
 * the JVM's own metrics. No exception leaves {@link #run}. Thread-safe: {@link #latest} may be read from any
 * thread.
 */
public final class SystemMetrics implements Runnable {

    /**
     * System property that makes the agent read Linux through OSHI's JNA-based {@code SystemInfo} as on other
     * platforms, for diagnostics and for the integration test of that path.
     */
    public static final String FORCE_OSHI_PROPERTY = "pacer.system-metrics.oshi";

    /**
     * Time from the start of the sampling thread to the first sample. Loading OSHI and reading {@code /proc} would
     * otherwise compete for the CPU with the application's own start-up.
     */
    static final long FIRST_SAMPLE_DELAY_NANOS = 1_000_000_000L;

    private final long intervalNanos;
    private final AgentClock clock;
    private final Supplier<OsProbe> probeFactory;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopRequested = lock.newCondition();
    private final AtomicLong failures = new AtomicLong();
    private boolean stopped;
    private SystemSampler sampler;
    private volatile SystemSnapshot latest;

    /**
     * @param probeFactory creates the OS probe on the sampling thread; called once
     */
    public SystemMetrics(long intervalNanos, AgentClock clock, Supplier<OsProbe> probeFactory) {
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.probeFactory = probeFactory;
    }

    /**
     * Creates the sampler for this host: on Linux it reads {@code /proc} with OSHI's file-based drivers, elsewhere
     * it uses OSHI's {@code SystemInfo}.
     */
    public static SystemMetrics withOshi(long intervalNanos, AgentClock clock) {
        boolean linux = System.getProperty("os.name", "").startsWith("Linux");
        boolean forceOshi = Boolean.getBoolean(FORCE_OSHI_PROPERTY);
        // NOTE: off Linux, OSHI loads JNA, which initializes java.util.logging and, on JDK 22 and later, makes the
        // JVM print a native-access warning. The integration tests run that path on Linux only, by forcing it.
        return new SystemMetrics(intervalNanos, clock,
                linux && !forceOshi ? LinuxProcProbe::new : SystemMetrics::isolatedOshiProbe);
    }

    /**
     * Creates the OSHI probe in an {@link OshiClassLoader} when the agent jar hides JNA, which the packaged jar
     * does, and directly otherwise, as in unit tests.
     */
    static OsProbe isolatedOshiProbe() {
        ClassLoader agentLoader = SystemMetrics.class.getClassLoader();
        if (!OshiClassLoader.jnaIsHidden(agentLoader)) {
            return new OshiOsProbe();
        }
        try {
            Class<?> probe = Class.forName(OshiOsProbe.class.getName(), true, new OshiClassLoader(agentLoader));
            Constructor<?> constructor = probe.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (OsProbe) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("OSHI could not be loaded from the agent jar", e);
        }
    }

    @Override
    public void run() {
        long nextSampleNanos = clock.nanoTime() + FIRST_SAMPLE_DELAY_NANOS;
        while (true) {
            lock.lock();
            try {
                long waitNanos = nextSampleNanos - clock.nanoTime();
                while (!stopped && waitNanos > 0) {
                    waitNanos = stopRequested.awaitNanos(waitNanos);
                }
                if (stopped) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            sampleNow();
            nextSampleNanos += intervalNanos;
            long now = clock.nanoTime();
            if (nextSampleNanos < now) {
                nextSampleNanos = now + intervalNanos;
            }
        }
    }

    /** Takes one sample now and publishes it as {@link #latest}. Catches and counts every exception and linkage
     * error. */
    public void sampleNow() {
        try {
            if (sampler == null) {
                sampler = new SystemSampler(createProbe(), JvmReading::read, SystemSampler.usableCpus());
            }
            latest = sampler.sample(clock.nanoTime(), clock.currentTimeMillis());
            Log.resetOnce("system-metrics");
        } catch (RuntimeException | LinkageError e) {
            failures.incrementAndGet();
            Log.warnOnce("system-metrics", "Sampling system metrics failed; the next interval tries again", e);
        }
    }

    /** Stops the sampling thread. Idempotent. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            stopRequested.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the latest snapshot, or null before the first sample. */
    public SystemSnapshot latest() {
        return latest;
    }

    /** Returns the number of samples that failed and of OS probes that could not be created. */
    public long failures() {
        return failures.get();
    }

    private OsProbe createProbe() {
        try {
            return probeFactory.get();
        } catch (RuntimeException | LinkageError e) {
            failures.incrementAndGet();
            Log.warn("OSHI could not read this host, so system metrics carry only the JVM's own values (heap, "
                    + "GC, classes); host and process CPU, memory, files and threads are unavailable", e);
            return UNAVAILABLE;
        }
    }

    private static final OsProbe UNAVAILABLE = () -> new OsReading(new long[0], -1, Double.NaN, -1, -1, -1, -1);
}
