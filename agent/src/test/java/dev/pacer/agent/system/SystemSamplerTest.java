package dev.pacer.agent.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Computes loads from successive readings given by a scripted probe. */
class SystemSamplerTest {

    private static final JvmReading JVM = new JvmReading(new JvmReading.Memory(100, 200, 400),
            new JvmReading.Memory(10, 20, -1), List.of(new JvmReading.Collector("G1 Young", 3, 40)), 1234);

    /** Returns the readings in order, as the operating system would over time. */
    private static OsProbe scripted(OsReading... readings) {
        Queue<OsReading> queue = new ArrayDeque<>(List.of(readings));
        return queue::remove;
    }

    private static OsReading reading(long busyTicks, long idleTicks, long processCpuMillis) {
        long[] ticks = {busyTicks, 0, 0, idleTicks, 0, 0, 0, 0};
        return new OsReading(ticks, processCpuMillis, 0.5, 1000, 2000, 30, 40);
    }

    @Test
    void firstSampleHasNoCpuLoad() {
        SystemSampler sampler = new SystemSampler(scripted(reading(100, 100, 500)), () -> JVM, 2);

        SystemSnapshot first = sampler.sample(0, 1000);

        assertThat(first.systemCpuLoad()).isNaN();
        assertThat(first.processCpuLoad()).isNaN();
        assertThat(first.residentMemoryBytes()).isEqualTo(1000);
        assertThat(first.jvm().heap().usedBytes()).isEqualTo(100);
    }

    @Test
    void cpuLoadsComeFromDifferences() {
        SystemSampler sampler = new SystemSampler(scripted(reading(100, 100, 500), reading(175, 125, 1500)),
                () -> JVM, 2);
        sampler.sample(0, 1000);

        SystemSnapshot second = sampler.sample(1_000_000_000L, 2000);

        assertThat(second.systemCpuLoad()).isCloseTo(0.75, within(1e-9));
        // 1000 ms of CPU time in 1 s of elapsed time on 2 usable CPUs.
        assertThat(second.processCpuLoad()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void processLoadIsNormalisedToQuota() {
        SystemSampler sampler = new SystemSampler(scripted(reading(0, 0, 0), reading(10, 10, 250)), () -> JVM,
                0.5);
        sampler.sample(0, 0);

        SystemSnapshot second = sampler.sample(1_000_000_000L, 1000);

        assertThat(second.processCpuLoad()).isCloseTo(0.5, within(1e-9));
        assertThat(second.usableCpus()).isEqualTo(0.5);
    }

    @Test
    void unavailableCountersGiveNaN() {
        OsReading unavailable = new OsReading(new long[0], -1, Double.NaN, -1, -1, -1, -1);
        SystemSampler sampler = new SystemSampler(scripted(unavailable, unavailable), () -> JVM, 2);
        sampler.sample(0, 0);

        SystemSnapshot second = sampler.sample(1_000_000_000L, 1000);

        assertThat(second.systemCpuLoad()).isNaN();
        assertThat(second.processCpuLoad()).isNaN();
        assertThat(second.heapUsedFraction()).isEqualTo(0.25);
    }

    @Test
    void iowaitCountsAsIdle() {
        long[] before = {0, 0, 0, 0, 0, 0, 0, 0};
        long[] after = {50, 0, 0, 25, 25, 0, 0, 0};

        assertThat(SystemSampler.systemCpuLoad(before, after)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void realJvmReadingIsPlausible() {
        JvmReading jvm = JvmReading.read();

        assertThat(jvm.heap().usedBytes()).isPositive();
        assertThat(jvm.heap().committedBytes()).isGreaterThanOrEqualTo(jvm.heap().usedBytes());
        assertThat(jvm.loadedClassCount()).isPositive();
        assertThat(jvm.collectors()).isNotEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void procProbeReadsThisProcess() {
        assertPlausible(new LinuxProcProbe().read());
    }

    @Test
    void oshiReadsThisProcess() {
        assertPlausible(new OshiOsProbe().read());
    }

    @Test
    void statusSizesAreInKilobytes() {
        assertThat(LinuxProcProbe.kilobytes(" 45848 kB")).isEqualTo(45848L * 1024);
        assertThat(LinuxProcProbe.kilobytes(null)).isEqualTo(-1);
        assertThat(LinuxProcProbe.kilobytes("many kB")).isEqualTo(-1);
    }

    private static void assertPlausible(OsReading reading) {

        assertThat(reading.residentMemoryBytes()).isPositive();
        assertThat(reading.threadCount()).isPositive();
        assertThat(reading.openFileDescriptors()).isPositive();
        assertThat(reading.processCpuMillis()).isPositive();
        assertThat(reading.cpuTicks()).hasSizeGreaterThan(OsReading.IOWAIT);
    }
}
