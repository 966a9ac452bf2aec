package dev.pacer.agent.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the CPU quota of the process's cgroup, in CPUs. cgroup v2 keeps it in {@code cpu.max} as
 * {@code "<quota> <period>"} or {@code "max <period>"}; cgroup v1 keeps it in {@code cpu.cfs_quota_us} (-1 when
 * unlimited) and {@code cpu.cfs_period_us}. The cgroup of the process comes from {@code /proc/self/cgroup}, and
 * every ancestor up to the mount point is read too, because a parent's quota also limits its children. The
 * smallest quota wins.
 */
public final class CpuQuota {

    private CpuQuota() {
    }

    /** Returns the quota of this process in CPUs, or NaN when there is none or it cannot be read. */
    public static double currentCpus() {
        try {
            List<String> cgroups = Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
            return cpus(Path.of("/sys/fs/cgroup"), cgroups);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Returns the quota in CPUs, or NaN when no cgroup along the path sets one.
     *
     * @param mountRoot    the cgroup mount, {@code /sys/fs/cgroup} outside tests
     * @param cgroupLines  the lines of {@code /proc/self/cgroup}, such as {@code 0::/app} or {@code 4:cpu,cpuacct:/app}
     */
    static double cpus(Path mountRoot, List<String> cgroupLines) {
        double smallest = Double.NaN;
        for (String line : cgroupLines) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) {
                continue;
            }
            String controllers = fields[1];
            String relative = fields[2].startsWith("/") ? fields[2].substring(1) : fields[2];
            double quota = Double.NaN;
            if (controllers.isEmpty()) {
                quota = smallestAlongPath(mountRoot, relative, false);
                if (Double.isNaN(quota)) {
                    quota = smallestAlongPath(mountRoot.resolve("unified"), relative, false);
                }
            } else if (List.of(controllers.split(",")).contains("cpu")) {
                quota = smallestAlongPath(mountRoot.resolve(controllers), relative, true);
                if (Double.isNaN(quota)) {
                    quota = smallestAlongPath(mountRoot.resolve("cpu"), relative, true);
                }
            }
            smallest = min(smallest, quota);
        }
        return smallest;
    }

    private static double smallestAlongPath(Path mount, String relative, boolean version1) {
        double smallest = Double.NaN;
        Path directory = relative.isEmpty() ? mount : mount.resolve(relative);
        while (directory != null && directory.startsWith(mount)) {
            double quota = version1 ? readVersion1(directory) : readVersion2(directory);
            smallest = min(smallest, quota);
            directory = directory.equals(mount) ? null : directory.getParent();
        }
        return smallest;
    }

    private static double readVersion2(Path directory) {
        String text = readFirstLine(directory.resolve("cpu.max"));
        if (text == null) {
            return Double.NaN;
        }
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 2 || fields[0].equals("max")) {
            return Double.NaN;
        }
        return ratio(fields[0], fields[1]);
    }

    private static double readVersion1(Path directory) {
        String quota = readFirstLine(directory.resolve("cpu.cfs_quota_us"));
        String period = readFirstLine(directory.resolve("cpu.cfs_period_us"));
        if (quota == null || period == null) {
            return Double.NaN;
        }
        return ratio(quota.trim(), period.trim());
    }

    private static double ratio(String quotaText, String periodText) {
        try {
            long quota = Long.parseLong(quotaText);
            long period = Long.parseLong(periodText);
            boolean limited = quota > 0 && period > 0;
            return limited ? (double) quota / period : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String readFirstLine(Path file) {
        try {
            if (!Files.isReadable(file)) {
                return null;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? null : lines.get(0);
        } catch (IOException e) {
            return null;
        }
    }

    private static double min(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.min(a, b);
    }
}
