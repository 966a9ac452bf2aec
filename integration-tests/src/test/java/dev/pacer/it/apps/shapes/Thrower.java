package dev.pacer.it.apps.shapes;

/** Ends two calls in three with an exception of one of two classes. */
public class Thrower {
    public int maybeFail(int i) {
        if (i % 3 == 0) {
            throw new IllegalArgumentException("i=" + i);
        }
        if (i % 3 == 1) {
            throw new IllegalStateException("i=" + i);
        }
        return i;
    }
}
