package dev.pacer.agent.config;

import java.util.List;

/**
 * One validated entry of {@code pointcuts:} in agent.yaml. Immutable.
 *
 * @param name          unique name, used in MBean names and summaries
 * @param line          1-based line of the entry in agent.yaml, for messages
 * @param classes       class names or globs; empty when the pointcut selects types otherwise
 * @param subtypeOf     fully qualified supertypes whose concrete subtypes are selected
 * @param annotatedWith fully qualified annotation types, on the method or on its class
 * @param method        method-name pattern, {@code *} by default
 * @param params        parameter type names that pick one overload, or null for any parameters
 * @param excludeClass  class globs that are never selected
 * @param excludeMethod method-name pattern that is never selected, or null
 * @param allowBroad    whether a pointcut that selects every class is allowed
 * @param rateLimit     the rate-limit advice of the selected methods, or null when they are only timed
 */
public record PointcutConfig(
        String name,
        int line,
        List<String> classes,
        List<String> subtypeOf,
        List<String> annotatedWith,
        String method,
        List<String> params,
        List<String> excludeClass,
        String excludeMethod,
        boolean allowBroad,
        PointcutRateLimit rateLimit) {

    public PointcutConfig {
        classes = List.copyOf(classes);
        subtypeOf = List.copyOf(subtypeOf);
        annotatedWith = List.copyOf(annotatedWith);
        params = params == null ? null : List.copyOf(params);
        excludeClass = List.copyOf(excludeClass);
    }

    /** Creates a pointcut that only times the methods it selects. */
    public PointcutConfig(String name, int line, List<String> classes, List<String> subtypeOf,
            List<String> annotatedWith, String method, List<String> params, List<String> excludeClass,
            String excludeMethod, boolean allowBroad) {
        this(name, line, classes, subtypeOf, annotatedWith, method, params, excludeClass, excludeMethod, allowBroad,
                null);
    }
}
