package dev.pacer.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "250ms, 250000000",
            "10s, 10000000000",
            "1.5s, 1500000000",
            "0.1s, 100000000",
            "2m, 120000000000",
            "24h, 86400000000000",
            "1d, 86400000000000",
            "0s, 0",
            "' 10 s ', 10000000000",
    })
    void parseNanosReadsUnits(String text, long expectedNanos) {
        assertThat(Durations.parseNanos(text)).isEqualTo(expectedNanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10 sec", "-1s", "10S", "1e3s", ".5s", "5.s", "1h30m", "s"})
    void parseNanosRejectsMalformed(String text) {
        assertThat(Durations.parseNanos(text)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000d", "9999999999999999999h", "1000000000000000000000000000000000000ms"})
    void parseNanosOverflowReturnsMinusOne(String text) {
        assertThat(Durations.parseNanos(text)).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource({
            "512B, 512",
            "1KB, 1024",
            "64MB, 67108864",
            "1GB, 1073741824",
            "64mb, 67108864",
            "'64 MB', 67108864",
            "0B, 0",
            "8589934591GB, 9223372035781033984",
    })
    void parseBytesReadsUnits(String text, long expectedBytes) {
        assertThat(Durations.parseBytes(text)).isEqualTo(expectedBytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "64", "64MiB", "-1MB", "1.5MB", "64TB", "MB"})
    void parseBytesRejectsMalformed(String text) {
        assertThat(Durations.parseBytes(text)).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8589934592GB", "9223372036854775807B", "99999999999999999999B"})
    void parseBytesOverflowReturnsMinusOne(String text) {
        assertThat(Durations.parseBytes(text)).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource({
            "100000000, 100ms",
            "1500000000, 1500ms",
            "10000000000, 10s",
            "120000000000, 2m",
            "7200000000000, 2h",
            "86400000000000, 1d",
            "1500, 1500ns",
            "0, 0ns",
    })
    void formatPicksLargestWholeUnit(long nanos, String expected) {
        assertThat(Durations.format(nanos)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"250ms", "10s", "2m", "24h", "7d"})
    void formatRoundTripsParse(String text) {
        long nanos = Durations.parseNanos(text);

        assertThat(Durations.parseNanos(Durations.format(nanos))).isEqualTo(nanos);
    }
}
