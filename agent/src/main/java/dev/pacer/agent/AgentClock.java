package dev.pacer.agent;

/** The two clocks the agent reads, injectable so that tests control time. */
public interface AgentClock {

    /** Monotonic time in nanoseconds, for interval lengths. */
    long nanoTime();

    /** Wall-clock time in milliseconds since the epoch, for timestamps in outputs. */
    long currentTimeMillis();

    /** The system clocks. */
    AgentClock SYSTEM = new AgentClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };
}
