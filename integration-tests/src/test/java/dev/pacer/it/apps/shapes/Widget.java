package dev.pacer.it.apps.shapes;

/** A constructor woven through method: "&lt;init&gt;". */
public class Widget {
    protected final int size;

    public Widget(int size) {
        this.size = size;
    }
}
