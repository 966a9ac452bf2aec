package dev.pacer.agent.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded map from key to bucket that evicts the least recently used key when full. A key that is evicted and
 * seen again gets a new, full bucket, so the bound must exceed the number of keys active within one period.
 *
 * <p>Thread-safe: the keys are spread over 16 segments by hash, each a {@link LinkedHashMap} in access order behind
 * its own lock, and each segment holds at most {@code maxKeys / 16} keys (at least one).
 */
final class KeyedBuckets<B> {

    /** The number of keys each keyed limit keeps in a local store. */
    static final int DEFAULT_MAX_KEYS = 16_384;

    private static final int SEGMENTS = 16;

    private final List<Segment<B>> segments = new ArrayList<>(SEGMENTS);
    private final Function<String, B> factory;

    KeyedBuckets(int maxKeys, Function<String, B> factory) {
        this.factory = factory;
        int perSegment = Math.max(1, maxKeys / SEGMENTS);
        for (int i = 0; i < SEGMENTS; i++) {
            segments.add(new Segment<>(perSegment));
        }
    }

    /** Returns the bucket of a key, creating it when the key is new or was evicted. */
    B get(String key) {
        int hash = key.hashCode();
        Segment<B> segment = segments.get((hash ^ (hash >>> 16)) & (SEGMENTS - 1));
        synchronized (segment) {
            B bucket = segment.get(key);
            if (bucket == null) {
                bucket = factory.apply(key);
                segment.put(key, bucket);
            }
            return bucket;
        }
    }

    /** Returns a copy of every bucket, for periodic maintenance. */
    List<B> snapshot() {
        List<B> buckets = new ArrayList<>();
        for (Segment<B> segment : segments) {
            synchronized (segment) {
                buckets.addAll(segment.values());
            }
        }
        return buckets;
    }

    /** Returns the number of keys held. */
    int size() {
        int size = 0;
        for (Segment<B> segment : segments) {
            synchronized (segment) {
                size += segment.size();
            }
        }
        return size;
    }

    private static final class Segment<B> extends LinkedHashMap<String, B> {
        private static final long serialVersionUID = 1L;
        private final int maxKeys;

        Segment(int maxKeys) {
            super(16, 0.75f, true);
            this.maxKeys = maxKeys;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, B> eldest) {
            return size() > maxKeys;
        }
    }
}
