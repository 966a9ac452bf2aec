package dev.pacer.agent.system;

/** Reads the operating system's counters. Implementations may be slow on the first call. */
public interface OsProbe {

    /** Reads the counters now; a value that cannot be read is reported as unavailable, not as an exception. */
    OsReading read();
}
