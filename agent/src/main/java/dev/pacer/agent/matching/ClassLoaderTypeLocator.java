package dev.pacer.agent.matching;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * A {@link TypeLocator} that reads {@code a/b/Outer$Inner.class} as a resource of a class loader and parses it with
 * {@link ClassFileType#parse}. It never calls {@code Class.forName} and never loads the located type, although the
 * loader may load classes of its own while it looks the resource up. Results, including types that were not found,
 * are kept in a least-recently-used cache. Thread-safe.
 */
public final class ClassLoaderTypeLocator implements TypeLocator {

    /**
     * Maximum number of cached results per locator: 256 for the locator of a class loader and 1,024 for the
     * bootstrap locator, which every other locator shares for {@code java.*} types.
     */
    static final int LOADER_CAPACITY = 256;
    static final int BOOTSTRAP_CAPACITY = 1_024;

    private static final ClassLoaderTypeLocator BOOTSTRAP = new ClassLoaderTypeLocator(null, BOOTSTRAP_CAPACITY);

    // Weak keys let class loaders be collected. A locator keeps its loader in a WeakReference, so the values
    // do not keep their keys reachable. Guarded by itself.
    private static final Map<ClassLoader, ClassLoaderTypeLocator> BY_LOADER = new WeakHashMap<>();

    private final WeakReference<ClassLoader> loader;
    private final boolean bootstrap;
    private final LruCache cache;

    /**
     * Creates a locator with its own cache.
     *
     * @param loader   the class loader, or null for the bootstrap loader
     * @param capacity the maximum number of cached results
     */
    ClassLoaderTypeLocator(ClassLoader loader, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.loader = new WeakReference<>(loader);
        this.bootstrap = loader == null;
        this.cache = new LruCache(capacity);
    }

    /** Returns the shared locator of a class loader, where null stands for the bootstrap loader. */
    static ClassLoaderTypeLocator forClassLoader(ClassLoader loader) {
        if (loader == null) {
            return BOOTSTRAP;
        }
        synchronized (BY_LOADER) {
            return BY_LOADER.computeIfAbsent(loader, key -> new ClassLoaderTypeLocator(key, LOADER_CAPACITY));
        }
    }

    @Override
    public ClassFileType locate(String binaryName) {
        if (!bootstrap && binaryName.startsWith("java.")) {
            // Only the bootstrap and platform loaders define java.* classes, so every loader finds the same ones.
            return BOOTSTRAP.locate(binaryName);
        }
        Optional<ClassFileType> cached;
        synchronized (cache) {
            cached = cache.get(binaryName);
        }
        if (cached != null) {
            return cached.orElse(null);
        }

        // Read outside the lock, because the loader may block on I/O or load classes, which may call a transformer
        // that uses this locator on the same thread.
        ClassFileType located = read(binaryName);
        synchronized (cache) {
            cache.put(binaryName, Optional.ofNullable(located));
        }
        return located;
    }

    /** Returns the number of cached results. */
    int cachedTypes() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private ClassFileType read(String binaryName) {
        String resource = binaryName.replace('.', '/') + ".class";
        try (InputStream in = open(resource)) {
            return in == null ? null : ClassFileType.parse(in.readAllBytes());
        } catch (IOException | IllegalArgumentException e) {
            // An unreadable resource ends the walk at this type, as a missing one does.
            return null;
        }
    }

    private InputStream open(String resource) {
        if (bootstrap) {
            // The platform loader finds the bootstrap loader's class files, such as java/util/List.class, as well
            // as those of the platform modules.
            return ClassLoader.getPlatformClassLoader().getResourceAsStream(resource);
        }
        ClassLoader current = loader.get();
        return current == null ? null : current.getResourceAsStream(resource);
    }

    /** A map that drops its least recently used entry beyond its capacity. Not thread-safe by itself. */
    private static final class LruCache extends LinkedHashMap<String, Optional<ClassFileType>> {

        private static final long serialVersionUID = 1L;

        private final int capacity;

        LruCache(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<ClassFileType>> eldest) {
            return size() > capacity;
        }
    }
}
