package dev.pacer.agent.report;

import dev.pacer.agent.system.JvmReading;
import dev.pacer.agent.system.SystemSnapshot;
import java.time.Instant;

/**
 * Writes the {@code system} object of a summary. Loads are fractions from 0 to 1; values that are unavailable,
 * such as the CPU loads of the first sample, are null.
 */
final class SystemJson {

    private SystemJson() {
    }

    static void write(JsonWriter json, SystemSnapshot snapshot) {
        json.name("system");
        if (snapshot == null) {
            json.value((String) null);
            return;
        }
        JvmReading jvm = snapshot.jvm();
        json.beginObject()
                .field("sampled_at", Instant.ofEpochMilli(snapshot.sampledEpochMillis()).toString())
                .field("system_cpu_load", snapshot.systemCpuLoad())
                .field("process_cpu_load", snapshot.processCpuLoad())
                .field("usable_cpus", snapshot.usableCpus())
                .field("load_average", snapshot.loadAverage1m());
        known(json, "resident_memory_bytes", snapshot.residentMemoryBytes());
        known(json, "virtual_memory_bytes", snapshot.virtualMemoryBytes());
        known(json, "open_file_descriptors", snapshot.openFileDescriptors());
        known(json, "thread_count", snapshot.threadCount());
        memory(json, "heap", jvm.heap());
        memory(json, "non_heap", jvm.nonHeap());
        json.field("gc_count", jvm.gcCount()).field("gc_time_ms", jvm.gcTimeMillis());
        json.name("gc").beginArray();
        for (JvmReading.Collector collector : jvm.collectors()) {
            json.beginObject().field("name", collector.name()).field("count", collector.count())
                    .field("time_ms", collector.timeMillis()).endObject();
        }
        json.endArray().field("loaded_classes", jvm.loadedClassCount()).endObject();
    }

    private static void memory(JsonWriter json, String name, JvmReading.Memory memory) {
        json.name(name).beginObject().field("used_bytes", memory.usedBytes())
                .field("committed_bytes", memory.committedBytes());
        known(json, "max_bytes", memory.maxBytes());
        json.endObject();
    }

    /** Writes a count that the platform reports as -1 when unknown, as null in that case. */
    private static void known(JsonWriter json, String name, long value) {
        if (value < 0) {
            json.name(name).value((String) null);
        } else {
            json.field(name, value);
        }
    }
}
