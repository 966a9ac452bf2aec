package dev.pacer.it.apps.shapes;

/** Recursion: every nested call is a call of its own. */
public final class Fib {
    private Fib() {
    }

    public static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
