package dev.pacer.agent.alert;

/**
 * A parsed {@code when:} expression such as {@code p99 > 250ms}. Immutable.
 *
 * @param metric        what is compared
 * @param operator      how the value is compared with the threshold
 * @param threshold     the threshold in the metric's base unit: microseconds for latencies, a fraction for
 *                      percentages (0.9 for 90%), events per second, or bytes
 * @param fractionOfMax whether the threshold is a fraction of the maximum, as in {@code system.heap > 90%}
 * @param text          the expression as written, for messages and notifications
 */
public record AlertCondition(AlertMetric metric, Operator operator, double threshold, boolean fractionOfMax,
        String text) {

    /** A comparison of a value with the threshold. */
    public enum Operator {
        GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Operator ofSymbol(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("unknown operator " + symbol);
        }
    }

    /** Returns whether a value breaches the threshold. NaN, a value that could not be measured, never breaches. */
    public boolean breachedBy(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return switch (operator) {
            case GREATER -> value > threshold;
            case GREATER_OR_EQUAL -> value >= threshold;
            case LESS -> value < threshold;
            case LESS_OR_EQUAL -> value <= threshold;
        };
    }
}
