package dev.pacer.it.apps.shapes;

/** A generic interface whose implementations get a synthetic bridge method. */
public interface Handler<T> {
    void handle(T value);
}
