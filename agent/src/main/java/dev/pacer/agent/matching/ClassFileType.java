package dev.pacer.agent.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A type as its class file declares it, read with ASM's {@link ClassReader} without method bodies, debug
 * information or stack map frames. Names are binary names with dots, such as {@code a.b.Outer$Inner}. Immutable,
 * and the parsed generic signature is cached on first use.
 */
public final class ClassFileType {

    private static final int PARSING_OPTIONS = ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG
            | ClassReader.SKIP_FRAMES;

    private final String name;
    private final int access;
    private final String superName;
    private final List<String> interfaceNames;
    private final List<String> annotationNames;
    private final String genericSignature;
    private final List<ClassFileMethod> methods;
    private final int classFileVersion;

    // Parsed from genericSignature on first use. Racing threads parse the same immutable value.
    private volatile GenericSignature.ClassSignature parsedSignature;

    private ClassFileType(Collector collector) {
        this.name = collector.name;
        this.access = collector.access;
        this.superName = collector.superName;
        this.interfaceNames = List.copyOf(collector.interfaceNames);
        this.annotationNames = List.copyOf(collector.annotationNames);
        this.genericSignature = collector.signature;
        this.methods = List.copyOf(collector.methods);
        this.classFileVersion = collector.version;
    }

    /**
     * Parses a class file.
     *
     * @throws IllegalArgumentException when the bytes are not a class file that ASM can read, for example because
     *                                  they are truncated or have a newer class file version than ASM supports
     */
    public static ClassFileType parse(byte[] classFile) {
        Objects.requireNonNull(classFile, "classFile");
        Collector collector = new Collector();
        try {
            new ClassReader(classFile).accept(collector, PARSING_OPTIONS);
        } catch (RuntimeException e) {
            // ClassReader reports malformed input with ArrayIndexOutOfBoundsException, IllegalArgumentException
            // and others, depending on where the bytes break off.
            throw new IllegalArgumentException("Invalid class file of " + classFile.length + " bytes: " + e, e);
        }
        if (collector.name == null) {
            throw new IllegalArgumentException("Invalid class file of " + classFile.length + " bytes: no class name");
        }
        return new ClassFileType(collector);
    }

    /** Returns the binary name with dots, such as {@code a.b.Outer$Inner}. */
    public String name() {
        return name;
    }

    /** Returns the access flags of the class file's {@code access_flags} item, as {@link Opcodes} defines them. */
    public int access() {
        return access;
    }

    public boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    public boolean isAnnotation() {
        return (access & Opcodes.ACC_ANNOTATION) != 0;
    }

    public boolean isSynthetic() {
        return (access & Opcodes.ACC_SYNTHETIC) != 0;
    }

    /** Returns the superclass name with dots, or null for {@code java.lang.Object} and {@code module-info}. */
    public String superName() {
        return superName;
    }

    /** Returns the names of the directly implemented or extended interfaces, in declaration order. */
    public List<String> interfaceNames() {
        return interfaceNames;
    }

    /** Returns the names of the runtime-visible annotations on the type, which are the ones that reflection can read. */
    public List<String> annotationNames() {
        return annotationNames;
    }

    /** Returns the {@code Signature} attribute, such as {@code <T:Ljava/lang/Object;>Ljava/lang/Object;}, or null. */
    public String genericSignature() {
        return genericSignature;
    }

    /** Returns the declared methods, constructors and static initializer, in class file order. */
    public List<ClassFileMethod> methods() {
        return methods;
    }

    /**
     * Returns the class file version as ASM's {@link ClassVisitor#visit} reports it: the major version in the low 16
     * bits and the minor version in the high 16 bits, comparable with {@link Opcodes#V17} and the like.
     */
    public int classFileVersion() {
        return classFileVersion;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Returns the parsed generic signature, or null when the class file has no {@code Signature} attribute. */
    GenericSignature.ClassSignature classSignature() {
        GenericSignature.ClassSignature parsed = parsedSignature;
        if (parsed == null && genericSignature != null) {
            parsed = GenericSignature.parseClass(genericSignature);
            parsedSignature = parsed;
        }
        return parsed;
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    /** Collects the declarations that ClassFileType keeps. */
    private static final class Collector extends ClassVisitor {

        private String name;
        private int access;
        private String superName;
        private String signature;
        private int version;
        private final List<String> interfaceNames = new ArrayList<>();
        private final List<String> annotationNames = new ArrayList<>();
        private final List<ClassFileMethod> methods = new ArrayList<>();

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.version = version;
            this.access = access;
            this.name = dotted(name);
            this.signature = signature;
            this.superName = superName == null ? null : dotted(superName);
            if (interfaces != null) {
                for (String interfaceName : interfaces) {
                    interfaceNames.add(dotted(interfaceName));
                }
            }
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            if (visible) {
                annotationNames.add(Type.getType(descriptor).getClassName());
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            List<String> methodAnnotations = new ArrayList<>();
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotationDescriptor, boolean visible) {
                    if (visible) {
                        methodAnnotations.add(Type.getType(annotationDescriptor).getClassName());
                    }
                    return null;
                }

                @Override
                public void visitEnd() {
                    methods.add(new ClassFileMethod(name, descriptor, access, signature, methodAnnotations));
                }
            };
        }
    }
}
