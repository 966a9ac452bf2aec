package dev.pacer.agent.weaving;

import dev.pacer.agent.matching.Pointcut;
import dev.pacer.agent.matching.PointcutSet;
import dev.pacer.agent.metrics.MethodRegistry;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Resolves {@link MethodId} parameters of advice: registers the woven method on first sight and inlines its id as
 * an int constant, so that woven code never looks a method up at run time.
 */
final class MethodIdBinding implements Advice.OffsetMapping.Factory<MethodId> {

    private final PointcutSet pointcuts;
    private final MethodRegistry registry;

    MethodIdBinding(PointcutSet pointcuts, MethodRegistry registry) {
        this.pointcuts = pointcuts;
        this.registry = registry;
    }

    /** Resolves {@link SignatureId} parameters; registered next to the {@link MethodId} binding. */
    Advice.OffsetMapping.Factory<SignatureId> signatureBinding() {
        return new Advice.OffsetMapping.Factory<>() {
            @Override
            public Class<SignatureId> getAnnotationType() {
                return SignatureId.class;
            }

            @Override
            public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                    AnnotationDescription.Loadable<SignatureId> annotation, AdviceType adviceType) {
                return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                        new Advice.OffsetMapping.Target.ForStackManipulation(
                                IntegerConstant.forValue(registry.signatureId(signature(instrumentedMethod))));
            }
        };
    }

    @Override
    public Class<MethodId> getAnnotationType() {
        return MethodId.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
            AnnotationDescription.Loadable<MethodId> annotation, AdviceType adviceType) {
        if (!target.getType().represents(int.class)) {
            throw new IllegalStateException("@MethodId must annotate an int parameter: " + target);
        }
        return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                new Advice.OffsetMapping.Target.ForStackManipulation(
                        IntegerConstant.forValue(idOf(instrumentedType, instrumentedMethod)));
    }

    private int idOf(TypeDescription type, MethodDescription method) {
        Pointcut pointcut = pointcuts.firstMatch(type, method);
        if (pointcut == null) {
            throw new IllegalStateException("no pointcut selects " + methodKey(type, method));
        }
        String key = methodKey(type, method);
        boolean firstSight = !registry.contains(key);
        int id = registry.register(key, pointcut.name());
        if (firstSight) {
            pointcut.countMatch();
        }
        return id;
    }

    /** Returns {@code Class#method(ParamType,...)} with parameter types as in Java source. */
    static String methodKey(TypeDescription type, MethodDescription method) {
        return type.getName() + '#' + signature(method);
    }

    /** Returns {@code method(ParamType,...)}, the part of the key that implementations of one method share. */
    static String signature(MethodDescription method) {
        StringBuilder key = new StringBuilder(method.isConstructor() ? "<init>" : method.getName()).append('(');
        boolean first = true;
        for (ParameterDescription parameter : method.getParameters()) {
            if (!first) {
                key.append(',');
            }
            key.append(parameter.getType().asErasure().getActualName());
            first = false;
        }
        return key.append(')').toString();
    }
}
