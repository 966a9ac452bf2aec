package dev.pacer.agent.jmx;

/**
 * One rate limit, registered as {@code pacer:type=RateLimit,name=<limit>}. Counts are cumulative since the agent
 * started, summed over every pointcut and key that uses the limit, and change once per reporting interval. Waits are
 * in milliseconds.
 */
public interface RateLimitMBean {

    String getName();

    /** Returns {@code local} or {@code redis}. */
    String getStore();

    /** Returns whether any pointcut picks this limit's buckets by a key. */
    boolean isKeyed();

    /** Returns whether decisions go to the store now; false while Redis is unreachable. */
    boolean isStoreAvailable();

    /** Returns how many times the store became unreachable since start. */
    long getStoreOutages();

    /** Returns the calls admitted, including those that waited for a token. */
    long getAllowed();

    long getRejected();

    /** Returns the calls that parked for a token before they proceeded. */
    long getWaited();

    /** Returns the calls of log-only pointcuts that found no token and were admitted. */
    long getWouldReject();

    /** Returns the decisions that Redis failed to make. */
    long getStoreErrors();

    /** Returns the decisions made by the on-error policy instead of by Redis. */
    long getFallbacks();

    double getWaitP50Millis();

    double getWaitP99Millis();

    double getWaitMaxMillis();
}
