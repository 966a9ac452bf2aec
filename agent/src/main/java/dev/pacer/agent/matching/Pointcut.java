package dev.pacer.agent.matching;

import dev.pacer.agent.config.PointcutConfig;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

    // Bound supertype, such as a.Handler<java.lang.String> -> the erased signatures (name and parameter types) of
    // the methods that it and its supertypes declare.
    private final Map<String, Set<String>> erasedSignaturesBySupertype = new ConcurrentHashMap<>();

    public Pointcut(PointcutConfig config) {
        this.name = config.name();
        this.classes = compile(config.classes());
        this.subtypeOf = Set.copyOf(config.subtypeOf());
        this.annotatedWith = Set.copyOf(config.annotatedWith());
        this.method = MethodNamePattern.of(config.method());
        this.params = config.params();
        this.excludeClass = compile(config.excludeClass());
        this.excludeMethod = config.excludeMethod() == null ? null : MethodNamePattern.of(config.excludeMethod());
        this.selectsJdkImplementations = namesJdkType(config.subtypeOf());
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

    /** Returns whether the pointcut may select methods declared by the type, whose supertypes the locator finds. */
    public boolean matchesType(ClassFileType type, TypeLocator locator) {
        if (!mayMatchName(type.name())) {
            return false;
        }
        boolean subtypeMatches = subtypeOf.isEmpty() || !findSupertypes(type, locator).isEmpty();
        if (!subtypeMatches) {
            return false;
        }
        return annotatedWith.isEmpty() || isAnnotated(type) || declaresAnnotatedMethod(type);
    }

    /**
     * Returns whether the pointcut selects a method of a type that {@link #matchesType(ClassFileType, TypeLocator)}
     * accepted.
     */
    public boolean matchesMethod(ClassFileType type, ClassFileMethod candidate, TypeLocator locator) {
        boolean weavable = !candidate.isAbstract() && !candidate.isNative() && !candidate.isBridge()
                && !candidate.isSynthetic() && !candidate.isTypeInitializer();
        if (!weavable) {
            return false;
        }

        String methodName = candidate.name();
        if (!method.matches(methodName, isAccessorOrObjectMethod(candidate))) {
            return false;
        }
        if (excludeMethod != null && excludeMethod.matches(methodName, false)) {
            return false;
        }
        if (params != null && !parameterNamesMatch(candidate.parameterTypeNames())) {
            return false;
        }
        if (!subtypeOf.isEmpty() && !candidate.isConstructor() && !declaredBySupertype(type, candidate, locator)) {
            return false;
        }
        return annotatedWith.isEmpty() || isAnnotated(type) || hasAnnotation(candidate);
    }

    /**
     * Returns false when the pointcut selects no type of this name: the name is JDK-internal and not selectable,
     * an {@code exclude-class} glob matches it, or {@code class} globs exist and none matches it. Allocates nothing
     * when every glob's literal prefix misses.
     */
    /**
     * Returns the class names that the pointcut's {@code class} key lists when every entry is an exact name, else
     * null. Only types of these names can match such a pointcut.
     */
    List<String> exactClassNames() {
        if (classes.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(classes.size());
        for (NameGlob glob : classes) {
            if (!glob.isExact()) {
                return null;
            }
            names.add(glob.toString());
        }
        return names;
    }

    private static boolean namesJdkType(List<String> typeNames) {
        for (String typeName : typeNames) {
            if (typeName.startsWith("java.") || typeName.startsWith("javax.")) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether the pointcut's {@code class} key may match a name in the package tree of the prefix. */
    boolean classKeyMayMatchUnder(String packagePrefix) {
        for (NameGlob glob : classes) {
            if (glob.mayMatchUnder(packagePrefix)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether the pointcut has a {@code class} key and that key selects the name. */
    boolean namesClass(String typeName) {
        return !classes.isEmpty() && mayMatchName(typeName);
    }

    boolean mayMatchName(String typeName) {
        if (TypeIgnores.isJdkInternal(typeName) && !selectsJdkImplementations && !namesExactly(typeName)) {
            return false;
        }
        for (int i = 0; i < excludeClass.size(); i++) {
            if (excludeClass.get(i).matches(typeName)) {
                return false;
            }
        }
        if (classes.isEmpty()) {
            return true;
        }
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).matches(typeName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns false when the pointcut selects no method of a loaded class, judged by its name, the names of its
     * supertypes and its runtime annotations, all read by reflection.
     */
    boolean mayMatchLoaded(Class<?> type) {
        if (!mayMatchName(type.getName())) {
            return false;
        }
        if (!subtypeOf.isEmpty() && !hasSupertypeNamed(type)) {
            return false;
        }
        return annotatedWith.isEmpty() || mayBeAnnotated(type);
    }

    private boolean hasSupertypeNamed(Class<?> type) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> current = pending.removeLast();
            if (!seen.add(current)) {
                continue;
            }
            if (subtypeOf.contains(current.getName())) {
                return true;
            }
            // Interfaces report no superclass, which the class-file walk also skips.
            if (current.getSuperclass() != null) {
                pending.add(current.getSuperclass());
            }
            pending.addAll(List.of(current.getInterfaces()));
        }
        return false;
    }

    /**
     * Returns whether the type or one of its methods or constructors carries an annotation that annotated-with
     * names, and true when reflection fails, such as on a parameter type that cannot be loaded.
     */
    private boolean mayBeAnnotated(Class<?> type) {
        try {
            if (anyNamed(type.getDeclaredAnnotations())) {
                return true;
            }
            for (Method declared : type.getDeclaredMethods()) {
                if (anyNamed(declared.getDeclaredAnnotations())) {
                    return true;
                }
            }
            for (Constructor<?> declared : type.getDeclaredConstructors()) {
                if (anyNamed(declared.getDeclaredAnnotations())) {
                    return true;
                }
            }
            // NOTE: reflection omits annotations whose classes the type's loader cannot load, which the class
            // file still lists, so a type annotated only with such an annotation is rejected here.
            return false;
        } catch (Throwable e) {
            return true;
        }
    }

    private boolean anyNamed(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotatedWith.contains(annotation.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }

    private boolean isAnnotated(ClassFileType type) {
        return anyNamed(type.annotationNames());
    }

    private boolean hasAnnotation(ClassFileMethod candidate) {
        return anyNamed(candidate.annotationNames());
    }

    private boolean declaresAnnotatedMethod(ClassFileType type) {
        for (ClassFileMethod declared : type.methods()) {
            if (hasAnnotation(declared)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyNamed(List<String> annotationNames) {
        for (String annotationName : annotationNames) {
            if (annotatedWith.contains(annotationName)) {
                return true;
            }
        }
        return false;
    }

    private boolean parameterNamesMatch(List<String> types) {
        if (types.size() != params.size()) {
            return false;
        }
        for (int i = 0; i < types.size(); i++) {
            String expected = params.get(i);
            String actual = types.get(i);
            boolean matches = expected.equals(actual)
                    || (expected.indexOf('.') < 0 && expected.equals(simpleName(actual)));
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the simple name of a type name in source form, as {@link Class#getSimpleName} returns it for classes
     * that javac names: {@code Entry[]} for {@code java.util.Map$Entry[]}, {@code Local} for a local class
     * {@code a.Outer$1Local}.
     */
    static String simpleName(String typeName) {
        int dot = typeName.lastIndexOf('.');
        int dollar = typeName.lastIndexOf('$');
        if (dollar <= dot) {
            return typeName.substring(dot + 1);
        }
        int start = dollar + 1;
        while (start < typeName.length() && Character.isDigit(typeName.charAt(start))) {
            start++;
        }
        return typeName.substring(start);
    }

    /**
     * Returns every type in the hierarchy of {@code type}, itself included, that subtype-of names, with the erasures
     * of the type arguments that this hierarchy gives it. A supertype that the locator does not find is still
     * reported by name, but the walk does not continue above it.
     */
    private List<GenericHierarchy.BoundType> findSupertypes(ClassFileType type, TypeLocator locator) {
        List<GenericHierarchy.BoundType> found = new ArrayList<>();
        Deque<GenericHierarchy.BoundType> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(GenericHierarchy.root(type));
        while (!pending.isEmpty()) {
            GenericHierarchy.BoundType current = pending.removeLast();
            if (!seen.add(current.key())) {
                continue;
            }
            if (subtypeOf.contains(current.name())) {
                found.add(current);
            }
            pending.addAll(GenericHierarchy.supertypes(current, locator));
        }
        return found;
    }

    private boolean declaredBySupertype(ClassFileType type, ClassFileMethod candidate, TypeLocator locator) {
        String candidateSignature = GenericHierarchy.descriptorSignature(candidate);
        for (GenericHierarchy.BoundType supertype : findSupertypes(type, locator)) {
            // Keyed by the argument erasures, because Handler<String> and Handler<Integer> declare different
            // signatures.
            Set<String> signatures = erasedSignaturesBySupertype.get(supertype.key());
            if (signatures == null) {
                signatures = collectErasedSignatures(supertype, locator);
            }
            if (signatures.contains(candidateSignature)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the erased signatures of the inheritable methods of a supertype and its own supertypes other than
     * {@code java.lang.Object}. Caches them only when the locator found every type of that hierarchy, so that a
     * class file missing from one class loader does not shorten the set for others.
     */
    private Set<String> collectErasedSignatures(GenericHierarchy.BoundType root, TypeLocator locator) {
        Set<String> signatures = new HashSet<>();
        Deque<GenericHierarchy.BoundType> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        boolean complete = true;
        pending.add(root);
        while (!pending.isEmpty()) {
            GenericHierarchy.BoundType current = pending.removeLast();
            if (!seen.add(current.name()) || current.name().equals(GenericSignature.OBJECT)) {
                continue;
            }
            if (current.classFile() == null) {
                complete = false;
                continue;
            }
            Map<String, String> bindings = GenericHierarchy.bindings(current);
            for (ClassFileMethod declared : current.classFile().methods()) {
                boolean inheritable = !declared.isPrivate() && !declared.isStatic() && !declared.isConstructor()
                        && !declared.isTypeInitializer();
                if (inheritable) {
                    signatures.add(GenericHierarchy.erasedSignature(declared, bindings));
                }
            }
            pending.addAll(GenericHierarchy.supertypes(current, locator));
        }
        Set<String> result = Set.copyOf(signatures);
        if (complete) {
            erasedSignaturesBySupertype.putIfAbsent(root.key(), result);
        }
        return result;
    }

    private boolean namesExactly(String typeName) {
        for (int i = 0; i < classes.size(); i++) {
            NameGlob glob = classes.get(i);
            if (glob.isExact() && glob.matches(typeName)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether a method is a getter, a setter, equals, hashCode or toString. */
    static boolean isAccessorOrObjectMethod(ClassFileMethod method) {
        String methodName = method.name();
        int parameters = method.parameterCount();
        String returnType = method.returnTypeName();
        boolean returnsVoid = returnType.equals("void");
        boolean returnsBoolean = returnType.equals("boolean");

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
