package dev.pacer.agent.metrics;

import dev.pacer.bootstrap.MethodTimer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns an id to each woven method and installs its recorder in {@link MethodTimer}, so that the id can be a
 * constant in woven code. A method woven again, by a retransformation or in a second class loader, keeps its id.
 * Thread-safe: registration is synchronized, and readers see an immutable array.
 */
public final class MethodRegistry implements MethodTimer.ThrownListener {

    private final Map<String, MethodInfo> byKey = new HashMap<>();
    private final Map<String, Integer> signatureIds = new HashMap<>();
    private volatile MethodInfo[] byId = new MethodInfo[0];

    /** Returns the id of a method, registering it on first sight. */
    public synchronized int register(String key, String pointcut) {
        MethodInfo existing = byKey.get(key);
        if (existing != null) {
            return existing.id();
        }
        MethodInfo[] current = byId;
        MethodInfo created = new MethodInfo(current.length, key, pointcut);
        MethodTimer.install(created.id(), created.recorder());
        byKey.put(key, created);
        MethodInfo[] grown = Arrays.copyOf(current, current.length + 1);
        grown[created.id()] = created;
        byId = grown;
        return created.id();
    }

    /** Returns the id of a signature such as {@code send(java.net.http.HttpRequest,...)}, assigned densely from 0. */
    public synchronized int signatureId(String signature) {
        return signatureIds.computeIfAbsent(signature, ignored -> signatureIds.size());
    }

    /** Returns whether a method key already has an id. */
    public synchronized boolean contains(String key) {
        return byKey.containsKey(key);
    }

    /** Returns every registered method in id order. */
    public List<MethodInfo> methods() {
        return List.of(byId);
    }

    public int size() {
        return byId.length;
    }

    @Override
    public void onThrown(int methodId, Throwable thrown) {
        MethodInfo[] table = byId;
        if (methodId >= 0 && methodId < table.length) {
            table[methodId].recordError(thrown);
        }
    }
}
