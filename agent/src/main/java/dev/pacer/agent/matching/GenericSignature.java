package dev.pacer.agent.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * The parts of {@code Signature} attributes that matching uses: type parameters with their first bound, the
 * generic superclass and interfaces of a class, and the generic parameter types of a method. Wildcard arguments
 * keep only what erasure needs: {@code ? extends B} becomes {@code B}, and {@code ?} and {@code ? super B} become
 * {@code java.lang.Object}.
 */
final class GenericSignature {

    static final String OBJECT = "java.lang.Object";

    private static final ClassReference OBJECT_REFERENCE = new ClassReference(OBJECT, List.of());

    private GenericSignature() {
    }

    /** A type in a signature. */
    sealed interface TypeReference permits ClassReference, TypeVariable, ArrayReference, PrimitiveReference {
    }

    /**
     * A class or interface with its type arguments, empty when it is not parameterized. For an inner class of a
     * parameterized outer class, such as {@code Outer<A>.Inner<B>}, only the inner class's arguments are kept.
     */
    record ClassReference(String name, List<TypeReference> arguments) implements TypeReference {
    }

    record TypeVariable(String name) implements TypeReference {
    }

    record ArrayReference(TypeReference component) implements TypeReference {
    }

    /** A primitive type or {@code void}, by its keyword. */
    record PrimitiveReference(String name) implements TypeReference {
    }

    /** A type parameter and its first bound, which is {@code java.lang.Object} when none is declared. */
    record TypeParameter(String name, TypeReference firstBound) {
    }

    /** A class signature. The superclass is null only for a malformed signature. */
    record ClassSignature(List<TypeParameter> typeParameters, ClassReference superclass,
            List<ClassReference> interfaces) {
    }

    record MethodSignature(List<TypeParameter> typeParameters, List<TypeReference> parameterTypes) {
    }

    /** Parses a class signature, or returns null when it is malformed. */
    static ClassSignature parseClass(String signature) {
        DeclarationCollector collector = new DeclarationCollector();
        try {
            new SignatureReader(signature).accept(collector);
        } catch (RuntimeException e) {
            // SignatureReader reports malformed text with several unchecked exceptions.
            return null;
        }
        collector.finishTypeParameter();
        return new ClassSignature(List.copyOf(collector.typeParameters), collector.superclass,
                List.copyOf(collector.interfaces));
    }

    /** Parses a method signature, or returns null when it is malformed. */
    static MethodSignature parseMethod(String signature) {
        DeclarationCollector collector = new DeclarationCollector();
        try {
            new SignatureReader(signature).accept(collector);
        } catch (RuntimeException e) {
            return null;
        }
        collector.finishTypeParameter();
        return new MethodSignature(List.copyOf(collector.typeParameters), List.copyOf(collector.parameterTypes));
    }

    /** Collects the type parameters, supertypes and parameter types of a class or method signature. */
    private static final class DeclarationCollector extends SignatureVisitor {

        private final List<TypeParameter> typeParameters = new ArrayList<>();
        private final List<ClassReference> interfaces = new ArrayList<>();
        private final List<TypeReference> parameterTypes = new ArrayList<>();
        private ClassReference superclass;
        private String parameterName;
        private TypeReference parameterBound;

        DeclarationCollector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visitFormalTypeParameter(String name) {
            finishTypeParameter();
            parameterName = name;
            parameterBound = null;
        }

        @Override
        public SignatureVisitor visitClassBound() {
            return new TypeCollector(this::addBound);
        }

        @Override
        public SignatureVisitor visitInterfaceBound() {
            return new TypeCollector(this::addBound);
        }

        @Override
        public SignatureVisitor visitSuperclass() {
            finishTypeParameter();
            return new TypeCollector(type -> superclass = asClass(type));
        }

        @Override
        public SignatureVisitor visitInterface() {
            return new TypeCollector(type -> interfaces.add(asClass(type)));
        }

        @Override
        public SignatureVisitor visitParameterType() {
            finishTypeParameter();
            return new TypeCollector(parameterTypes::add);
        }

        @Override
        public SignatureVisitor visitReturnType() {
            finishTypeParameter();
            return new TypeCollector(type -> { });
        }

        @Override
        public SignatureVisitor visitExceptionType() {
            return new TypeCollector(type -> { });
        }

        void finishTypeParameter() {
            if (parameterName != null) {
                typeParameters.add(new TypeParameter(parameterName,
                        parameterBound == null ? OBJECT_REFERENCE : parameterBound));
                parameterName = null;
            }
        }

        private void addBound(TypeReference bound) {
            if (parameterBound == null) {
                parameterBound = bound;
            }
        }

        private static ClassReference asClass(TypeReference type) {
            if (type instanceof ClassReference reference) {
                return reference;
            }
            throw new IllegalArgumentException("Expected a class type in a supertype position, found " + type);
        }
    }

    /** Builds one type and hands it to a consumer when it is complete. */
    private static final class TypeCollector extends SignatureVisitor {

        private final Consumer<TypeReference> consumer;
        private String internalName;
        private List<TypeReference> arguments;

        TypeCollector(Consumer<TypeReference> consumer) {
            super(Opcodes.ASM9);
            this.consumer = consumer;
        }

        @Override
        public void visitBaseType(char descriptor) {
            consumer.accept(new PrimitiveReference(Type.getType(String.valueOf(descriptor)).getClassName()));
        }

        @Override
        public void visitTypeVariable(String name) {
            consumer.accept(new TypeVariable(name));
        }

        @Override
        public SignatureVisitor visitArrayType() {
            return new TypeCollector(component -> consumer.accept(new ArrayReference(component)));
        }

        @Override
        public void visitClassType(String name) {
            internalName = name;
            arguments = new ArrayList<>();
        }

        @Override
        public void visitInnerClassType(String name) {
            internalName = internalName + '$' + name;
            arguments = new ArrayList<>();
        }

        @Override
        public void visitTypeArgument() {
            arguments.add(OBJECT_REFERENCE);
        }

        @Override
        public SignatureVisitor visitTypeArgument(char wildcard) {
            List<TypeReference> target = arguments;
            if (wildcard == SignatureVisitor.SUPER) {
                target.add(OBJECT_REFERENCE);
                return new TypeCollector(bound -> { });
            }
            return new TypeCollector(target::add);
        }

        @Override
        public void visitEnd() {
            consumer.accept(new ClassReference(ClassFileType.dotted(internalName), List.copyOf(arguments)));
        }
    }
}
