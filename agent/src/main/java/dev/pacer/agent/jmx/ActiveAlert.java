package dev.pacer.agent.jmx;

import javax.management.ConstructorParameters;

/**
 * One raised alert as the {@code ActiveAlerts} attribute shows it; the MXBean framework maps it to
 * {@code CompositeData}. Immutable.
 */
public final class ActiveAlert {

    private final String name;
    private final String pointcut;
    private final String condition;
    private final double value;
    private final double threshold;
    private final String unit;
    private final String since;

    @ConstructorParameters({"name", "pointcut", "condition", "value", "threshold", "unit", "since"})
    public ActiveAlert(String name, String pointcut, String condition, double value, double threshold, String unit,
            String since) {
        this.name = name;
        this.pointcut = pointcut;
        this.condition = condition;
        this.value = value;
        this.threshold = threshold;
        this.unit = unit;
        this.since = since;
    }

    public String getName() {
        return name;
    }

    /** Returns the pointcut, method key or rate limit watched, or null for a system metric. */
    public String getPointcut() {
        return pointcut;
    }

    public String getCondition() {
        return condition;
    }

    /** Returns the value of the interval that raised the alert, in {@link #getUnit()}. */
    public double getValue() {
        return value;
    }

    public double getThreshold() {
        return threshold;
    }

    /** Returns {@code us}, {@code fraction}, {@code /s} or {@code bytes}. */
    public String getUnit() {
        return unit;
    }

    /** Returns the end of the interval that raised the alert, in ISO-8601. */
    public String getSince() {
        return since;
    }
}
