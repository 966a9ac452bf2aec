package dev.pacer.it.apps.shapes;

/** An interface with a default method, woven in the interface itself. */
public interface Greeter {
    default String greet(String name) {
        return "hello " + name;
    }
}
