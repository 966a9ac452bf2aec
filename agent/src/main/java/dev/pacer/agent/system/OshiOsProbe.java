package dev.pacer.agent.system;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads host and process counters with OSHI. Creating it loads OSHI and, on some platforms, JNA's native library,
 * which can take hundreds of milliseconds, so it is created on the agent's system-metrics thread, never in premain.
 * Not thread-safe; one thread owns it.
 */
final class OshiOsProbe implements OsProbe {

    private final CentralProcessor processor;
    private final OperatingSystem operatingSystem;
    private final int pid;

    OshiOsProbe() {
        SystemInfo info = new SystemInfo();
        this.processor = info.getHardware().getProcessor();
        this.operatingSystem = info.getOperatingSystem();
        this.pid = operatingSystem.getProcessId();
    }

    @Override
    public OsReading read() {
        long[] ticks = processor.getSystemCpuLoadTicks();
        double[] loadAverages = processor.getSystemLoadAverage(1);
        double loadAverage = loadAverages.length > 0 && loadAverages[0] >= 0 ? loadAverages[0] : Double.NaN;

        OSProcess process = operatingSystem.getProcess(pid);
        if (process == null) {
            return new OsReading(ticks, -1, loadAverage, -1, -1, -1, -1);
        }
        return new OsReading(ticks, process.getKernelTime() + process.getUserTime(), loadAverage,
                process.getResidentMemory(), process.getVirtualSize(), process.getOpenFiles(),
                process.getThreadCount());
    }
}
