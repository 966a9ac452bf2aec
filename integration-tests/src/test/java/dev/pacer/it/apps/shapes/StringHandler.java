package dev.pacer.it.apps.shapes;

/** javac adds the bridge handle(Object), which calls handle(String); only the latter is woven. */
public class StringHandler implements Handler<String> {
    private long total;

    @Override
    public void handle(String value) {
        total += value.length();
    }

    public long total() {
        return total;
    }
}
