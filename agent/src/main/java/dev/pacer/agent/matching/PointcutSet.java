package dev.pacer.agent.matching;

import dev.pacer.agent.config.PointcutConfig;
import java.util.ArrayList;
import java.util.List;

/** All pointcuts of agent.yaml in file order. A method selected by several belongs to the first. Thread-safe. */
public final class PointcutSet {

    private final List<Pointcut> pointcuts;

    public PointcutSet(List<PointcutConfig> configs) {
        List<Pointcut> compiled = new ArrayList<>(configs.size());
        for (PointcutConfig config : configs) {
            compiled.add(new Pointcut(config));
        }
        this.pointcuts = List.copyOf(compiled);
    }

    public List<Pointcut> pointcuts() {
        return pointcuts;
    }

    /**
     * Returns whether any pointcut may select methods of the type, whose supertypes the locator finds. Synthetic
     * classes and annotation types are never selected.
     */
    public boolean matchesType(ClassFileType type, TypeLocator locator) {
        if (TypeIgnores.isAlwaysIgnored(type.name()) || type.isSynthetic() || type.isAnnotation()) {
            return false;
        }
        for (Pointcut pointcut : pointcuts) {
            if (pointcut.matchesType(type, locator)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the first pointcut that selects the method, or null. */
    public Pointcut firstMatch(ClassFileType type, ClassFileMethod method, TypeLocator locator) {
        for (Pointcut pointcut : pointcuts) {
            if (pointcut.matchesType(type, locator) && pointcut.matchesMethod(type, method, locator)) {
                return pointcut;
            }
        }
        return null;
    }

    /**
     * Returns false when no pointcut can select a type of this name, before its class file is parsed. True does not
     * mean that the type matches. Allocates nothing for ignored names and for names that miss every glob's literal
     * prefix, such as {@code com.example.} of {@code com.example.**.*Service}.
     */
    public boolean mayMatchName(String binaryName) {
        if (TypeIgnores.isAlwaysIgnored(binaryName)) {
            return false;
        }
        for (int i = 0; i < pointcuts.size(); i++) {
            if (pointcuts.get(i).mayMatchName(binaryName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns false when no pointcut can select a class that was loaded before the agent started, judged by its
     * name, the names of its supertypes and its runtime annotations, read by reflection. True does not mean that the
     * type matches, and any exception from reflection on annotations counts as a possible match.
     */
    public boolean mayMatchLoaded(Class<?> type) {
        if (type.isArray() || type.isPrimitive() || TypeIgnores.isAlwaysIgnored(type.getName())) {
            return false;
        }
        for (int i = 0; i < pointcuts.size(); i++) {
            if (pointcuts.get(i).mayMatchLoaded(type)) {
                return true;
            }
        }
        return false;
    }
}
