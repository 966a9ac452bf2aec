package example.app;

/**
 * The method that the timing benchmarks call and that each agent under test instruments. Its body is a few
 * arithmetic operations, so the cost of the advice around it dominates what the benchmark measures.
 *
 * <p>The pointcuts and agent flags in run.sh name this class and {@link #work}; renaming either breaks them.
 */
public final class Target {

    private Target() {
    }

    /** Mixes two longs with a multiply, a rotate and an xor-shift. */
    public static long work(long seed, long salt) {
        long mixed = (seed ^ salt) * 0x9E3779B97F4A7C15L;
        mixed = Long.rotateLeft(mixed, 31) + salt;
        return mixed ^ (mixed >>> 29);
    }
}
