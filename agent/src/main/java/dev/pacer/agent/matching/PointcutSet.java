package dev.pacer.agent.matching;

import dev.pacer.agent.config.PointcutConfig;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

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

    /** Returns whether any pointcut may select methods of the type. */
    public boolean matchesType(TypeDescription type) {
        if (TypeIgnores.isAlwaysIgnored(type.getName())) {
            return false;
        }
        for (Pointcut pointcut : pointcuts) {
            if (pointcut.matchesType(type)) {
                // Checked last: reading modifiers makes a lazily described type parse its class file.
                return !type.isSynthetic() && !type.isAnnotation();
            }
        }
        return false;
    }

    /** Returns the first pointcut that selects the method, or null. */
    public Pointcut firstMatch(TypeDescription type, MethodDescription method) {
        for (Pointcut pointcut : pointcuts) {
            if (pointcut.matchesType(type) && pointcut.matchesMethod(type, method)) {
                return pointcut;
            }
        }
        return null;
    }
}
