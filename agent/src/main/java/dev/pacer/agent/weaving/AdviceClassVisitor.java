package dev.pacer.agent.weaving;

import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Passes a class through unchanged except for the methods in the plan, which get their advice. It adds no field,
 * method or interface, so the woven class keeps the shape that retransformation requires.
 */
final class AdviceClassVisitor extends ClassVisitor {

    private final Map<String, WovenMethod> plan;
    private int classFileVersion;

    /** @param plan the methods to weave, keyed by name followed by descriptor, such as {@code find(I)V} */
    AdviceClassVisitor(ClassVisitor next, Map<String, WovenMethod> plan) {
        super(Opcodes.ASM9, next);
        this.plan = plan;
    }

    static String planKey(String name, String descriptor) {
        return name + descriptor;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
        classFileVersion = version;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        WovenMethod woven = plan.get(planKey(name, descriptor));
        if (woven == null || next == null) {
            return next;
        }
        return new AdviceMethodVisitor(next, access, name, descriptor, woven, classFileVersion);
    }
}
