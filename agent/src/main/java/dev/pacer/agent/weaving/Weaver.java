package dev.pacer.agent.weaving;

import dev.pacer.agent.Log;
import dev.pacer.agent.matching.ClassFileMethod;
import dev.pacer.agent.matching.ClassFileType;
import dev.pacer.agent.matching.Pointcut;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.matching.TypeLocator;
import dev.pacer.agent.metrics.MethodRegistry;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.AgentScope;
import dev.pacer.bootstrap.MethodTimer;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Installs the class transformer that weaves the timing advice, and the rate-limit advice of rate-limited pointcuts,
 * into the methods the pointcuts select, both into classes loaded later and, by retransformation, into classes
 * already loaded. Woven classes keep their shape (no new fields or methods), which retransformation requires.
 * Constructors get timing advice only, because a constructor's body cannot be skipped. {@link AdviceMethodVisitor}
 * shows the woven code.
 *
 * <p>The transformer rejects most classes by name alone, with {@link PointcutSet#mayMatchName}, and reads the class
 * file of the rest with ASM. It never loads a class to decide: supertypes come from their class files through a
 * {@link TypeLocator}.
 */
public final class Weaver {

    private final PointcutSet pointcuts;
    private final MethodRegistry registry;
    private final Map<String, Integer> gateIdByPointcut;
    private final Map<String, Boolean> keyedByPointcut;
    private final AtomicLong transformErrors = new AtomicLong();
    // Set while this thread runs the transformer, so that a class that the transformer itself loads is passed
    // through unwoven instead of re-entering it.
    private final ThreadLocal<Boolean> transforming = new ThreadLocal<>();
    private Instrumentation instrumentation;
    private volatile DeferredWeaving deferred;

    public Weaver(PointcutSet pointcuts, MethodRegistry registry) {
        this(pointcuts, registry, Map.of(), Map.of());
    }

    /**
     * @param gateIdByPointcut the rate-limit gate id of each rate-limited pointcut, by pointcut name
     * @param keyedByPointcut  whether each rate-limited pointcut picks its bucket by a key, by pointcut name
     */
    public Weaver(PointcutSet pointcuts, MethodRegistry registry, Map<String, Integer> gateIdByPointcut,
            Map<String, Boolean> keyedByPointcut) {
        this.pointcuts = pointcuts;
        this.registry = registry;
        this.gateIdByPointcut = Map.copyOf(gateIdByPointcut);
        this.keyedByPointcut = Map.copyOf(keyedByPointcut);
    }

    /** Installs the transformer and retransforms the loaded classes that the pointcuts may select. */
    public void install(Instrumentation target) {
        this.instrumentation = target;
        this.deferred = new DeferredWeaving(pointcuts, target);
        deferred.start();
        if (pointcuts.mayNameJavaBaseClasses()) {
            warmUp();
        }
        target.addTransformer(new Transformer(), true);
        retransformLoaded(target);
    }

    /**
     * Runs the transformer's code once on one of the agent's own classes, without registering anything, so that
     * the JDK classes it uses are loaded before it first runs inside the JVM's definition of a class. Only a
     * {@code class} key that names a {@code java.base} class needs it: every other class of that module is woven
     * after it is loaded, and the transformer never needs a class of the application.
     */
    private void warmUp() {
        AgentScope.enter();
        try (InputStream in = Weaver.class.getResourceAsStream("AdviceClassVisitor.class")) {
            if (in == null) {
                return;
            }
            byte[] classFile = in.readAllBytes();
            ClassFileType type = ClassFileType.parse(classFile);
            TypeLocator locator = TypeLocator.forClassLoader(Weaver.class.getClassLoader());
            TypeLocator.forClassLoader(null).locate("java.lang.Runnable");
            pointcuts.typeMatches(type, locator);
            pointcuts.mayMatchName(type.name());
            Map<String, WovenMethod> plan = new HashMap<>();
            int position = 0;
            for (ClassFileMethod method : type.methods()) {
                boolean outermost = position % 2 == 0;
                plan.put(AdviceClassVisitor.planKey(method.name(), method.descriptor()),
                        new WovenMethod(0, outermost ? 0 : -1, 0, outermost));
                position++;
            }
            write(classFile, plan);
        } catch (Throwable e) {
            AgentErrors.suppressed(e);
        } finally {
            AgentScope.exit();
        }
    }

    /** Returns the number of classes that could not be woven, including deferred classes that a full queue dropped. */
    public long transformErrors() {
        DeferredWeaving queue = deferred;
        return transformErrors.get() + (queue == null ? 0 : queue.dropped());
    }

    /**
     * Returns the class file with the advice woven in, or null when no pointcut selects a method of the class.
     * Registers every selected method. Throws what ASM throws for a class file it cannot read.
     *
     * @param loader      the class loader that defines the class, or null for the bootstrap loader
     * @param classFile   the class file as the JVM hands it to transformers
     */
    public byte[] weave(ClassLoader loader, byte[] classFile) {
        ClassFileType type = ClassFileType.parse(classFile);
        TypeLocator locator = TypeLocator.forClassLoader(loader);
        List<Pointcut> typeMatches = pointcuts.typeMatches(type, locator);
        if (typeMatches.isEmpty()) {
            return null;
        }
        Map<String, WovenMethod> plan = plan(type, typeMatches, locator);
        if (plan.isEmpty()) {
            return null;
        }
        return write(classFile, plan);
    }

    private static byte[] write(byte[] classFile, Map<String, WovenMethod> plan) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new AdviceClassVisitor(writer, plan), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** Registers the selected methods of a type and returns what to weave into each. */
    private Map<String, WovenMethod> plan(ClassFileType type, List<Pointcut> typeMatches, TypeLocator locator) {
        Map<String, WovenMethod> plan = new HashMap<>();
        for (ClassFileMethod method : type.methods()) {
            Pointcut pointcut = PointcutSet.firstMatch(typeMatches, type, method, locator);
            if (pointcut == null) {
                continue;
            }
            String key = type.name() + '#' + method.key();
            boolean firstSight = !registry.contains(key);
            int methodId = registry.register(key, pointcut.name());
            if (firstSight) {
                pointcut.countMatch();
            }
            int signatureId = pointcut.selectsBySupertype() && !method.isConstructor()
                    ? registry.signatureId(method.key())
                    : -1;
            Integer gateId = method.isConstructor() ? null : gateIdByPointcut.get(pointcut.name());
            boolean keyed = Boolean.TRUE.equals(keyedByPointcut.get(pointcut.name()));
            plan.put(AdviceClassVisitor.planKey(method.name(), method.descriptor()),
                    new WovenMethod(methodId, signatureId, gateId == null ? -1 : gateId, keyed));
        }
        return plan;
    }

    /**
     * Retransforms the classes loaded before the agent started that a pointcut may select, all in one call, and
     * one by one when that call fails, so that one class that cannot be retransformed does not stop the others.
     */
    private void retransformLoaded(Instrumentation target) {
        List<Class<?>> candidates = new ArrayList<>();
        AgentScope.enter();
        try {
            for (Class<?> loaded : target.getAllLoadedClasses()) {
                if (isCandidate(target, loaded)) {
                    candidates.add(loaded);
                }
            }
        } finally {
            AgentScope.exit();
        }
        if (candidates.isEmpty()) {
            return;
        }
        try {
            target.retransformClasses(candidates.toArray(new Class<?>[0]));
        } catch (Throwable batchFailure) {
            for (Class<?> candidate : candidates) {
                try {
                    target.retransformClasses(candidate);
                } catch (Throwable failure) {
                    failed(candidate.getName(), failure);
                }
            }
        }
    }

    private boolean isCandidate(Instrumentation target, Class<?> loaded) {
        try {
            return !loaded.isArray() && !loaded.isPrimitive() && !loaded.isHidden()
                    && pointcuts.mayMatchName(loaded.getName()) && target.isModifiableClass(loaded)
                    && pointcuts.mayMatchLoaded(loaded);
        } catch (Throwable failure) {
            AgentErrors.suppressed(failure);
            return false;
        }
    }

    private void failed(String typeName, Throwable error) {
        transformErrors.incrementAndGet();
        AgentErrors.suppressed(error);
        Log.warnOnce("weave:" + typeName, "Could not weave " + typeName + "; its methods are not timed", error);
    }

    /** Lets methods in a named module, such as the JDK's {@code java.net.http}, call the agent's bootstrap classes. */
    private void addReadEdge(Module module) {
        Module bootstrap = MethodTimer.class.getModule();
        if (module != null && module.isNamed() && !module.canRead(bootstrap) && instrumentation != null) {
            instrumentation.redefineModule(module, Set.of(bootstrap), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    /**
     * The transformer. A class is woven while the JVM defines it, except for classes loaded by the transformer's
     * own work and {@code java.base} classes that no {@code class} key names, which {@link DeferredWeaving} weaves
     * right after they are loaded. A {@code class} key that names a {@code java.base} class is woven at once; its
     * class is never one that the transformer needs, because {@link #warmUp} loads those first.
     */
    private final class Transformer implements ClassFileTransformer {

        private static final Module JAVA_BASE = Object.class.getModule();

        @Override
        public byte[] transform(Module module, ClassLoader loader, String internalName,
                Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classFile) {
            if (internalName == null) {
                return null;
            }
            String typeName = internalName.replace('/', '.');
            if (!pointcuts.mayMatchName(typeName)) {
                return null;
            }
            boolean insideTransformer = transforming.get() != null;
            boolean unsafeToWeaveNow = classBeingRedefined == null && module == JAVA_BASE
                    && !pointcuts.namesClass(typeName);
            if (insideTransformer || unsafeToWeaveNow) {
                deferred.defer(typeName, loader);
                return null;
            }
            transforming.set(Boolean.TRUE);
            AgentScope.enter();
            try {
                byte[] woven = weave(loader, classFile);
                if (woven != null) {
                    addReadEdge(module);
                    if (Log.isEnabled(Log.Level.DEBUG)) {
                        Log.debug("Wove " + typeName + (classBeingRedefined != null ? " (retransformed)" : ""));
                    }
                }
                return woven;
            } catch (Throwable failure) {
                failed(typeName, failure);
                return null;
            } finally {
                AgentScope.exit();
                transforming.remove();
            }
        }
    }
}
