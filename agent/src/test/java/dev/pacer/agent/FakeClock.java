package dev.pacer.agent;

import java.time.Duration;
import java.time.Instant;

/** An {@link AgentClock} that moves only when a test advances it. Not thread-safe. */
public final class FakeClock implements AgentClock {

    private long nanoTime;
    private long currentTimeMillis;

    /** Creates a clock whose wall clock reads {@code start} and whose monotonic clock reads an arbitrary value. */
    public FakeClock(Instant start) {
        this.nanoTime = 1_000_000_000_000L;
        this.currentTimeMillis = start.toEpochMilli();
    }

    /** Moves both clocks forward. */
    public void advance(Duration elapsed) {
        nanoTime += elapsed.toNanos();
        currentTimeMillis += elapsed.toMillis();
    }

    @Override
    public long nanoTime() {
        return nanoTime;
    }

    @Override
    public long currentTimeMillis() {
        return currentTimeMillis;
    }
}
