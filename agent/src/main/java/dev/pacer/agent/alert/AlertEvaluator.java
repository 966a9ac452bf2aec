package dev.pacer.agent.alert;

import dev.pacer.agent.Log;
import dev.pacer.agent.config.AlertConfig;
import dev.pacer.agent.metrics.IntervalSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates every alert once per interval and notifies the listeners of each change of state. An interval whose
 * value cannot be measured (NaN, such as a latency without calls) counts as clear.
 *
 * <p>Thread-safety: {@link #evaluate} runs on the reporter thread only; {@link #active} may be read from any thread.
 */
public final class AlertEvaluator {

    private final List<AlertConfig> alerts;
    private final Map<String, Hysteresis> states = new LinkedHashMap<>();
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong listenerFailures = new AtomicLong();
    private volatile List<AlertEvent> active = List.of();

    public AlertEvaluator(List<AlertConfig> alerts) {
        this.alerts = List.copyOf(alerts);
        for (AlertConfig alert : this.alerts) {
            states.put(alert.name(), new Hysteresis(alert.forIntervals()));
        }
    }

    public void addListener(AlertListener listener) {
        listeners.add(listener);
    }

    /** Evaluates one interval and returns the changes of state it caused, in the order of agent.yaml. */
    public List<AlertEvent> evaluate(IntervalSummary summary) {
        List<AlertEvent> events = new ArrayList<>();
        Map<String, AlertEvent> stillActive = new LinkedHashMap<>();
        for (AlertEvent event : active) {
            stillActive.put(event.name(), event);
        }

        for (AlertConfig alert : alerts) {
            AlertCondition condition = alert.condition();
            double value = AlertValues.value(alert, summary);
            boolean breached = condition.breachedBy(value);
            Hysteresis.Transition transition = states.get(alert.name()).update(breached);
            if (transition == Hysteresis.Transition.NONE) {
                continue;
            }
            boolean raised = transition == Hysteresis.Transition.RAISED;
            AlertEvent event = new AlertEvent(alert.name(), raised, alert.target(), condition.text(), value,
                    condition.threshold(), AlertValues.unit(condition.metric(), condition.fractionOfMax()),
                    summary.endEpochMillis());
            events.add(event);
            if (raised) {
                stillActive.put(alert.name(), event);
            } else {
                stillActive.remove(alert.name());
            }
        }
        active = List.copyOf(stillActive.values());

        for (AlertEvent event : events) {
            notifyListeners(event);
        }
        return events;
    }

    /** Returns the raising event of every alert that is raised now. */
    public List<AlertEvent> active() {
        return active;
    }

    /** Returns the number of listener calls that threw. */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    private void notifyListeners(AlertEvent event) {
        for (AlertListener listener : listeners) {
            try {
                listener.onAlert(event);
            } catch (Exception | LinkageError e) {
                listenerFailures.incrementAndGet();
                Log.warnOnce("alert-listener:" + listener.getClass().getName(), "Reporting alert "
                        + event.name() + " through " + listener.getClass().getSimpleName() + " failed", e);
            }
        }
    }
}
