package dev.pacer.agent.matching;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A method, constructor or static initializer as its class file declares it. Type names are written as in Java
 * source with {@code $} for nested classes, as {@link Type#getClassName} returns them: {@code java.lang.String[]},
 * {@code int}, {@code a.b.Outer$Inner}. Immutable.
 */
public final class ClassFileMethod {

    private final String name;
    private final String descriptor;
    private final int access;
    private final String genericSignature;
    private final List<String> annotationNames;

    ClassFileMethod(String name, String descriptor, int access, String genericSignature,
            List<String> annotationNames) {
        this.name = name;
        this.descriptor = descriptor;
        this.access = access;
        this.genericSignature = genericSignature;
        this.annotationNames = List.copyOf(annotationNames);
    }

    /** Returns the name, {@code <init>} for a constructor and {@code <clinit>} for a static initializer. */
    public String name() {
        return name;
    }

    /** Returns the descriptor, such as {@code (Ljava/lang/String;[I)V}. */
    public String descriptor() {
        return descriptor;
    }

    /** Returns the access flags as {@link Opcodes} defines them. */
    public int access() {
        return access;
    }

    /** Returns the {@code Signature} attribute, such as {@code (TT;)V}, or null. */
    public String genericSignature() {
        return genericSignature;
    }

    /** Returns the names of the runtime-visible annotations on the method, which are the ones that reflection can read. */
    public List<String> annotationNames() {
        return annotationNames;
    }

    public boolean isConstructor() {
        return name.equals("<init>");
    }

    public boolean isTypeInitializer() {
        return name.equals("<clinit>");
    }

    public boolean isAbstract() {
        return (access & Opcodes.ACC_ABSTRACT) != 0;
    }

    public boolean isNative() {
        return (access & Opcodes.ACC_NATIVE) != 0;
    }

    public boolean isBridge() {
        return (access & Opcodes.ACC_BRIDGE) != 0;
    }

    public boolean isSynthetic() {
        return (access & Opcodes.ACC_SYNTHETIC) != 0;
    }

    public boolean isStatic() {
        return (access & Opcodes.ACC_STATIC) != 0;
    }

    public boolean isPrivate() {
        return (access & Opcodes.ACC_PRIVATE) != 0;
    }

    /** Returns the erased parameter types from the descriptor, such as {@code [java.lang.String, int[]]}. */
    public List<String> parameterTypeNames() {
        Type[] types = Type.getArgumentTypes(descriptor);
        List<String> names = new ArrayList<>(types.length);
        for (Type type : types) {
            names.add(type.getClassName());
        }
        return names;
    }

    /** Returns the number of parameters in the descriptor. */
    public int parameterCount() {
        return Type.getArgumentCount(descriptor);
    }

    /** Returns the erased return type, {@code void} for constructors and methods without a result. */
    public String returnTypeName() {
        return Type.getReturnType(descriptor).getClassName();
    }

    /**
     * Returns {@code name(ParamType,...)} with the parameter types of {@link #parameterTypeNames} separated by commas
     * without spaces, such as {@code find(java.lang.String,int[])} or {@code <init>()}. Prefixed with the type name
     * and {@code #}, it is the method key of the outputs.
     */
    public String key() {
        StringBuilder key = new StringBuilder(name).append('(');
        Type[] types = Type.getArgumentTypes(descriptor);
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                key.append(',');
            }
            key.append(types[i].getClassName());
        }
        return key.append(')').toString();
    }

    @Override
    public String toString() {
        return key();
    }
}
