package dev.pacer.benchmarks;

import example.app.HundredMethods;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.SplittableRandom;

/**
 * Measures the heap that stays live after a workload calls every method of {@link HundredMethods} for a while.
 * run.sh runs it with no agent and with the agent weaving 50 and 100 methods. The difference between the last two,
 * divided by 50, is the agent's heap per woven method.
 *
 * <p>Usage: {@code HeapFootprint LABEL RUN_SECONDS SETTLE_MILLIS}. The workload picks methods at random. One call in
 * 1,000 loops up to 100,000 times and the rest loop once, so each method's latencies span several histogram
 * buckets. After {@code RUN_SECONDS} the program sleeps {@code SETTLE_MILLIS} so that the agent finishes an
 * interval, runs a full GC several times and prints the heap in use right after the last one. Run it with
 * {@code -XX:+UseSerialGC}, whose {@code System.gc()} collects every heap pool, so that the heap in use after it
 * holds only live objects.
 */
public final class HeapFootprint {

    private static final int SLOW_CALL_ONE_IN = 1_000;
    private static final int MAX_SLOW_ITERATIONS = 100_000;
    private static final int GC_ROUNDS = 4;

    private HeapFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("Usage: HeapFootprint LABEL RUN_SECONDS SETTLE_MILLIS, for example:"
                    + " HeapFootprint pacer 36 300");
            System.exit(2);
        }
        String label = args[0];
        long runNanos = Long.parseLong(args[1]) * 1_000_000_000L;
        long settleMillis = Long.parseLong(args[2]);

        SplittableRandom random = new SplittableRandom(42);
        long checksum = 0;
        long calls = 0;
        long startNanos = System.nanoTime();
        while (System.nanoTime() - startNanos < runNanos) {
            for (int batch = 0; batch < 10_000; batch++) {
                boolean slowCall = random.nextInt(SLOW_CALL_ONE_IN) == 0;
                int iterations = slowCall ? random.nextInt(MAX_SLOW_ITERATIONS) + 1 : 1;
                checksum += HundredMethods.call(random.nextInt(HundredMethods.METHOD_COUNT), checksum, iterations);
            }
            calls += 10_000;
        }

        Thread.sleep(settleMillis);
        for (int round = 0; round < GC_ROUNDS; round++) {
            System.gc();
            Thread.sleep(50);
        }
        long usedBytes = heapUsedAfterLastCollection();
        System.out.printf("heap label=%s calls=%d used_bytes=%d checksum=%d%n", label, calls, usedBytes, checksum);
    }

    /**
     * Returns the heap in use right after the last collection, summed over the heap pools. Unlike the heap in use
     * now, it leaves out what other threads allocated since, such as the agent's reporter closing an interval.
     */
    private static long heapUsedAfterLastCollection() {
        long usedBytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            boolean heapPool = pool.getType() == MemoryType.HEAP && afterCollection != null;
            if (heapPool) {
                usedBytes += afterCollection.getUsed();
            }
        }
        return usedBytes;
    }
}
