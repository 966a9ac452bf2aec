package dev.pacer.it.apps.shapes;

/** Static methods; the getter is skipped by the wildcard. */
public final class MathUtil {
    private MathUtil() {
    }

    public static long square(long value) {
        return value * value;
    }

    public static String getVersion() {
        return "1";
    }
}
