package dev.pacer.it.apps.shapes;

/** Overloads of which the pointcut "one-overload" selects only pick(int) through params. */
public class Overloads {
    public int pick(int value) {
        return value + 1;
    }

    public int pick(String value) {
        return value.length();
    }
}
