package dev.pacer.benchmarks;

import example.app.HundredMethods;
import java.util.SplittableRandom;

/**
 * Measures the heap that stays live after a workload calls every method of {@link HundredMethods} for a while.
 * run.sh runs it with and without the agent, and the difference divided by the number of woven methods is the
 * agent's heap per method.
 *
 * <p>Usage: {@code HeapFootprint LABEL RUN_SECONDS SETTLE_MILLIS}. The workload picks methods at random. One call in
 * 1,000 loops up to 100,000 times (up to about 100 microseconds here) and the rest loop once, so each method's
 * latencies span several histogram buckets. After {@code RUN_SECONDS} the program sleeps {@code SETTLE_MILLIS} so
 * that the agent finishes an interval, runs a full GC several times and prints the heap in use. Run it with
 * {@code -XX:+UseSerialGC} so that heap in use after {@code System.gc()} holds only live objects.
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
        Runtime runtime = Runtime.getRuntime();
        for (int round = 0; round < GC_ROUNDS; round++) {
            System.gc();
            Thread.sleep(50);
        }
        long usedBytes = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("heap label=%s calls=%d used_bytes=%d checksum=%d%n", label, calls, usedBytes, checksum);
    }
}
