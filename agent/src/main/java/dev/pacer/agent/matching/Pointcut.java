package dev.pacer.agent.matching;

import dev.pacer.agent.config.PointcutConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

/**
 * A compiled pointcut: decides which types and methods one entry of agent.yaml selects. Thread-safe; the
 * transformer calls it from every thread that loads classes.
 */
public final class Pointcut {

    private final String name;
    private final List<NameGlob> classes;
    private final Set<String> subtypeOf;
    private final Set<String> annotatedWith;
    private final MethodNamePattern method;
    private final List<String> params;
    private final List<NameGlob> excludeClass;
    private final MethodNamePattern excludeMethod;
    private final boolean selectsJdkImplementations;
    private final AtomicInteger matchedMethods = new AtomicInteger();

    // Generic supertype name -> signatures (name and parameter types) of the methods it and its supertypes declare.
    private final Map<String, Set<String>> signaturesBySupertype = new ConcurrentHashMap<>();

    public Pointcut(PointcutConfig config) {
        this.name = config.name();
        this.classes = compile(config.classes());
        this.subtypeOf = Set.copyOf(config.subtypeOf());
        this.annotatedWith = Set.copyOf(config.annotatedWith());
        this.method = MethodNamePattern.of(config.method());
        this.params = config.params();
        this.excludeClass = compile(config.excludeClass());
        this.excludeMethod = config.excludeMethod() == null ? null : MethodNamePattern.of(config.excludeMethod());
        this.selectsJdkImplementations = config.subtypeOf().stream()
                .anyMatch(type -> type.startsWith("java.") || type.startsWith("javax."));
    }

    public String name() {
        return name;
    }

    /**
     * Returns whether the pointcut selects implementations of a supertype's methods, whose delegating calls are
     * recorded once, on the outermost implementation.
     */
    public boolean selectsBySupertype() {
        return !subtypeOf.isEmpty();
    }

    /** Returns the number of methods woven for this pointcut so far. */
    public int matchedMethods() {
        return matchedMethods.get();
    }

    /** Counts one more method woven for this pointcut. */
    public void countMatch() {
        matchedMethods.incrementAndGet();
    }

    /** Returns whether the pointcut may select methods declared by the type. */
    public boolean matchesType(TypeDescription type) {
        String typeName = type.getName();
        if (TypeIgnores.isJdkInternal(typeName) && !namesExactly(typeName) && !selectsJdkImplementations) {
            return false;
        }
        for (NameGlob glob : excludeClass) {
            if (glob.matches(typeName)) {
                return false;
            }
        }

        boolean classMatches = classes.isEmpty() || classes.stream().anyMatch(glob -> glob.matches(typeName));
        if (!classMatches) {
            return false;
        }
        boolean subtypeMatches = subtypeOf.isEmpty() || !findSupertypes(type).isEmpty();
        if (!subtypeMatches) {
            return false;
        }
        return annotatedWith.isEmpty() || isAnnotated(type) || declaresAnnotatedMethod(type);
    }

    /** Returns whether the pointcut selects a method of a type that {@link #matchesType} accepted. */
    public boolean matchesMethod(TypeDescription type, MethodDescription candidate) {
        boolean weavable = !candidate.isAbstract() && !candidate.isNative() && !candidate.isBridge()
                && !candidate.isSynthetic() && !candidate.isTypeInitializer();
        if (!weavable) {
            return false;
        }

        String methodName = candidate.isConstructor() ? "<init>" : candidate.getName();
        if (!method.matches(methodName, isAccessorOrObjectMethod(candidate))) {
            return false;
        }
        if (excludeMethod != null && excludeMethod.matches(methodName, false)) {
            return false;
        }
        if (params != null && !parametersMatch(candidate.getParameters().asTypeList().asErasures())) {
            return false;
        }
        if (!subtypeOf.isEmpty() && !candidate.isConstructor() && !declaredBySupertype(type, candidate)) {
            return false;
        }
        return annotatedWith.isEmpty() || isAnnotated(type) || hasAnnotation(candidate);
    }

    private boolean namesExactly(String typeName) {
        return classes.stream().anyMatch(glob -> glob.isExact() && glob.matches(typeName));
    }

