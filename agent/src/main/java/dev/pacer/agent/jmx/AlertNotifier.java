package dev.pacer.agent.jmx;

import dev.pacer.agent.alert.AlertEvent;
import dev.pacer.agent.alert.AlertListener;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * Sends each change of state of an alert as a JMX notification from {@code pacer:type=Agent}, of type
 * {@code pacer.alert.raised} or {@code pacer.alert.cleared}. The user data is a {@code CompositeData} of type
 * {@code pacer.AlertEvent} with the items of {@link #ITEMS}. Notifications are delivered on the reporter thread, so
 * a local listener that blocks delays the next interval. Thread-safe.
 */
public final class AlertNotifier implements AlertListener {

    public static final String RAISED = "pacer.alert.raised";
    public static final String CLEARED = "pacer.alert.cleared";

    static final String[] ITEMS = {"alert", "state", "pointcut", "condition", "value", "threshold", "unit",
        "timestamp"};
    private static final CompositeType EVENT_TYPE = eventType();

    private final NotificationBroadcasterSupport broadcaster = new NotificationBroadcasterSupport(
            new MBeanNotificationInfo(new String[] {RAISED, CLEARED}, Notification.class.getName(),
                    "An alert of agent.yaml was raised or cleared"));
    private final AtomicLong sequence = new AtomicLong();
    private final ObjectName source;

    AlertNotifier(ObjectName source) {
        this.source = source;
    }

    NotificationBroadcasterSupport broadcaster() {
        return broadcaster;
    }

    @Override
    public void onAlert(AlertEvent event) throws OpenDataException {
        Notification notification = new Notification(event.notificationType(), source, sequence.incrementAndGet(),
                event.epochMillis(), event.describe());
        Object[] values = {event.name(), event.state(), event.target(), event.condition(), event.value(),
            event.threshold(), event.unit(), event.epochMillis()};
        CompositeData data = new CompositeDataSupport(EVENT_TYPE, ITEMS, values);
        notification.setUserData(data);
        broadcaster.sendNotification(notification);
    }

    private static CompositeType eventType() {
        OpenType<?>[] types = {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
            SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.STRING, SimpleType.LONG};
        String[] descriptions = {"the alert's name", "raised or cleared",
            "the pointcut, method key or rate limit watched; null for system metrics",
            "the condition as written in agent.yaml", "the value that completed the change, in unit",
            "the threshold, in unit", "us, fraction, /s or bytes", "end of the interval, in epoch milliseconds"};
        try {
            return new CompositeType("pacer.AlertEvent", "A change of state of an alert", ITEMS, descriptions,
                    types);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
