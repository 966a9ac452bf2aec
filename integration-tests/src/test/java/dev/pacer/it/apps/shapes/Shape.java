package dev.pacer.it.apps.shapes;

/** An abstract method that must not be woven, beside a concrete method that calls it. */
public abstract class Shape {
    public abstract double area();

    public double twice() {
        return 2 * area();
    }
}
