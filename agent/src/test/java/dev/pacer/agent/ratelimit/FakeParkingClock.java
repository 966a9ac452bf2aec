package dev.pacer.agent.ratelimit;

import dev.pacer.agent.AgentClock;
import java.util.ArrayList;
import java.util.List;

/** A clock that tests move by hand. Parking records the deadline and moves the clock to it at once. */
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

    /** When set, the next park returns as if interrupted halfway, without reaching its deadline. */
    boolean interruptNextPark;

    @Override
    public synchronized boolean parkUntil(long deadlineNanos) {
        parkedUntil.add(deadlineNanos);
        if (interruptNextPark) {
            interruptNextPark = false;
            nowNanos += (deadlineNanos - nowNanos) / 2;
            return false;
        }
        nowNanos = Math.max(nowNanos, deadlineNanos);
        return true;
    }

    synchronized void advance(long nanos) {
        nowNanos += nanos;
    }
}
