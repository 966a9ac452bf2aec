package dev.pacer.agent.weaving;

import dev.pacer.agent.Log;
import dev.pacer.agent.matching.Pointcut;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.matching.TypeIgnores;
import dev.pacer.agent.metrics.MethodRegistry;
import dev.pacer.bootstrap.AgentErrors;
import dev.pacer.bootstrap.AgentScope;
import dev.pacer.bootstrap.MethodTimer;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodDescription.ForLoadedMethod;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the class transformer that weaves the timing advice, and the rate-limit advice of rate-limited pointcuts,
 * into the methods the pointcuts select, both into classes loaded later and, by retransformation, into classes
 * already loaded. Woven classes keep their shape (no new fields or methods), which retransformation requires.
 * Constructors get timing advice only, because a constructor's body cannot be skipped.
 */
public final class Weaver {

    private final PointcutSet pointcuts;
    private final MethodRegistry registry;
    private final Map<String, Integer> gateIdByPointcut;
    private final Map<String, Boolean> keyedByPointcut;
    private final AtomicLong transformErrors = new AtomicLong();

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

    /** Installs the transformer and retransforms the loaded classes that the pointcuts select. */
    public ResettableClassFileTransformer install(Instrumentation instrumentation) throws NoSuchMethodException {
        AgentBuilder.Transformer advice = adviceTransformer();

        // The Nexus serves only the self-injection initialization strategy, which Pacer does not use. Disabled, it
        // skips a probe that calls sun.misc.Unsafe, which Java 24 and later warn about on stderr. The shade plugin
        // relocates this property name along with ByteBuddy, so it never affects the application's ByteBuddy.
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        AgentScope.enter();
        try {
            return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    // Describes classes that are already loaded by reflection, which costs far less at start-up
                    // than parsing their class files, and the others from their class files without loading them.
                    .with(AgentBuilder.DescriptionStrategy.Default.HYBRID)
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                    .with(new ScopeListener())
                    .ignore(type -> TypeIgnores.isAlwaysIgnored(type.getName()))
                    .type(pointcuts::matchesType)
                    .transform(advice)
                    .assureReadEdgeTo(instrumentation, MethodTimer.class)
                    .installOn(instrumentation);
        } finally {
            AgentScope.exit();
        }
    }

    /**
     * Builds the transformer that weaves the advice. Rate-limit advice is registered before the timing advice,
     * which makes it the outer one, because ByteBuddy wraps the advice of later entries inside that of earlier
     * ones. So a rejected call skips the timing advice too, and the time parked for a token is not timed. Methods
     * selected through {@code subtype-of} get the outermost variants, so that a call delegated to another
     * implementation of the same method is timed and rate-limited once.
     */
    AgentBuilder.Transformer adviceTransformer() throws NoSuchMethodException {
        MethodIdBinding methodIds = new MethodIdBinding(pointcuts, registry);
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(methodIds)
                .bind(methodIds.signatureBinding())
                .bind(new GateIdBinding(pointcuts, gateIdByPointcut));
        Advice.ExceptionHandler countingHandler = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                new ForLoadedMethod(AgentErrors.class.getMethod("suppressed", Throwable.class))));

        ElementMatcher<MethodDescription> constructors = method -> method.isConstructor()
                && selectingPointcut(method) != null;
        ElementMatcher<MethodDescription> methods = method -> {
            Pointcut pointcut = method.isMethod() ? selectingPointcut(method) : null;
            return pointcut != null && !pointcut.selectsBySupertype();
        };
        ElementMatcher<MethodDescription> implementations = method -> {
            Pointcut pointcut = method.isMethod() ? selectingPointcut(method) : null;
            return pointcut != null && pointcut.selectsBySupertype();
        };

        return new AgentBuilder.Transformer.ForAdvice(mapping)
                .include(TimingAdvice.class.getClassLoader())
                .withExceptionHandler(countingHandler)
                .advice(rateLimited(false, false), RateLimitAdvice.class.getName())
                .advice(rateLimited(true, false), KeyedRateLimitAdvice.class.getName())
                .advice(rateLimited(false, true), OutermostRateLimitAdvice.class.getName())
                .advice(rateLimited(true, true), OutermostKeyedRateLimitAdvice.class.getName())
                .advice(methods, TimingAdvice.class.getName())
                .advice(implementations, OutermostTimingAdvice.class.getName())
                .advice(constructors, ConstructorTimingAdvice.class.getName());
    }

    /** Matches the methods of rate-limited pointcuts with the given keying and selection by supertype. */
    private ElementMatcher<MethodDescription> rateLimited(boolean keyed, boolean bySupertype) {
        return method -> {
            Pointcut pointcut = method.isMethod() ? selectingPointcut(method) : null;
            if (pointcut == null) {
                return false;
            }
            Boolean pointcutKeyed = keyedByPointcut.get(pointcut.name());
            return pointcutKeyed != null && pointcutKeyed == keyed && pointcut.selectsBySupertype() == bySupertype;
        };
    }

    private Pointcut selectingPointcut(MethodDescription method) {
        return pointcuts.firstMatch(method.getDeclaringType().asErasure(), method);
    }

    /** Returns the number of classes that could not be woven. */
    public long transformErrors() {
        return transformErrors.get();
    }

    /**
     * Marks every transformation as agent code, so that woven methods which the transformer itself calls are not
     * recorded, and reports failures without letting them reach the application.
     */
    private final class ScopeListener extends AgentBuilder.Listener.Adapter {

        @Override
        public void onDiscovery(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
            AgentScope.enter();
        }

        @Override
        public void onComplete(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
            AgentScope.exit();
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                boolean loaded, DynamicType dynamicType) {
            if (Log.isEnabled(Log.Level.DEBUG)) {
                Log.debug("Wove " + typeDescription.getName() + (loaded ? " (retransformed)" : ""));
            }
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable error) {
            transformErrors.incrementAndGet();
            AgentErrors.suppressed(error);
            Log.warnOnce("weave:" + typeName, "Could not weave " + typeName + "; its methods are not timed", error);
        }
    }
}
