package dev.pacer.agent.history;

import dev.pacer.agent.system.SystemSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The attributes of {@code pacer:type=System} that have a history, by their JMX attribute names. */
public enum SystemAttribute {
    SYSTEM_CPU_LOAD("SystemCpuLoad", "fraction", SystemSnapshot::systemCpuLoad),
    PROCESS_CPU_LOAD("ProcessCpuLoad", "fraction", SystemSnapshot::processCpuLoad),
    LOAD_AVERAGE("LoadAverage", "threads", SystemSnapshot::loadAverage1m),
    RESIDENT_MEMORY_BYTES("ResidentMemoryBytes", "bytes", s -> known(s.residentMemoryBytes())),
    VIRTUAL_MEMORY_BYTES("VirtualMemoryBytes", "bytes", s -> known(s.virtualMemoryBytes())),
    OPEN_FILE_DESCRIPTORS("OpenFileDescriptors", "files", s -> known(s.openFileDescriptors())),
    THREAD_COUNT("ThreadCount", "threads", s -> known(s.threadCount())),
    HEAP_USED_BYTES("HeapUsedBytes", "bytes", s -> s.jvm().heap().usedBytes()),
    HEAP_COMMITTED_BYTES("HeapCommittedBytes", "bytes", s -> s.jvm().heap().committedBytes()),
    HEAP_MAX_BYTES("HeapMaxBytes", "bytes", s -> known(s.jvm().heap().maxBytes())),
    NON_HEAP_USED_BYTES("NonHeapUsedBytes", "bytes", s -> s.jvm().nonHeap().usedBytes()),
    NON_HEAP_COMMITTED_BYTES("NonHeapCommittedBytes", "bytes", s -> s.jvm().nonHeap().committedBytes()),
    GC_COUNT("GcCount", "collections", s -> s.jvm().gcCount()),
    GC_TIME_MILLIS("GcTimeMillis", "ms", s -> s.jvm().gcTimeMillis()),
    LOADED_CLASS_COUNT("LoadedClassCount", "classes", s -> s.jvm().loadedClassCount());

    private final String attributeName;
    private final String unit;
    private final ToDoubleFunction<SystemSnapshot> reader;

    SystemAttribute(String attributeName, String unit, ToDoubleFunction<SystemSnapshot> reader) {
        this.attributeName = attributeName;
        this.unit = unit;
        this.reader = reader;
    }

    public String attributeName() {
        return attributeName;
    }

    public String unit() {
        return unit;
    }

    /** Returns the attribute's value in a snapshot; NaN when it is unavailable. */
    public double read(SystemSnapshot snapshot) {
        return reader.applyAsDouble(snapshot);
    }

    /** Returns the attribute with this JMX name, or null. */
    public static SystemAttribute byName(String name) {
        for (SystemAttribute attribute : values()) {
            if (attribute.attributeName.equals(name)) {
                return attribute;
            }
        }
        return null;
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (SystemAttribute attribute : values()) {
            names.add(attribute.attributeName);
        }
        return names;
    }

    private static double known(long value) {
        return value < 0 ? Double.NaN : value;
    }
}
