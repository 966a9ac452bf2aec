package dev.pacer.agent.matching;

import dev.pacer.agent.matching.GenericSignature.ArrayReference;
import dev.pacer.agent.matching.GenericSignature.ClassReference;
import dev.pacer.agent.matching.GenericSignature.ClassSignature;
import dev.pacer.agent.matching.GenericSignature.MethodSignature;
import dev.pacer.agent.matching.GenericSignature.PrimitiveReference;
import dev.pacer.agent.matching.GenericSignature.TypeParameter;
import dev.pacer.agent.matching.GenericSignature.TypeReference;
import dev.pacer.agent.matching.GenericSignature.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-variable bindings along a hierarchy of class files. Each type reached from a root carries the erasures of
 * the type arguments that the hierarchy gives it, so that {@code class B extends A<Integer>} with
 * {@code class A<X> implements Handler<X>} reaches {@code Handler} with {@code [java.lang.Integer]}. A type
 * variable without an argument, on the root or on a raw reference, stands for the erasure of its first bound.
 * A raw reference makes every supertype above it raw, as the Java language specification defines raw types.
 */
final class GenericHierarchy {

    private GenericHierarchy() {
    }

    /**
     * A type reached by a walk: its name, its class file or null when the locator did not find it, and the
     * erasures of its type arguments, or null when the reference is raw or the type is not generic.
     */
    record BoundType(String name, ClassFileType classFile, List<String> arguments) {

        /** Returns the name with the argument erasures, such as {@code a.Handler<java.lang.String>}. */
        String key() {
            return arguments == null ? name : name + '<' + String.join(",", arguments) + '>';
        }
    }

    /** Returns the root of a walk: the type with each type variable bound to the erasure of its first bound. */
    static BoundType root(ClassFileType type) {
        ClassSignature signature = type.classSignature();
        if (signature == null || signature.typeParameters().isEmpty()) {
            return new BoundType(type.name(), type, null);
        }
        Map<String, String> bindings = bindToBounds(signature.typeParameters(), Map.of());
        List<String> arguments = new ArrayList<>();
        for (TypeParameter parameter : signature.typeParameters()) {
            arguments.add(bindings.get(parameter.name()));
        }
        return new BoundType(type.name(), type, List.copyOf(arguments));
    }

    /**
     * Returns the direct supertypes of a located type, located in turn, with their argument erasures. Interfaces
     * have no superclass here, although their class files name {@code java.lang.Object}. Returns an empty list for
     * a type that was not located.
     */
    static List<BoundType> supertypes(BoundType type, TypeLocator locator) {
        ClassFileType classFile = type.classFile();
        if (classFile == null) {
            return List.of();
        }
        List<BoundType> supertypes = new ArrayList<>();
        ClassSignature signature = classFile.classSignature();
        if (signature == null || isRaw(signature, type.arguments()) || signature.superclass() == null) {
            if (classFile.superName() != null && !classFile.isInterface()) {
                supertypes.add(locate(classFile.superName(), null, locator));
            }
            for (String interfaceName : classFile.interfaceNames()) {
                supertypes.add(locate(interfaceName, null, locator));
            }
            return supertypes;
        }

        Map<String, String> bindings = bindings(type);
        if (!classFile.isInterface()) {
            supertypes.add(locate(signature.superclass(), bindings, locator));
        }
        for (ClassReference reference : signature.interfaces()) {
            supertypes.add(locate(reference, bindings, locator));
        }
        return supertypes;
    }

