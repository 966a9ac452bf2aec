package dev.pacer.agent.jmx;

import dev.pacer.agent.alert.AlertEvent;
import java.time.Instant;
import java.util.List;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/** Converts raised alerts to the {@code ActiveAlerts} attribute: one {@code pacer.ActiveAlert} each. */
final class ActiveAlerts {

    static final String[] ITEMS = {"name", "pointcut", "condition", "value", "threshold", "unit", "since"};
    private static final CompositeType TYPE = activeAlertType();

    private ActiveAlerts() {
    }

    static CompositeData[] of(List<AlertEvent> raised) {
        CompositeData[] result = new CompositeData[raised.size()];
        for (int i = 0; i < result.length; i++) {
            AlertEvent event = raised.get(i);
            Object[] values = {event.name(), event.target(), event.condition(), event.value(), event.threshold(),
                event.unit(), Instant.ofEpochMilli(event.epochMillis()).toString()};
            try {
                result[i] = new CompositeDataSupport(TYPE, ITEMS, values);
            } catch (OpenDataException e) {
                throw new IllegalStateException("an active alert does not match its composite type", e);
            }
        }
        return result;
    }

    private static CompositeType activeAlertType() {
        OpenType<?>[] types = {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.DOUBLE,
            SimpleType.DOUBLE, SimpleType.STRING, SimpleType.STRING};
        String[] descriptions = {"the alert's name",
            "the pointcut, method key or rate limit watched; null for system metrics",
            "the condition as written in agent.yaml", "the value of the interval that raised the alert, in unit",
            "the threshold, in unit", "us, fraction, /s or bytes",
            "end of the interval that raised the alert, ISO-8601"};
        try {
            return new CompositeType("pacer.ActiveAlert", "An alert that is raised now", ITEMS, descriptions, types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
