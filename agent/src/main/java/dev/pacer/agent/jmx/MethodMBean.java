package dev.pacer.agent.jmx;

import javax.management.openmbean.CompositeData;

/**
 * One woven method, registered as {@code pacer:type=Method,pointcut=<name>,method=<key>}. Attributes are cumulative
 * since the agent started and change once per reporting interval; latencies are in microseconds.
 *
 * <p>This is a standard MBean whose attribute types are all open types, so any JMX client reads it without Pacer's
 * classes. It is not an MXBean because MXBean mapping would treat a {@code CompositeData} return value as a bean.
 */
public interface MethodMBean {

    String getMethod();

    String getPointcut();

    long getCount();

    long getErrors();

    double getErrorRate();

    double getMeanMicros();

    double getP50Micros();

    double getP90Micros();

    double getP99Micros();

    double getP999Micros();

    double getMaxMicros();

    /** Returns the same values for the last interval only, plus {@code Throughput} in calls per second. */
    CompositeData getLastInterval();
}
