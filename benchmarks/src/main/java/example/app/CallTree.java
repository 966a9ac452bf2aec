package example.app;

/**
 * The monitored method of the MooBench-style benchmark: one call from the driver descends recursively to a fixed
 * depth, so an agent times {@code depth} nested calls per outer call. The body does no work beyond the recursion,
 * as in MooBench with a method time of zero.
 */
public final class CallTree {

    private CallTree() {
    }

    /** Calls itself until {@code depth} reaches 1 and returns a value derived from every level. */
    public static long monitoredMethod(long value, int depth) {
        if (depth <= 1) {
            return value * 31 + 7;
        }
        return monitoredMethod(value + 1, depth - 1) ^ depth;
    }
}
