package dev.pacer.agent.alert;

import java.util.List;
import java.util.Locale;

/**
 * The metric an alert compares with its threshold. A percentile metric carries the percentile itself; the other kinds
 * need none. Immutable.
 *
 * @param kind       the kind of value
 * @param percentile the percentile, above 0 and below 100, for {@link Kind#PERCENTILE}; NaN for the other kinds
 */
public record AlertMetric(Kind kind, double percentile) {

    /** The kinds of value an alert can watch, with the unit its threshold must be written in. */
    public enum Kind {
        PERCENTILE(Scope.TARGET, Unit.LATENCY),
        MEAN(Scope.TARGET, Unit.LATENCY),
        MAX(Scope.TARGET, Unit.LATENCY),
        ERROR_RATE(Scope.TARGET, Unit.PERCENT),
        THROUGHPUT(Scope.TARGET, Unit.PER_SECOND),
        REJECTED(Scope.LIMIT, Unit.PER_SECOND),
        SYSTEM_CPU(Scope.SYSTEM, Unit.PERCENT),
        SYSTEM_PROCESS_CPU(Scope.SYSTEM, Unit.PERCENT),
        SYSTEM_HEAP(Scope.SYSTEM, Unit.PERCENT_OR_BYTES),
        SYSTEM_RSS(Scope.SYSTEM, Unit.BYTES);

        private final Scope scope;
        private final Unit unit;

        Kind(Scope scope, Unit unit) {
            this.scope = scope;
            this.unit = unit;
        }

        public Scope scope() {
            return scope;
        }

        public Unit unit() {
            return unit;
        }
    }

    /** The kind of target that the alert's {@code pointcut:} key names. */
    public enum Scope {
        /** A pointcut name or a method key. */
        TARGET,
        /** A rate limit name. */
        LIMIT,
        /** Nothing: the metric belongs to the host or the JVM. */
        SYSTEM
    }

    /** The units a threshold may be written in. */
    public enum Unit {
        LATENCY("a time unit of us, ms or s, for example 250ms"),
        PERCENT("%, for example 5%"),
        PER_SECOND("/s, for example 100/s"),
        BYTES("a size unit of B, KB, MB or GB, for example 512MB"),
        PERCENT_OR_BYTES("% of the maximum or a size unit of B, KB, MB or GB, for example 90% or 2GB");

        private final String description;

        Unit(String description) {
            this.description = description;
        }

        /** Returns how to write a threshold in this unit, for messages. */
        public String description() {
            return description;
        }
    }

    /** The metric names accepted in {@code when:}, in the order messages list them. */
    public static final List<String> NAMES = List.of("p50", "p90", "p99", "p99.9", "(any pNN)", "mean", "max",
            "error_rate", "throughput", "rejected", "system.cpu", "system.process_cpu", "system.heap", "system.rss");

    public static AlertMetric of(Kind kind) {
        return new AlertMetric(kind, Double.NaN);
    }

    public static AlertMetric percentile(double percentile) {
        return new AlertMetric(Kind.PERCENTILE, percentile);
    }

    /** Returns the metric as written in agent.yaml, such as {@code p99.9} or {@code system.cpu}. */
    public String displayName() {
        if (kind == Kind.PERCENTILE) {
            return "p" + (percentile == Math.rint(percentile) ? Long.toString((long) percentile)
                    : Double.toString(percentile));
        }
        String name = kind.name().toLowerCase(Locale.ROOT);
        return name.startsWith("system_") ? "system." + name.substring("system_".length()) : name;
    }
}
