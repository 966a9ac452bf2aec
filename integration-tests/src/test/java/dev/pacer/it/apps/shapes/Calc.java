package dev.pacer.it.apps.shapes;

/** Overloads that the pointcut "calc" selects by name alone, so each overload gets its own key. */
public class Calc {
    public int add(int a, int b) {
        return a + b;
    }

    public long add(long a, long b) {
        return a + b;
    }

    public String add(String a, String b) {
        return a + b;
    }
}
