package dev.pacer.it.apps.shapes;

public class DbRepository implements Repository {
    @Override
    public int find(int id) {
        return id * 3;
    }
}
