package dev.pacer.agent.weaving;

import dev.pacer.agent.matching.Pointcut;
import dev.pacer.agent.matching.PointcutSet;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Resolves {@link GateId} parameters of advice to the gate id of the pointcut that selected the woven method,
 * inlined as an int constant.
 */
final class GateIdBinding implements Advice.OffsetMapping.Factory<GateId> {

    private final PointcutSet pointcuts;
    private final Map<String, Integer> gateIdByPointcut;

    GateIdBinding(PointcutSet pointcuts, Map<String, Integer> gateIdByPointcut) {
        this.pointcuts = pointcuts;
        this.gateIdByPointcut = Map.copyOf(gateIdByPointcut);
    }

    @Override
    public Class<GateId> getAnnotationType() {
        return GateId.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
            AnnotationDescription.Loadable<GateId> annotation, AdviceType adviceType) {
        if (!target.getType().represents(int.class)) {
            throw new IllegalStateException("@GateId must annotate an int parameter: " + target);
        }
        return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                new Advice.OffsetMapping.Target.ForStackManipulation(
                        IntegerConstant.forValue(gateIdOf(instrumentedType, instrumentedMethod)));
    }

    private int gateIdOf(TypeDescription type, MethodDescription method) {
        Pointcut pointcut = pointcuts.firstMatch(type, method);
        Integer gateId = pointcut == null ? null : gateIdByPointcut.get(pointcut.name());
        if (gateId == null) {
            throw new IllegalStateException("no rate-limited pointcut selects " + MethodIdBinding.methodKey(type,
                    method));
        }
        return gateId;
    }
}
