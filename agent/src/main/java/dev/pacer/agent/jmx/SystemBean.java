package dev.pacer.agent.jmx;

import dev.pacer.agent.system.JvmReading;
import dev.pacer.agent.system.SystemMetrics;
import dev.pacer.agent.system.SystemSnapshot;
import java.time.Instant;

/** Reads the latest sample of {@link SystemMetrics} on every attribute read. */
final class SystemBean implements SystemMBean {

    private static final JvmReading.Memory NO_MEMORY = new JvmReading.Memory(-1, -1, -1);

    private final SystemMetrics metrics;

    SystemBean(SystemMetrics metrics) {
        this.metrics = metrics;
    }

    private SystemSnapshot latest() {
        return metrics.latest();
    }

    private JvmReading.Memory heap() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? NO_MEMORY : snapshot.jvm().heap();
    }

    private JvmReading.Memory nonHeap() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? NO_MEMORY : snapshot.jvm().nonHeap();
    }

    @Override
    public String getSampledAt() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? "" : Instant.ofEpochMilli(snapshot.sampledEpochMillis()).toString();
    }

    @Override
    public double getSystemCpuLoad() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? Double.NaN : snapshot.systemCpuLoad();
    }

    @Override
    public double getProcessCpuLoad() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? Double.NaN : snapshot.processCpuLoad();
    }

    @Override
    public double getUsableCpus() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? Double.NaN : snapshot.usableCpus();
    }

    @Override
    public double getLoadAverage() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? Double.NaN : snapshot.loadAverage1m();
    }

    @Override
    public long getResidentMemoryBytes() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? -1 : snapshot.residentMemoryBytes();
    }

    @Override
    public long getVirtualMemoryBytes() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? -1 : snapshot.virtualMemoryBytes();
    }

    @Override
    public long getOpenFileDescriptors() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? -1 : snapshot.openFileDescriptors();
    }

    @Override
    public long getThreadCount() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? -1 : snapshot.threadCount();
    }

    @Override
    public long getHeapUsedBytes() {
        return heap().usedBytes();
    }

    @Override
    public long getHeapCommittedBytes() {
        return heap().committedBytes();
    }

    @Override
    public long getHeapMaxBytes() {
        return heap().maxBytes();
    }

    @Override
    public long getNonHeapUsedBytes() {
        return nonHeap().usedBytes();
    }

    @Override
    public long getNonHeapCommittedBytes() {
        return nonHeap().committedBytes();
    }

    @Override
    public long getGcCount() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? -1 : snapshot.jvm().gcCount();
    }

    @Override
    public long getGcTimeMillis() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? -1 : snapshot.jvm().gcTimeMillis();
    }

    @Override
    public int getLoadedClassCount() {
        SystemSnapshot snapshot = latest();
        return snapshot == null ? -1 : snapshot.jvm().loadedClassCount();
    }

    @Override
    public long getSampleFailures() {
        return metrics.failures();
    }
}