    private boolean parametersMatch(TypeList types) {
        if (types.size() != params.size()) {
            return false;
        }
        for (int i = 0; i < types.size(); i++) {
            String expected = params.get(i);
            TypeDescription actual = types.get(i);
            boolean matches = expected.equals(actual.getActualName())
                    || (expected.indexOf('.') < 0 && expected.equals(actual.getSimpleName()));
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private boolean isAnnotated(TypeDescription type) {
        return type.getDeclaredAnnotations().stream()
                .anyMatch(annotation -> annotatedWith.contains(annotation.getAnnotationType().getName()));
    }

    private boolean hasAnnotation(MethodDescription candidate) {
        return candidate.getDeclaredAnnotations().stream()
                .anyMatch(annotation -> annotatedWith.contains(annotation.getAnnotationType().getName()));
    }

    private boolean declaresAnnotatedMethod(TypeDescription type) {
        for (MethodDescription declared : type.getDeclaredMethods()) {
            if (hasAnnotation(declared)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns every type in the hierarchy of {@code type}, itself included, that subtype-of names, with the type
     * arguments that this hierarchy gives it, such as {@code Handler<java.lang.String>}.
     */
    private List<TypeDefinition> findSupertypes(TypeDefinition type) {
        List<TypeDefinition> found = new ArrayList<>();
        List<TypeDefinition> pending = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            TypeDefinition current = pending.remove(pending.size() - 1);
            if (!seen.add(current.getTypeName())) {
                continue;
            }
            if (subtypeOf.contains(current.asErasure().getName())) {
                found.add(current);
            }
            if (current.getSuperClass() != null) {
                pending.add(current.getSuperClass());
            }
            pending.addAll(current.getInterfaces());
        }
        return found;
    }

    private boolean declaredBySupertype(TypeDescription type, MethodDescription candidate) {
        String candidateSignature = signature(candidate);
        for (TypeDefinition supertype : findSupertypes(type)) {
            // Keyed by the generic name, because Handler<String> and Handler<Integer> declare different signatures.
            Set<String> signatures = signaturesBySupertype.computeIfAbsent(supertype.getTypeName(),
                    ignored -> collectSignatures(supertype));
            if (signatures.contains(candidateSignature)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> collectSignatures(TypeDefinition root) {
        Set<String> signatures = new HashSet<>();
        List<TypeDefinition> pending = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            TypeDefinition current = pending.remove(pending.size() - 1);
            if (!seen.add(current.asErasure().getName()) || current.represents(Object.class)) {
                continue;
            }
            for (MethodDescription declared : current.getDeclaredMethods()) {
                boolean inheritable = !declared.isPrivate() && !declared.isStatic() && !declared.isConstructor()
                        && !declared.isTypeInitializer();
                if (inheritable) {
                    signatures.add(signature(declared));
                }
            }
            if (current.getSuperClass() != null) {
                pending.add(current.getSuperClass());
            }
            pending.addAll(current.getInterfaces());
        }
        return signatures;
    }

    private static String signature(MethodDescription method) {
        StringBuilder signature = new StringBuilder(method.getName()).append('(');
        for (ParameterDescription parameter : method.getParameters()) {
            signature.append(parameter.getType().asErasure().getName()).append(',');
        }
        return signature.append(')').toString();
    }

    /** Returns whether a method is a getter, a setter, equals, hashCode or toString. */
    static boolean isAccessorOrObjectMethod(MethodDescription method) {
        String methodName = method.getName();
        int parameters = method.getParameters().size();
        boolean returnsVoid = method.getReturnType().represents(void.class);
        boolean returnsBoolean = method.getReturnType().represents(boolean.class);

        boolean getter = parameters == 0 && !returnsVoid && isPropertyName(methodName, "get");
        boolean booleanGetter = parameters == 0 && returnsBoolean && isPropertyName(methodName, "is");
        boolean setter = parameters == 1 && returnsVoid && isPropertyName(methodName, "set");
        boolean objectMethod = (methodName.equals("equals") && parameters == 1)
                || (methodName.equals("hashCode") && parameters == 0)
                || (methodName.equals("toString") && parameters == 0);
        return getter || booleanGetter || setter || objectMethod;
    }

    private static boolean isPropertyName(String methodName, String prefix) {
        return methodName.length() > prefix.length() && methodName.startsWith(prefix)
                && Character.isUpperCase(methodName.charAt(prefix.length()));
    }

    private static List<NameGlob> compile(List<String> globs) {
        List<NameGlob> compiled = new ArrayList<>(globs.size());
        for (String glob : globs) {
            compiled.add(NameGlob.of(glob));
        }
        return List.copyOf(compiled);
    }
}
