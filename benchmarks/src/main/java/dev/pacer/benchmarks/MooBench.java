package dev.pacer.benchmarks;

import example.app.CallTree;

/**
 * A MooBench-style measurement of the monitoring overhead per call. Each outer call enters
 * {@link CallTree#monitoredMethod}, which recurses to the given depth; the first half of the outer calls is warm-up
 * and is discarded, and the program prints the mean time of the rest divided by the depth.
 *
 * <p>Usage: {@code MooBench LABEL OUTER_CALLS DEPTH}. Prints one line of {@code key=value} fields that run.sh
 * collects. Each outer call is timed with two {@code System.nanoTime()} reads, which every variant pays alike.
 */
public final class MooBench {

    private MooBench() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("Usage: MooBench LABEL OUTER_CALLS DEPTH, for example: MooBench none 2000000 10");
            System.exit(2);
        }
        String label = args[0];
        int outerCalls = Integer.parseInt(args[1]);
        int depth = Integer.parseInt(args[2]);
        int warmupCalls = outerCalls / 2;

        long checksum = 0;
        long measuredNanos = 0;
        for (int call = 0; call < outerCalls; call++) {
            long startNanos = System.nanoTime();
            checksum += CallTree.monitoredMethod(call, depth);
            long elapsedNanos = System.nanoTime() - startNanos;
            if (call >= warmupCalls) {
                measuredNanos += elapsedNanos;
            }
        }

        int measuredCalls = outerCalls - warmupCalls;
        double meanOuterNanos = (double) measuredNanos / measuredCalls;
        System.out.printf("moobench label=%s outer_calls=%d depth=%d measured_calls=%d mean_outer_ns=%.2f"
                + " mean_per_call_ns=%.3f checksum=%d%n", label, outerCalls, depth, measuredCalls, meanOuterNanos,
                meanOuterNanos / depth, checksum);
    }
}
