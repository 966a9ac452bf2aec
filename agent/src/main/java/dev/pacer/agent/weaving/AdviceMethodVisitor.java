package dev.pacer.agent.weaving;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * Weaves the advice into one method's bytecode. The woven method reads as if it were written:
 *
 * <pre>{@code
 * RateLimits.check(GATE, null);                      // rate-limited pointcuts; keyed ones pass new Object[] {args}
 * long start = System.nanoTime();
 * try {
 *     ... original body, with MethodTimer.exit(ID, start) before each return ...
 * } catch (Throwable thrown) {
 *     MethodTimer.exitThrown(thrown, ID, start);
 *     throw thrown;
 * }
 * }</pre>
 *
 * <p>The rate-limit check runs before the clock is read, so a rejected call is not timed and the time parked for a
 * token is not counted as the method's own. Methods selected through {@code subtype-of} call the
 * {@code DelegationGuard} and {@code RateLimits.checkOutermost} variants instead, which record a delegated call
 * once. Constructors get no rate limit and no handler: the JVM does not allow a handler around the
 * {@code super(...)} call, so only constructors that return are recorded, and the clock is read before
 * {@code super(...)} runs.
 *
 * <p>The {@code start} local is a new local variable that {@link org.objectweb.asm.commons.LocalVariablesSorter}
 * keeps apart from the method's own and adds to every stack map frame, so the original frames stay valid. The only
 * new frame is the handler's: every slot below {@code start} is unused there, and {@code start} is a long. Every
 * entry point into the agent is a static method that catches its own failures, so the woven code needs no handler
 * around it.
 */
final class AdviceMethodVisitor extends GeneratorAdapter {

    private static final String METHOD_TIMER = "dev/pacer/bootstrap/MethodTimer";
    private static final String DELEGATION_GUARD = "dev/pacer/bootstrap/DelegationGuard";
    private static final String RATE_LIMITS = "dev/pacer/bootstrap/RateLimits";
    private static final String THROWABLE = "java/lang/Throwable";

    private final WovenMethod woven;
    private final boolean constructor;
    private final boolean writeFrames;
    private final Label bodyStart = new Label();
    private int start;

    AdviceMethodVisitor(MethodVisitor next, int access, String name, String descriptor, WovenMethod woven,
            int classFileVersion) {
        super(Opcodes.ASM9, next, access, name, descriptor);
        this.woven = woven;
        this.constructor = name.equals("<init>");
        // Class files older than Java 6 carry no stack map frames, because the JVM verifies them by type inference.
        this.writeFrames = (classFileVersion & 0xFFFF) >= Opcodes.V1_6;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (woven.rateLimited() && !constructor) {
            checkRateLimit();
        }
        start = newLocal(Type.LONG_TYPE);
        if (woven.outermost()) {
            push(woven.signatureId());
            push(woven.methodId());
            invokeStatic(DELEGATION_GUARD, "enterMethod", "(II)J");
        } else {
            invokeStatic("java/lang/System", "nanoTime", "()J");
        }
        storeLocal(start);
        if (!constructor) {
            mark(bodyStart);
        }
    }

    private void checkRateLimit() {
        push(woven.gateId());
        if (woven.outermost()) {
            push(woven.signatureId());
            push(woven.methodId());
        }
        if (woven.keyed()) {
            loadArgArray();
        } else {
            visitInsn(Opcodes.ACONST_NULL);
        }
        if (woven.outermost()) {
            invokeStatic(RATE_LIMITS, "checkOutermost", "(III[Ljava/lang/Object;)V");
        } else {
            invokeStatic(RATE_LIMITS, "check", "(I[Ljava/lang/Object;)V");
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            recordReturn();
        }
        super.visitInsn(opcode);
    }

    private void recordReturn() {
        if (woven.outermost()) {
            push(woven.signatureId());
            push(woven.methodId());
            loadLocal(start);
            invokeStatic(DELEGATION_GUARD, "exitMethod", "(IIJ)V");
        } else {
            push(woven.methodId());
            loadLocal(start);
            invokeStatic(METHOD_TIMER, "exit", "(IJ)V");
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!constructor) {
            addThrownHandler();
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    /**
     * Appends the handler that records a call ended by an exception and rethrows it. Its entry in the exception table
     * comes after the method's own, so the method's handlers still see their exceptions first.
     */
    private void addThrownHandler() {
        Label bodyEnd = new Label();
        Label handler = new Label();
        mark(bodyEnd);
        visitTryCatchBlock(bodyStart, bodyEnd, handler, THROWABLE);
        mark(handler);
        if (writeFrames) {
            Object[] locals = new Object[start + 1];
            for (int slot = 0; slot < start; slot++) {
                locals[slot] = Opcodes.TOP;
            }
            locals[start] = Opcodes.LONG;
            // Written to the next visitor directly: the slots are already the remapped ones.
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {THROWABLE});
        }
        dup();
        if (woven.outermost()) {
            push(woven.signatureId());
            push(woven.methodId());
            loadLocal(start);
            invokeStatic(DELEGATION_GUARD, "exitMethodThrown", "(Ljava/lang/Throwable;IIJ)V");
        } else {
            push(woven.methodId());
            loadLocal(start);
            invokeStatic(METHOD_TIMER, "exitThrown", "(Ljava/lang/Throwable;IJ)V");
        }
        throwException();
    }

    private void invokeStatic(String owner, String name, String descriptor) {
        visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, descriptor, false);
    }
}
