package dev.pacer.it.apps.shapes;

/** An interface whose implementations delegate to each other. */
public interface Repository {
    int find(int id);
}
