package dev.pacer.agent.history;

/**
 * A metric name of the {@code history} JMX operation. The forms are:
 * <ul>
 *   <li>{@code method:<method key>:<statistic>}, such as {@code method:com.example.Repo#find(int):p99};</li>
 *   <li>{@code pointcut:<pointcut name>:<statistic>}, over all methods of the pointcut together;</li>
 *   <li>{@code process:<statistic>}, over all timed methods together;</li>
 *   <li>{@code limit:<rate limit name>:<decision>}, the decisions of one rate limit per interval, where a decision
 *       is {@code allowed}, {@code rejected}, {@code waited}, {@code would_reject}, {@code store_errors} or
 *       {@code fallbacks};</li>
 *   <li>{@code system:<attribute>}, an attribute of {@code pacer:type=System}, such as
 *       {@code system:ProcessCpuLoad}.</li>
 * </ul>
 * Statistics are those of {@link Statistic#parse}. Immutable.
 *
 * @param scope     which calls or which system value
 * @param target    the method key or pointcut name; null for the process and the system
 * @param statistic the statistic of the calls; null for the system and for rate limits
 * @param attribute the system attribute; null otherwise
 * @param decision  the rate limit decision counted; null otherwise
 */
public record HistoryMetric(Scope scope, String target, Statistic statistic, SystemAttribute attribute,
        LimitDecision decision) {

    /** The kind of calls or value that a metric name selects. */
    public enum Scope { METHOD, POINTCUT, PROCESS, SYSTEM, LIMIT }

    private static final String FORMS = "Use method:<method key>:<statistic>, pointcut:<name>:<statistic>, "
            + "process:<statistic>, limit:<rate limit>:<decision> or system:<attribute>, where a statistic is one "
            + "of count, errors, error_rate, throughput, min, mean, max, p50, p90, p99, p999 or any pNN, and a "
            + "decision one of " + String.join(", ", LimitDecision.names());

    /** Parses a metric name, or throws IllegalArgumentException with the accepted forms. */
    public static HistoryMetric parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("The metric name is missing. " + FORMS + ".");
        }
        int colon = name.indexOf(':');
        String prefix = colon < 0 ? name : name.substring(0, colon);
        String rest = colon < 0 ? "" : name.substring(colon + 1);
        switch (prefix) {
            case "system" -> {
                SystemAttribute attribute = SystemAttribute.byName(rest);
                if (attribute == null) {
                    throw new IllegalArgumentException("Unknown system attribute \"" + rest + "\" in " + name
                            + ". Use one of: " + String.join(", ", SystemAttribute.names()) + ".");
                }
                return new HistoryMetric(Scope.SYSTEM, null, null, attribute, null);
            }
            case "process" -> {
                return new HistoryMetric(Scope.PROCESS, null, statistic(rest, name), null, null);
            }
            case "method", "pointcut" -> {
                int last = rest.lastIndexOf(':');
                if (last <= 0) {
                    throw new IllegalArgumentException("The metric " + name + " lacks a target or a statistic. "
                            + FORMS + ".");
                }
                Scope scope = prefix.equals("method") ? Scope.METHOD : Scope.POINTCUT;
                return new HistoryMetric(scope, rest.substring(0, last), statistic(rest.substring(last + 1), name),
                        null, null);
            }
            case "limit" -> {
                int last = rest.lastIndexOf(':');
                LimitDecision decision = last <= 0 ? null : LimitDecision.byName(rest.substring(last + 1));
                if (decision == null) {
                    throw new IllegalArgumentException("The metric " + name + " lacks a rate limit or a known "
                            + "decision. " + FORMS + ".");
                }
                return new HistoryMetric(Scope.LIMIT, rest.substring(0, last), null, null, decision);
            }
            default -> throw new IllegalArgumentException("Unknown metric \"" + name + "\". " + FORMS + ".");
        }
    }

    private static Statistic statistic(String text, String name) {
        Statistic statistic = Statistic.parse(text);
        if (statistic == null) {
            throw new IllegalArgumentException("Unknown statistic \"" + text + "\" in " + name + ". " + FORMS + ".");
        }
        return statistic;
    }

    /** Returns whether a method of the given key and pointcut belongs to this metric's calls. */
    boolean selects(String methodKey, String pointcut) {
        return switch (scope) {
            case METHOD -> methodKey.equals(target);
            case POINTCUT -> pointcut.equals(target);
            case PROCESS -> true;
            case SYSTEM, LIMIT -> false;
        };
    }

    /** Returns the unit of the series' values. */
    public String unit() {
        return switch (scope) {
            case SYSTEM -> attribute.unit();
            case LIMIT -> "calls";
            default -> statistic.unit();
        };
    }
}
