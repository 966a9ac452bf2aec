package dev.pacer.it.apps.shapes;

/** Overrides the default method. */
public class LoudGreeter implements Greeter {
    @Override
    public String greet(String name) {
        return "HELLO " + name;
    }
}
