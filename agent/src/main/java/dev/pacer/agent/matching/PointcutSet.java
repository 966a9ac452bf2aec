package dev.pacer.agent.matching;

import dev.pacer.agent.config.PointcutConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All pointcuts of agent.yaml in file order. A method selected by several belongs to the first. Thread-safe.
 *
 * <p>Pointcuts whose {@code class} key lists exact names only are indexed by those names, so that a class name costs
 * one hash look-up plus a check of the other pointcuts, however many exact pointcuts agent.yaml has.
 */
public final class PointcutSet {

    private static final int[] NONE = new int[0];
    private static final List<String> JAVA_BASE_ROOTS = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final List<Pointcut> pointcuts;
    // Class name -> positions in file order of the pointcuts that list it as an exact name.
    private final Map<String, int[]> byExactName;
    // Positions in file order of the pointcuts that select by glob, supertype or annotation.
    private final int[] unindexed;

    public PointcutSet(List<PointcutConfig> configs) {
        List<Pointcut> compiled = new ArrayList<>(configs.size());
        Map<String, int[]> exact = new HashMap<>();
        int[] others = new int[configs.size()];
        int otherCount = 0;
        for (PointcutConfig config : configs) {
            Pointcut pointcut = new Pointcut(config);
            int position = compiled.size();
            compiled.add(pointcut);
            List<String> names = pointcut.exactClassNames();
            if (names == null) {
                others[otherCount++] = position;
                continue;
            }
            for (String name : names) {
                int[] positions = exact.getOrDefault(name, NONE);
                if (positions.length == 0 || positions[positions.length - 1] != position) {
                    int[] grown = Arrays.copyOf(positions, positions.length + 1);
                    grown[positions.length] = position;
                    exact.put(name, grown);
                }
            }
        }
        this.pointcuts = List.copyOf(compiled);
        this.byExactName = Map.copyOf(exact);
        this.unindexed = Arrays.copyOf(others, otherCount);
    }

    public List<Pointcut> pointcuts() {
        return pointcuts;
    }

    /**
     * Returns whether any pointcut may select methods of the type, whose supertypes the locator finds. Synthetic
     * classes and annotation types are never selected.
     */
    public boolean matchesType(ClassFileType type, TypeLocator locator) {
        return !TypeIgnores.isAlwaysIgnored(type.name()) && !typeMatches(type, locator).isEmpty();
    }

    /** Returns the first pointcut that selects the method, or null. */
    public Pointcut firstMatch(ClassFileType type, ClassFileMethod method, TypeLocator locator) {
        return firstMatch(typeMatches(type, locator), type, method, locator);
    }

    /**
     * Returns the pointcuts, in file order, that may select methods of the type, so that the methods of one type
     * are matched against these only. Empty for synthetic classes and annotation types. Names that
     * {@link TypeIgnores} excludes are the caller's to reject, with {@link #mayMatchName}.
     */
    public List<Pointcut> typeMatches(ClassFileType type, TypeLocator locator) {
        if (type.isSynthetic() || type.isAnnotation()) {
            return List.of();
        }
        List<Pointcut> matches = new ArrayList<>();
        int[] exact = byExactName.getOrDefault(type.name(), NONE);
        int e = 0;
        int u = 0;
        while (e < exact.length || u < unindexed.length) {
            boolean takeExact = u == unindexed.length || (e < exact.length && exact[e] < unindexed[u]);
            Pointcut pointcut = pointcuts.get(takeExact ? exact[e++] : unindexed[u++]);
            if (pointcut.matchesType(type, locator)) {
                matches.add(pointcut);
            }
        }
        return matches;
    }

    /** Returns the first of the pointcuts that {@link #typeMatches} returned that selects the method, or null. */
    public static Pointcut firstMatch(List<Pointcut> typeMatches, ClassFileType type, ClassFileMethod method,
            TypeLocator locator) {
        for (Pointcut pointcut : typeMatches) {
            if (pointcut.matchesMethod(type, method, locator)) {
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
        for (int position : byExactName.getOrDefault(binaryName, NONE)) {
            if (pointcuts.get(position).mayMatchName(binaryName)) {
                return true;
            }
        }
        for (int position : unindexed) {
            if (pointcuts.get(position).mayMatchName(binaryName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether a {@code class} key may name a class of {@code java.base}, which the transformer weaves while
     * the JVM defines it, unlike the other classes of that module.
     */
    public boolean mayNameJavaBaseClasses() {
        for (Pointcut pointcut : pointcuts) {
            for (String root : JAVA_BASE_ROOTS) {
                if (pointcut.classKeyMayMatchUnder(root)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns whether a pointcut selects types of this name through its {@code class} key. */
    public boolean namesClass(String binaryName) {
        for (int position : byExactName.getOrDefault(binaryName, NONE)) {
            if (pointcuts.get(position).namesClass(binaryName)) {
                return true;
            }
        }
        for (int position : unindexed) {
            if (pointcuts.get(position).namesClass(binaryName)) {
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
        if (type.isArray() || type.isPrimitive() || !mayMatchName(type.getName())) {
            return false;
        }
        for (Pointcut pointcut : pointcuts) {
            if (pointcut.mayMatchLoaded(type)) {
                return true;
            }
        }
        return false;
    }
}
