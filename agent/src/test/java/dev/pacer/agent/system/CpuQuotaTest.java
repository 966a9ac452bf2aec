package dev.pacer.agent.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads cgroup CPU quotas from directory trees laid out like {@code /sys/fs/cgroup}. */
class CpuQuotaTest {

    @TempDir
    Path root;

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }

    @Test
    void version2Quota() throws IOException {
        write("app/cpu.max", "150000 100000");

        assertThat(CpuQuota.cpus(root, List.of("0::/app"))).isEqualTo(1.5);
    }

    @Test
    void version2Unlimited() throws IOException {
        write("app/cpu.max", "max 100000");

        assertThat(CpuQuota.cpus(root, List.of("0::/app"))).isNaN();
    }

    @Test
    void version2ParentQuotaLimitsChild() throws IOException {
        write("cpu.max", "max 100000");
        write("pod/cpu.max", "50000 100000");
        write("pod/app/cpu.max", "max 100000");

        assertThat(CpuQuota.cpus(root, List.of("0::/pod/app"))).isEqualTo(0.5);
    }

    @Test
    void version2AtRoot() throws IOException {
        write("cpu.max", "200000 100000");

        assertThat(CpuQuota.cpus(root, List.of("0::/"))).isEqualTo(2.0);
    }

    @Test
    void version1Quota() throws IOException {
        write("cpu,cpuacct/app/cpu.cfs_quota_us", "25000");
        write("cpu,cpuacct/app/cpu.cfs_period_us", "100000");

        assertThat(CpuQuota.cpus(root, List.of("4:cpu,cpuacct:/app", "0::/"))).isEqualTo(0.25);
    }

    @Test
    void version1Unlimited() throws IOException {
        write("cpu/cpu.cfs_quota_us", "-1");
        write("cpu/cpu.cfs_period_us", "100000");

        assertThat(CpuQuota.cpus(root, List.of("1:cpu:/", "0::/"))).isNaN();
    }

    @Test
    void noCgroupFiles() {
        assertThat(CpuQuota.cpus(root, List.of("0::/app"))).isNaN();
    }

    @Test
    void malformedLinesAreSkipped() throws IOException {
        write("cpu.max", "garbage");

        assertThat(CpuQuota.cpus(root, List.of("nonsense", "0::/"))).isNaN();
    }
}
