package dev.pacer.agent.system;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory, garbage collection and class loading of this JVM, from its platform MXBeans. Immutable.
 *
 * @param heap              heap memory used, committed and max; max is -1 when undefined
 * @param nonHeap           non-heap memory used, committed and max; max is -1 when undefined
 * @param collectors        each garbage collector's cumulative count and time
 * @param loadedClassCount  classes loaded now
 */
public record JvmReading(Memory heap, Memory nonHeap, List<Collector> collectors, int loadedClassCount) {

    public JvmReading {
        collectors = List.copyOf(collectors);
    }

    /** One memory pool group; values in bytes. */
    public record Memory(long usedBytes, long committedBytes, long maxBytes) {
        static Memory of(MemoryUsage usage) {
            return new Memory(usage.getUsed(), usage.getCommitted(), usage.getMax());
        }
    }

    /** One garbage collector's cumulative collections and time since the JVM started; -1 when undefined. */
    public record Collector(String name, long count, long timeMillis) {
    }

    /** Reads the platform MXBeans now. */
    public static JvmReading read() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Collector> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(new Collector(collector.getName(), collector.getCollectionCount(),
                    collector.getCollectionTime()));
        }
        ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();
        return new JvmReading(Memory.of(memory.getHeapMemoryUsage()), Memory.of(memory.getNonHeapMemoryUsage()),
                collectors, classLoading.getLoadedClassCount());
    }

    /** Returns the collections of all collectors together, skipping undefined counts. */
    public long gcCount() {
        return collectors.stream().mapToLong(Collector::count).filter(count -> count >= 0).sum();
    }

    /** Returns the collection time of all collectors together, skipping undefined times. */
    public long gcTimeMillis() {
        return collectors.stream().mapToLong(Collector::timeMillis).filter(time -> time >= 0).sum();
    }
}
