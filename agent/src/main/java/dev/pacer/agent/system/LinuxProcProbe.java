package dev.pacer.agent.system;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Map;
import oshi.util.FileUtil;
import oshi.util.driver.linux.proc.CpuStat;
import oshi.util.driver.linux.proc.ProcessStat;

/**
 * Reads host and process counters on Linux from {@code /proc} with OSHI's file-based drivers, and the process CPU
 * time from the JDK's {@code com.sun.management.OperatingSystemMXBean}.
 *
 * <p>It avoids OSHI's {@code SystemInfo}, whose Linux classes load JNA. Loading JNA initializes
 * {@code java.util.logging}, so an application could no longer install its own LogManager, and on JDK 22 and
 * later it makes the JVM print native-access warnings to the application's standard error. Not thread-safe; one
 * thread owns it.
 */
final class LinuxProcProbe implements OsProbe {

    private final int pid = (int) ProcessHandle.current().pid();
    private final com.sun.management.OperatingSystemMXBean processCpu = processCpuBean();

    @Override
    public OsReading read() {
        long[] ticks = CpuStat.getSystemCpuLoadTicks();
        Map<String, String> status = FileUtil.getKeyValueMapFromFile("/proc/" + pid + "/status", ":");
        long cpuNanos = processCpu == null ? -1 : processCpu.getProcessCpuTime();
        long cpuMillis = cpuNanos < 0 ? -1 : cpuNanos / 1_000_000L;
        return new OsReading(ticks, cpuMillis, loadAverage(), kilobytes(status.get("VmRSS")),
                kilobytes(status.get("VmSize")), ProcessStat.getFileDescriptorFiles(pid).length,
                number(status.get("Threads")));
    }

    private static com.sun.management.OperatingSystemMXBean processCpuBean() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean extended ? extended : null;
    }

    /** Returns the one-minute load average, the first field of {@code /proc/loadavg}. */
    private static double loadAverage() {
        String text = FileUtil.getStringFromFile("/proc/loadavg").trim();
        int space = text.indexOf(' ');
        try {
            return Double.parseDouble(space < 0 ? text : text.substring(0, space));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Parses a value of {@code /proc/<pid>/status} such as {@code 45848 kB} into bytes; -1 when absent. */
    static long kilobytes(String value) {
        if (value == null) {
            return -1;
        }
        String trimmed = value.trim();
        boolean inKilobytes = trimmed.endsWith("kB");
        long number = number(inKilobytes ? trimmed.substring(0, trimmed.length() - 2) : trimmed);
        return number < 0 || !inKilobytes ? number : number * 1024;
    }

    private static long number(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
