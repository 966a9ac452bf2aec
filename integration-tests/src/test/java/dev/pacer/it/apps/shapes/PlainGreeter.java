package dev.pacer.it.apps.shapes;

/** Inherits the default method. */
public class PlainGreeter implements Greeter {
}
