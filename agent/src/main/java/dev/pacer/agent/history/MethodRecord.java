package dev.pacer.agent.history;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One method in one retained interval, as {@link PackedMethods#unpack} decodes it: its histogram and error counts.
 *
 * @param key          the method key
 * @param pointcut     the pointcut that selected the method
 * @param errors       failed calls in the interval
 * @param errorsByType failed calls by exception class name
 * @param histogram    the interval histogram of latencies in nanoseconds, new for each decoding
 */
record MethodRecord(String key, String pointcut, long errors, Map<String, Long> errorsByType, Histogram histogram) {
}
