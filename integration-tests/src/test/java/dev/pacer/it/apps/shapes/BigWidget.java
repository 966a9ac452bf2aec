package dev.pacer.it.apps.shapes;

/** A constructor that calls a woven super constructor: both are counted. */
public class BigWidget extends Widget {
    public BigWidget() {
        super(100);
    }
}
