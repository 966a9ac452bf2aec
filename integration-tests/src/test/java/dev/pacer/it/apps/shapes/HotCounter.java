package dev.pacer.it.apps.shapes;

/** One method that eight threads call at once. */
public class HotCounter {
    public long hit(long value) {
        return value * 31 + 7;
    }
}
