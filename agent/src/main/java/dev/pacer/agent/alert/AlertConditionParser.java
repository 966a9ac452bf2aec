package dev.pacer.agent.alert;

import dev.pacer.agent.config.Durations;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code when:} expression of an alert: a metric, a comparison operator and a threshold with its unit,
 * such as {@code p99 > 250ms}, {@code error_rate >= 5%} or {@code system.heap > 2GB}.
 */
public final class AlertConditionParser {

    private static final Pattern EXPRESSION =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(>=|<=|>|<)\\s*(.*?)\\s*");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,3})?)");
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)\\s*([A-Za-z%/]*)");

    private AlertConditionParser() {
    }

    /** Thrown for an invalid expression; the message names the problem and how to write the expression. */
    public static final class InvalidConditionException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidConditionException(String message) {
            super(message);
        }
    }

    /** Parses one expression. */
    public static AlertCondition parse(String text) throws InvalidConditionException {
        Matcher expression = EXPRESSION.matcher(text);
        if (!expression.matches() || expression.group(3).isEmpty()) {
            throw new InvalidConditionException("Expected a metric, a comparison and a threshold with its unit, "
                    + "such as p99 > 250ms or system.cpu > 90%.");
        }
        AlertMetric metric = metric(expression.group(1));
        AlertCondition.Operator operator = AlertCondition.Operator.ofSymbol(expression.group(2));
        String thresholdText = expression.group(3);

        Matcher number = NUMBER_WITH_UNIT.matcher(thresholdText);
        if (!number.matches()) {
            throw new InvalidConditionException("The threshold \"" + thresholdText + "\" is not a number with a "
                    + "unit. Write it with " + metric.kind().unit().description() + ".");
        }
        double amount = Double.parseDouble(number.group(1));
        String unit = number.group(2);
        if (unit.isEmpty()) {
            throw new InvalidConditionException("The threshold " + thresholdText + " has no unit. Write it with "
                    + metric.kind().unit().description() + ".");
        }
        return threshold(metric, operator, amount, unit, thresholdText, text.trim());
    }

    private static AlertMetric metric(String name) throws InvalidConditionException {
        String lower = name.toLowerCase(Locale.ROOT);
        Matcher percentile = PERCENTILE.matcher(lower);
        if (percentile.matches()) {
            double value = Double.parseDouble(percentile.group(1));
            if (value <= 0 || value >= 100) {
                throw new InvalidConditionException("The percentile " + name + " is out of range. Use a value "
                        + "above p0 and below p100, such as p99 or p99.9.");
            }
            return AlertMetric.percentile(value);
        }
        return switch (lower) {
            case "mean" -> AlertMetric.of(AlertMetric.Kind.MEAN);
            case "max" -> AlertMetric.of(AlertMetric.Kind.MAX);
            case "error_rate" -> AlertMetric.of(AlertMetric.Kind.ERROR_RATE);
            case "throughput" -> AlertMetric.of(AlertMetric.Kind.THROUGHPUT);
            case "rejected" -> AlertMetric.of(AlertMetric.Kind.REJECTED);
            case "system.cpu" -> AlertMetric.of(AlertMetric.Kind.SYSTEM_CPU);
            case "system.process_cpu" -> AlertMetric.of(AlertMetric.Kind.SYSTEM_PROCESS_CPU);
            case "system.heap" -> AlertMetric.of(AlertMetric.Kind.SYSTEM_HEAP);
            case "system.rss" -> AlertMetric.of(AlertMetric.Kind.SYSTEM_RSS);
            default -> throw new InvalidConditionException("Unknown metric \"" + name + "\". Use one of: "
                    + String.join(", ", AlertMetric.NAMES) + ".");
        };
    }

    private static AlertCondition threshold(AlertMetric metric, AlertCondition.Operator operator, double amount,
            String unit, String thresholdText, String text) throws InvalidConditionException {
        AlertMetric.Unit expected = metric.kind().unit();
        String wrongUnit = "The threshold " + thresholdText + " has the wrong unit for " + metric.displayName()
                + ". Write it with " + expected.description() + ".";
        boolean percent = unit.equals("%");
        boolean perSecond = unit.equals("/s");
        double latencyMicros = latencyMicros(amount, unit);
        long bytes = Durations.parseBytes(thresholdText);

        switch (expected) {
            case LATENCY -> {
                if (Double.isNaN(latencyMicros)) {
                    throw new InvalidConditionException(wrongUnit);
                }
                return new AlertCondition(metric, operator, latencyMicros, false, text);
            }
            case PERCENT -> {
                if (!percent) {
                    throw new InvalidConditionException(wrongUnit);
                }
                return new AlertCondition(metric, operator, fraction(amount, thresholdText), false, text);
            }
            case PER_SECOND -> {
                if (!perSecond) {
                    throw new InvalidConditionException(wrongUnit);
                }
                return new AlertCondition(metric, operator, amount, false, text);
            }
            case BYTES -> {
                if (bytes < 0) {
                    throw new InvalidConditionException(wrongUnit);
                }
                return new AlertCondition(metric, operator, bytes, false, text);
            }
            default -> {
                if (percent) {
                    return new AlertCondition(metric, operator, fraction(amount, thresholdText), true, text);
                }
                if (bytes < 0) {
                    throw new InvalidConditionException(wrongUnit);
                }
                return new AlertCondition(metric, operator, bytes, false, text);
            }
        }
    }

    private static double fraction(double percent, String thresholdText) throws InvalidConditionException {
        if (percent > 100) {
            throw new InvalidConditionException("The threshold " + thresholdText + " is above 100%. Use a "
                    + "percentage from 0% to 100%.");
        }
        return percent / 100.0;
    }

    /** Returns the latency in microseconds, or NaN when the unit is not us, ms or s. */
    private static double latencyMicros(double amount, String unit) {
        return switch (unit) {
            case "us" -> amount;
            case "ms" -> amount * 1_000.0;
            case "s" -> amount * 1_000_000.0;
            default -> Double.NaN;
        };
    }
}
