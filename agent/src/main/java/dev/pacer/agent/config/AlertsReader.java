package dev.pacer.agent.config;

import dev.pacer.agent.alert.AlertCondition;
import dev.pacer.agent.alert.AlertConditionParser;
import dev.pacer.agent.alert.AlertMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates {@code alerts:} against the pointcut and rate limit names of the same file. */
final class AlertsReader {

    static final Set<String> ALERT_KEYS = ConfigLoader.orderedSet("name", "pointcut", "when", "for");

    private static final Pattern ALERT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int MAX_FOR_INTERVALS = 1000;

    private AlertsReader() {
    }

    /**
     * @param pointcutNames the names of the valid pointcuts
     * @param limitNames    the names of the valid rate limits
     */
    static List<AlertConfig> read(YamlSection root, Set<String> pointcutNames, Set<String> limitNames) {
        List<AlertConfig> alerts = new ArrayList<>();
        Map<String, Integer> lineByName = new HashMap<>();
        for (YamlSection entry : root.sectionList("alerts")) {
            AlertConfig alert = readAlert(entry, pointcutNames, limitNames);
            if (alert == null) {
                continue;
            }
            Integer firstLine = lineByName.putIfAbsent(alert.name(), alert.line());
            if (firstLine != null) {
                entry.reject("name", "Alert names must be unique, and this one is already used on line "
                        + firstLine + ". Rename one of them.");
                continue;
            }
            alerts.add(alert);
        }
        return alerts;
    }

    private static AlertConfig readAlert(YamlSection entry, Set<String> pointcutNames, Set<String> limitNames) {
        entry.rejectUnknownKeys(ALERT_KEYS);
        String name = entry.requiredString("name", "slow-db");
        if (name != null && !ALERT_NAME.matcher(name).matches()) {
            entry.reject("name", "Use letters, digits, '.', '_' and '-', starting with a letter or digit.");
            name = null;
        }
        String target = entry.string("pointcut", null);
        int forIntervals = (int) entry.integer("for", 1, 1, MAX_FOR_INTERVALS);

        String when = entry.requiredString("when", "p99 > 250ms");
        if (when == null) {
            return null;
        }
        AlertCondition condition;
        try {
            condition = AlertConditionParser.parse(when);
        } catch (AlertConditionParser.InvalidConditionException e) {
            entry.reject("when", e.getMessage());
            return null;
        }
        boolean targetValid = checkTarget(entry, condition.metric(), target, pointcutNames, limitNames);
        if (name == null || !targetValid) {
            return null;
        }
        return new AlertConfig(name, entry.line(), target, condition, forIntervals);
    }

    private static boolean checkTarget(YamlSection entry, AlertMetric metric, String target,
            Set<String> pointcutNames, Set<String> limitNames) {
        String metricName = metric.displayName();
        switch (metric.kind().scope()) {
            case SYSTEM -> {
                if (target != null) {
                    entry.reject("pointcut", metricName + " is a metric of the whole JVM or host, so it takes no "
                            + "pointcut. Remove this key.");
                    return false;
                }
                return true;
            }
            case LIMIT -> {
                if (target == null) {
                    entry.reject("when", metricName + " counts the calls that a rate limit rejected, so the alert "
                            + "needs the limit's name. Add pointcut: <limit name>.");
                    return false;
                }
                if (!limitNames.contains(target)) {
                    entry.reject("pointcut", "No rate limit is named \"" + target + "\". "
                            + namesOrNone("rate limits", limitNames));
                    return false;
                }
                return true;
            }
            default -> {
                if (target == null) {
                    entry.reject("when", metricName + " is measured per pointcut or method, so the alert needs "
                            + "one. Add pointcut: <pointcut name> or pointcut: <Class#method(params)>.");
                    return false;
                }
                boolean methodKey = target.indexOf('#') > 0;
                if (!methodKey && !pointcutNames.contains(target)) {
                    entry.reject("pointcut", "No pointcut is named \"" + target + "\". "
                            + namesOrNone("pointcuts", pointcutNames)
                            + " A method key such as com.example.Repo#find(int) names one method.");
                    return false;
                }
                return true;
            }
        }
    }

    private static String namesOrNone(String kind, Set<String> names) {
        if (names.isEmpty()) {
            return "This file defines no " + kind + ".";
        }
        return "Use one of the " + kind + " defined in this file: " + String.join(", ", names) + ".";
    }
}
