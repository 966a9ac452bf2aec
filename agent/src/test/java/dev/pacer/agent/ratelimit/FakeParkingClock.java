package dev.pacer.agent.ratelimit;

import dev.pacer.agent.AgentClock;
import java.util.ArrayList;
import java.util.List;

/** A clock that tests move by hand; parking records the deadline and moves the clock to it at once. */
final class FakeParkingClock implements PointcutGate.ParkingClock, AgentClock {

    private long nowNanos;
    final List<Long> parkedUntil = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    @Override
    public long currentTimeMillis() {
        return 0;
    }

    @Override
    public synchronized void parkUntil(long deadlineNanos) {
        parkedUntil.add(deadlineNanos);
        nowNanos = Math.max(nowNanos, deadlineNanos);
    }

    synchronized void advance(long nanos) {
        nowNanos += nanos;
    }
}