    /** Returns the erasure of each type variable of a located type, or an empty map for a non-generic type. */
    static Map<String, String> bindings(BoundType type) {
        ClassSignature signature = type.classFile() == null ? null : type.classFile().classSignature();
        if (signature == null || signature.typeParameters().isEmpty()) {
            return Map.of();
        }
        List<TypeParameter> parameters = signature.typeParameters();
        if (isRaw(signature, type.arguments())) {
            return bindToBounds(parameters, Map.of());
        }
        Map<String, String> bindings = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            bindings.put(parameters.get(i).name(), type.arguments().get(i));
        }
        return bindings;
    }

    /**
     * Returns {@code name(ParamType,...)} with the erasures of the method's generic parameter types under the
     * class bindings, such as {@code handle(java.lang.String)} for {@code handle(T)} of {@code Handler<String>}.
     * Uses the descriptor when the method has no generic signature, or one whose parameter count differs from
     * the descriptor's.
     */
    static String erasedSignature(ClassFileMethod method, Map<String, String> classBindings) {
        MethodSignature signature = method.genericSignature() == null
                ? null : GenericSignature.parseMethod(method.genericSignature());
        List<String> parameterTypes;
        if (signature == null || signature.parameterTypes().size() != method.parameterCount()) {
            parameterTypes = method.parameterTypeNames();
        } else {
            Map<String, String> bindings = classBindings;
            if (!signature.typeParameters().isEmpty()) {
                bindings = new HashMap<>(classBindings);
                bindings.putAll(bindToBounds(signature.typeParameters(), classBindings));
            }
            parameterTypes = new ArrayList<>();
            for (TypeReference parameterType : signature.parameterTypes()) {
                parameterTypes.add(erasure(parameterType, bindings));
            }
        }
        return method.name() + '(' + String.join(",", parameterTypes) + ')';
    }

    /** Returns the erased signature that the descriptor gives, as a candidate method's own class file declares it. */
    static String descriptorSignature(ClassFileMethod method) {
        return method.name() + '(' + String.join(",", method.parameterTypeNames()) + ')';
    }

    private static boolean isRaw(ClassSignature signature, List<String> arguments) {
        int parameters = signature.typeParameters().size();
        return parameters > 0 && (arguments == null || arguments.size() != parameters);
    }

    private static BoundType locate(String name, List<String> arguments, TypeLocator locator) {
        return new BoundType(name, locator.locate(name), arguments);
    }

    private static BoundType locate(ClassReference reference, Map<String, String> bindings, TypeLocator locator) {
        List<String> arguments = null;
        if (!reference.arguments().isEmpty()) {
            arguments = new ArrayList<>(reference.arguments().size());
            for (TypeReference argument : reference.arguments()) {
                arguments.add(erasure(argument, bindings));
            }
            arguments = List.copyOf(arguments);
        }
        return locate(reference.name(), arguments, locator);
    }

    /**
     * Binds each type parameter to the erasure of its first bound. A bound may name another parameter of the same
     * list, as in {@code <T, U extends T>}, or a variable of the enclosing bindings.
     */
    private static Map<String, String> bindToBounds(List<TypeParameter> parameters, Map<String, String> enclosing) {
        Map<String, String> bindings = new HashMap<>();
        for (TypeParameter parameter : parameters) {
            bindings.put(parameter.name(), boundErasure(parameter, parameters, enclosing));
        }
        return bindings;
    }

    private static String boundErasure(TypeParameter parameter, List<TypeParameter> scope,
            Map<String, String> enclosing) {
        TypeParameter current = parameter;
        // Each step follows a bound that is another parameter of the scope. Valid class files have no cycles, and
        // the step limit ends the loop on invalid ones.
        for (int step = 0; step <= scope.size(); step++) {
            if (!(current.firstBound() instanceof TypeVariable variable)) {
                return erasure(current.firstBound(), enclosing);
            }
            TypeParameter next = find(scope, variable.name());
            if (next == null) {
                return erasure(variable, enclosing);
            }
            current = next;
        }
        return GenericSignature.OBJECT;
    }

    private static TypeParameter find(List<TypeParameter> scope, String name) {
        for (TypeParameter parameter : scope) {
            if (parameter.name().equals(name)) {
                return parameter;
            }
        }
        return null;
    }

    /**
     * Returns the erasure of a type under bindings. A variable without a binding erases to {@code java.lang.Object}.
     * NOTE: that includes a variable that a generic enclosing class declares for an inner class, where the first
     * bound of that variable would be the exact erasure.
     */
    static String erasure(TypeReference type, Map<String, String> bindings) {
        if (type instanceof ClassReference reference) {
            return reference.name();
        }
        if (type instanceof ArrayReference array) {
            return erasure(array.component(), bindings) + "[]";
        }
        if (type instanceof PrimitiveReference primitive) {
            return primitive.name();
        }
        TypeVariable variable = (TypeVariable) type;
        return bindings.getOrDefault(variable.name(), GenericSignature.OBJECT);
    }
}
