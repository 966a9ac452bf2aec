package dev.pacer.it.apps.shapes;

/** A wrapper: each call delegates to another implementation of the same method. */
public class CachingRepository implements Repository {
    private final Repository delegate;

    public CachingRepository(Repository delegate) {
        this.delegate = delegate;
    }

    @Override
    public int find(int id) {
        return delegate.find(id);
    }
}
