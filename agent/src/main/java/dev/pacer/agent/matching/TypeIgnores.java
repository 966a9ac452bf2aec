package dev.pacer.agent.matching;

import java.util.List;

/**
 * The classes that no pointcut weaves, and the JDK-internal packages that only an exact class name or a
 * {@code subtype-of} of a {@code java.*} type can select.
 */
public final class TypeIgnores {

    // The agent itself, ByteBuddy, other agents, and the JDK packages that the recording path calls, which would
    // otherwise recurse into the agent.
    private static final List<String> NEVER_PREFIXES = List.of(
            "dev.pacer.agent.", "dev.pacer.bootstrap.", "dev.pacer.shaded.", "net.bytebuddy.",
            "java.lang.", "java.util.concurrent.atomic.", "jdk.internal.reflect.", "jdk.internal.misc.",
            "jdk.internal.vm.", "sun.reflect.", "sun.misc.",
            "io.opentelemetry.javaagent.", "co.elastic.apm.", "org.glowroot.", "rocks.inspectit.",
            "com.newrelic.", "datadog.", "com.datadoghq.", "org.jacoco.", "com.intellij.rt.");

    // Generated classes: lambdas, hidden classes, JDK and library proxies.
    private static final List<String> GENERATED_MARKERS = List.of(
            "$$Lambda", "/", "$Proxy", "$$EnhancerBy", "$$FastClassBy", "$$SpringCGLIB$$", "CGLIB$$",
            "$HibernateProxy$", "$ByteBuddy$", "$MockitoMock$", "$$Accessor$");

    private static final List<String> JDK_INTERNAL_PREFIXES = List.of("jdk.", "sun.", "com.sun.");

    private TypeIgnores() {
    }

    /** Returns whether no pointcut may weave the named type. */
    public static boolean isAlwaysIgnored(String typeName) {
        // Indexed loops, because PointcutSet.mayMatchName calls this for every loaded class and allocates nothing.
        for (int i = 0; i < NEVER_PREFIXES.size(); i++) {
            if (typeName.startsWith(NEVER_PREFIXES.get(i))) {
                return true;
            }
        }
        for (int i = 0; i < GENERATED_MARKERS.size(); i++) {
            if (typeName.contains(GENERATED_MARKERS.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether the type is in a JDK-internal package. */
    public static boolean isJdkInternal(String typeName) {
        for (int i = 0; i < JDK_INTERNAL_PREFIXES.size(); i++) {
            if (typeName.startsWith(JDK_INTERNAL_PREFIXES.get(i))) {
                return true;
            }
        }
        return false;
    }
}
