#!/usr/bin/env bash
# Runs one benchmark scenario against jars that are already built and writes its results to
# benchmarks/target/results/SCENARIO/. Every JVM it starts runs on this machine and talks only to loopback.
#
# Usage: benchmarks/run.sh SCENARIO [--smoke]
#   timing    JMH: cost per call of the timing advice, 1 and 2 threads, with -prof gc
#   moobench  MooBench-style call tree, mean time per monitored call
#   startup   start-up time and resident memory with 100 woven methods, and heap per woven method
#   ratelimit-local  JMH: one local rate-limit decision, Pacer beside Resilience4j and Bucket4j, 1 and 2 threads
#   ratelimit-redis  Redis decisions per second and p50/p99 at 1, 8 and 32 threads, Pacer beside Bucket4j and
#                    redis-benchmark running Pacer's script, on a redis-server of its own on a free loopback port
#   smoke     every scenario above with the shortest settings, to check that the wiring works
# --smoke runs a single scenario with the shortest settings.
#
# Environment: JAVA (default: java on PATH), PACER_AGENT_JAR, OTEL_AGENT_JAR, ELASTIC_AGENT_JAR,
# BENCHMARKS_JAR and RESULTS_DIR override the default paths below. ratelimit-redis needs redis-server,
# redis-cli and redis-benchmark on PATH (Debian package redis-server).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"

JAVA="${JAVA:-java}"
BENCHMARKS_JAR="${BENCHMARKS_JAR:-$BENCH_DIR/target/benchmarks.jar}"
PACER_AGENT_JAR="${PACER_AGENT_JAR:-$ROOT_DIR/agent/target/pacer-agent.jar}"
OTEL_AGENT_JAR="${OTEL_AGENT_JAR:-$BENCH_DIR/target/agents/opentelemetry-javaagent.jar}"
ELASTIC_AGENT_JAR="${ELASTIC_AGENT_JAR:-$BENCH_DIR/target/agents/elastic-apm-agent.jar}"
RESULTS_ROOT="${RESULTS_DIR:-$BENCH_DIR/target/results}"
BUILD_COMMAND="mvn -pl benchmarks -am package -DskipTests"

SMOKE=false
# Options of the JVM that runs JMH itself. A smoke run measures nothing, so it ignores JMH's lock file
# (/tmp/jmh.lock), which otherwise fails the run while another JMH run holds it on the same machine.
JMH_HOST_ARGS=()

usage() {
    sed -n '5,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

log() {
    echo "[run.sh] $*" >&2
}

# Exits with the build command when a jar that the scenarios need is missing, because run.sh builds nothing.
require_jars() {
    local jar
    for jar in "$BENCHMARKS_JAR" "$PACER_AGENT_JAR" "$OTEL_AGENT_JAR" "$ELASTIC_AGENT_JAR"; do
        if [[ ! -f "$jar" ]]; then
            log "Jar not found: $jar"
            log "Build the benchmarks, the agent and the peer agents from $ROOT_DIR with: $BUILD_COMMAND"
            exit 1
        fi
    done
}

# Writes an agent.yaml with the given interval, output directory and one pointcut per METHOD.
# Arguments: FILE INTERVAL OUTPUT_DIR CLASS METHOD [METHOD...].
write_pacer_config() {
    local file="$1" interval="$2" output_dir="$3" class_name="$4"
    shift 4
    {
        echo "reporting:"
        echo "  interval: $interval"
        echo "  jmx: true"
        echo "  file:"
        echo "    directory: $output_dir"
        echo "pointcuts:"
        local method
        for method in "$@"; do
            echo "  - name: $method"
            echo "    class: $class_name"
            echo "    method: \"$method\""
        done
    } > "$file"
}

# Sets AGENT_ARGS to the JVM arguments that attach one variant's agent to the given methods.
# Arguments: VARIANT PACER_CONFIG CLASS METHOD[,METHOD...], where VARIANT is one of none, pacer, otel, elastic.
# The peer agents' flags switch off every exporter and remote configuration, so they open no connection. The
# strace check in docs/benchmarks.md confirms it for these exact flags.
set_agent_args() {
    local variant="$1" pacer_config="$2" class_name="$3" methods="$4"
    case "$variant" in
        none)
            AGENT_ARGS=()
            ;;
        pacer)
            AGENT_ARGS=("-javaagent:$PACER_AGENT_JAR=config=$pacer_config")
            ;;
        otel)
            AGENT_ARGS=(
                "-javaagent:$OTEL_AGENT_JAR"
                "-Dotel.service.name=pacer-benchmarks"
                "-Dotel.instrumentation.methods.include=$class_name[$methods]"
                "-Dotel.traces.exporter=none"
                "-Dotel.metrics.exporter=none"
                "-Dotel.logs.exporter=none"
            )
            ;;
        elastic)
            local trace_methods="" method
            for method in ${methods//,/ }; do
                trace_methods+="${trace_methods:+,}$class_name#$method"
            done
            AGENT_ARGS=(
                "-javaagent:$ELASTIC_AGENT_JAR"
                "-Delastic.apm.service_name=pacer-benchmarks"
                "-Delastic.apm.trace_methods=$trace_methods"
                "-Delastic.apm.cloud_provider=NONE"
                "-Delastic.apm.disable_send=true"
                "-Delastic.apm.central_config=false"
                "-Delastic.apm.server_url=http://127.0.0.1:8200"
                "-Delastic.apm.log_level=WARN"
            )
            ;;
        *)
            log "Unknown variant: $variant. Expected none, pacer, otel or elastic."
            exit 2
            ;;
    esac
}

record_machine() {
    local out="$1"
    {
        echo "date: $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
        echo "nproc: $(nproc)"
        echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
        echo "java:"
        "$JAVA" -version 2>&1 | sed 's/^/  /'
    } > "$out"
    record_load "$out" start
}

# Appends the load average and the busiest processes, because other work on the same cores skews every number.
record_load() {
    local out="$1" moment="$2"
    {
        echo "load average at $moment: $(cut -d' ' -f1-3 /proc/loadavg)"
        ps -eo pcpu=,etime=,args= --sort=-pcpu | head -n 3 | cut -c1-120 | sed 's/^/  /'
    } >> "$out"
}

# JMH runs the baseline, the floor and Micrometer in plain JVMs, and the instrumented call in one JVM per agent.
run_timing() {
    local out="$RESULTS_ROOT/timing"
    mkdir -p "$out"
    record_machine "$out/machine.txt"

    local jmh_settings=(-f 2 -wi 3 -w 1s -i 5 -r 1s)
    local thread_counts=(1 2)
    if $SMOKE; then
        jmh_settings=(-f 1 -wi 0 -i 1 -r 100ms)
        thread_counts=(1)
    fi

    local pacer_dir
    pacer_dir="$(mktemp -d)"
    write_pacer_config "$pacer_dir/agent.yaml" 1s "$pacer_dir/out" example.app.Target work

    local threads variant pattern
    for threads in "${thread_counts[@]}"; do
        for variant in none pacer otel elastic; do
            set_agent_args "$variant" "$pacer_dir/agent.yaml" example.app.Target work
            pattern='TimingBenchmark\.target$'
            if [[ "$variant" == none ]]; then
                pattern='TimingBenchmark\.(target|floor|micrometer)$'
            fi
            local jvm_args=(-jvmArgsAppend "-Xms1g -Xmx1g ${AGENT_ARGS[*]}")
            log "timing: $variant, $threads thread(s)"
            "$JAVA" "${JMH_HOST_ARGS[@]}" -jar "$BENCHMARKS_JAR" "$pattern" "${jmh_settings[@]}" -t "$threads" -prof gc \
                "${jvm_args[@]}" -rf json -rff "$out/$variant-t$threads.json" > "$out/$variant-t$threads.log" 2>&1 \
                || { log "JMH failed; see $out/$variant-t$threads.log"; exit 1; }
        done
    done

    rm -rf "$pacer_dir"
    record_load "$out/machine.txt" end
    python3 "$BENCH_DIR/report.py" timing "$out" $($SMOKE && echo --smoke)
}

# Runs MooBench in a child JVM per run, and each run prints the mean time per monitored call of its second half.
run_moobench() {
    local out="$RESULTS_ROOT/moobench"
    mkdir -p "$out"
    record_machine "$out/machine.txt"

    local outer_calls=2000000 depth=10 runs=3
    if $SMOKE; then
        outer_calls=2000 runs=1
    fi

    local pacer_dir
    pacer_dir="$(mktemp -d)"
    write_pacer_config "$pacer_dir/agent.yaml" 1s "$pacer_dir/out" example.app.CallTree monitoredMethod

    : > "$out/moobench.txt"
    local variant run
    for variant in none pacer otel; do
        set_agent_args "$variant" "$pacer_dir/agent.yaml" example.app.CallTree monitoredMethod
        for ((run = 1; run <= runs; run++)); do
            log "moobench: $variant, run $run of $runs"
            "$JAVA" -Xms1g -Xmx1g "${AGENT_ARGS[@]}" -cp "$BENCHMARKS_JAR" dev.pacer.benchmarks.MooBench \
                "$variant" "$outer_calls" "$depth" 2>> "$out/stderr.log" | grep '^moobench ' >> "$out/moobench.txt"
        done
    done

    rm -rf "$pacer_dir"
    record_load "$out/machine.txt" end
    python3 "$BENCH_DIR/report.py" moobench "$out" $($SMOKE && echo --smoke)
}

# Times StartupMain per variant from process start to exit with hyperfine, or timeruns.py where hyperfine is
# missing. Then mainend.py times it from process start to the end of main, and separate runs read its resident set
# at the end of main. HeapFootprint then measures the live heap after a simulated hour of 100 ms intervals.
run_startup() {
    local out="$RESULTS_ROOT/startup"
    mkdir -p "$out"
    record_machine "$out/machine.txt"

    local warmup=2 runs=15 rss_runs=5 heap_seconds=36 intervals_label="360 x 100ms"
    if $SMOKE; then
        warmup=0 runs=2 rss_runs=1 heap_seconds=1 intervals_label="10 x 100ms"
    fi
    local methods=() index
    for ((index = 0; index < 100; index++)); do
        methods+=("$(printf 'm%02d' "$index")")
    done
    local method_list
    method_list="$(IFS=,; echo "${methods[*]}")"

    local pacer_dir
    pacer_dir="$(mktemp -d)"
    write_pacer_config "$pacer_dir/agent.yaml" 10s "$pacer_dir/out" example.app.HundredMethods "${methods[@]}"
    write_pacer_config "$pacer_dir/heap.yaml" 100ms "$pacer_dir/heap-out" example.app.HundredMethods "${methods[@]}"
    write_pacer_config "$pacer_dir/heap-50.yaml" 100ms "$pacer_dir/heap-50-out" example.app.HundredMethods \
        "${methods[@]:0:50}"

    # Each command is one shell string, quoted with %q because the OpenTelemetry flag contains brackets.
    local variant command commands=() names=() pairs=()
    for variant in none pacer otel; do
        set_agent_args "$variant" "$pacer_dir/agent.yaml" example.app.HundredMethods "$method_list"
        command="$(printf '%q ' "$JAVA" "${AGENT_ARGS[@]}" -cp "$BENCHMARKS_JAR" dev.pacer.benchmarks.StartupMain)"
        commands+=("$command")
        names+=(-n "$variant")
        pairs+=("$variant" "$command")
    done
    if command -v hyperfine > /dev/null; then
        log "startup: hyperfine, $runs runs per variant"
        hyperfine --warmup "$warmup" --runs "$runs" --export-json "$out/hyperfine.json" "${names[@]}" \
            "${commands[@]}" > "$out/hyperfine.log" 2>&1 || { log "hyperfine failed; see $out/hyperfine.log"; exit 1; }
    else
        log "startup: hyperfine not found (apt-get install -y hyperfine), so timeruns.py times $runs runs per variant"
        python3 "$BENCH_DIR/timeruns.py" "$warmup" "$runs" "$out/hyperfine.json" "${pairs[@]}" \
            > "$out/hyperfine.log" 2>&1 || { log "timeruns.py failed; see $out/hyperfine.log"; exit 1; }
    fi

    log "startup: JVM start to the end of main, $runs runs per variant"
    python3 "$BENCH_DIR/mainend.py" "$warmup" "$runs" "$out/end-of-main.json" "${pairs[@]}" \
        > "$out/end-of-main.log" 2>&1 || { log "mainend.py failed; see $out/end-of-main.log"; exit 1; }

    : > "$out/rss.txt"
    local run
    for variant in none pacer otel; do
        set_agent_args "$variant" "$pacer_dir/agent.yaml" example.app.HundredMethods "$method_list"
        for ((run = 1; run <= rss_runs; run++)); do
            "$JAVA" "${AGENT_ARGS[@]}" -cp "$BENCHMARKS_JAR" dev.pacer.benchmarks.StartupMain --print-rss \
                2>> "$out/stderr.log" | sed -n "s/^rss /rss label=$variant /p" >> "$out/rss.txt"
        done
    done
    grep -c '"instrumented_methods":100' "$pacer_dir/out/summary.jsonl" > "$out/pacer-woven-check.txt" || true

    # pacer-50 weaves m00 to m49 only, so that pacer minus pacer-50 is the heap of 50 more woven methods without
    # the agent's fixed heap. The workload calls all 100 methods in every run.
    : > "$out/heap.txt"
    local label config
    for label in none pacer-50 pacer; do
        config="$pacer_dir/heap.yaml"
        if [[ "$label" == pacer-50 ]]; then
            config="$pacer_dir/heap-50.yaml"
        fi
        set_agent_args "${label%-50}" "$config" example.app.HundredMethods "$method_list"
        log "startup: heap per woven method, $label, $intervals_label intervals"
        "$JAVA" -XX:+UseSerialGC -Xms256m -Xmx256m "${AGENT_ARGS[@]}" -cp "$BENCHMARKS_JAR" \
            dev.pacer.benchmarks.HeapFootprint "$label" "$heap_seconds" 300 2>> "$out/stderr.log" \
            | grep '^heap ' >> "$out/heap.txt"
    done
    tail -n 1 "$pacer_dir/heap-out/summary.jsonl" > "$out/pacer-heap-last-interval.json"

    rm -rf "$pacer_dir"
    record_load "$out/machine.txt" end
    python3 "$BENCH_DIR/report.py" startup "$out" $($SMOKE && echo --smoke)
}

# Sets RATELIMIT_CLASSPATH to the benchmarks jar, the packaged agent jar and the bootstrap jar nested in it, so
# that the rate-limit benchmarks call the same classes, with the same relocated Jedis, as an attached agent does.
# Argument: a directory for the extracted bootstrap jar.
set_ratelimit_classpath() {
    local work_dir="$1"
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
        "$PACER_AGENT_JAR" dev/pacer/agent/pacer-bootstrap.jar.bin > "$work_dir/pacer-bootstrap.jar"
    RATELIMIT_CLASSPATH="$BENCHMARKS_JAR:$PACER_AGENT_JAR:$work_dir/pacer-bootstrap.jar"
}

# JMH runs every local limiter, admitting and rejecting, in plain JVMs with the agent's classes on the class path.
run_ratelimit_local() {
    local out="$RESULTS_ROOT/ratelimit-local"
    mkdir -p "$out"
    record_machine "$out/machine.txt"

    local jmh_settings=(-f 2 -wi 3 -w 1s -i 5 -r 1s)
    local thread_counts=(1 2)
    if $SMOKE; then
        jmh_settings=(-f 1 -wi 0 -i 1 -r 100ms)
        thread_counts=(1)
    fi

    local work_dir
    work_dir="$(mktemp -d)"
    set_ratelimit_classpath "$work_dir"

    local threads
    for threads in "${thread_counts[@]}"; do
        log "ratelimit-local: $threads thread(s)"
        "$JAVA" "${JMH_HOST_ARGS[@]}" -cp "$RATELIMIT_CLASSPATH" org.openjdk.jmh.Main 'RateLimitLocalBenchmark' "${jmh_settings[@]}" \
            -t "$threads" -prof gc -jvmArgsAppend "-Xms1g -Xmx1g" -rf json -rff "$out/t$threads.json" \
            > "$out/t$threads.log" 2>&1 || { log "JMH failed; see $out/t$threads.log"; exit 1; }
    done

    rm -rf "$work_dir"
    record_load "$out/machine.txt" end
    python3 "$BENCH_DIR/report.py" ratelimit-local "$out" $($SMOKE && echo --smoke)
}

# Prints a TCP port on 127.0.0.1 that is free at the moment of the call.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts a redis-server without persistence on a free loopback port and sets REDIS_PORT and REDIS_PID. The EXIT trap
# stops it, also when a benchmark fails.
start_redis() {
    local out="$1"
    REDIS_PORT="$(free_port)"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
        > "$out/redis-server.log" 2>&1 &
    REDIS_PID=$!
    trap 'kill "$REDIS_PID" 2> /dev/null || true' EXIT
    local attempt
    for ((attempt = 0; attempt < 50; attempt++)); do
        if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping > /dev/null 2>&1; then
            return
        fi
        sleep 0.1
    done
    log "redis-server did not answer PING on 127.0.0.1:$REDIS_PORT within 5 s; see $out/redis-server.log"
    exit 1
}

stop_redis() {
    kill "$REDIS_PID"
    wait "$REDIS_PID" 2> /dev/null || true
    trap - EXIT
}

# Counts the commands that clients sent while one harness run made 100 decisions on one thread, from MONITOR's
# output. MONITOR marks the commands that a Lua script runs with "lua" in place of the client's address, so they are
# left out. Arguments: TARGET OUT_DIR CLASSPATH.
count_round_trips() {
    local target="$1" out="$2" classpath="$3" trip_decisions=100
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" monitor > "$out/monitor-$target.txt" &
    local monitor_pid=$!
    sleep 0.5
    "$JAVA" -cp "$classpath" dev.pacer.benchmarks.RedisDecisionLoad "$target" "redis://127.0.0.1:$REDIS_PORT" 1 0 0 \
        "$trip_decisions" >> "$out/round-trips.txt" 2>> "$out/stderr.log"
    sleep 0.5
    kill "$monitor_pid"
    wait "$monitor_pid" 2> /dev/null || true
    grep -v ' lua\]' "$out/monitor-$target.txt" | awk 'NF >= 4 { print tolower($4) }' | tr -d '"' | sort | uniq -c \
        | awk -v target="$target" -v decisions="$trip_decisions" \
            '{ printf "client-commands target=%s decisions=%d command=%s calls=%d\n", target, decisions, $2, $1 }' \
        >> "$out/round-trips.txt"
}

# Runs the load harness for Pacer and Bucket4j and redis-benchmark on Pacer's script, one concurrency after the
# other, in rounds, so that each comparison shares the machine's load of the moment.
run_ratelimit_redis() {
    local out="$RESULTS_ROOT/ratelimit-redis"
    mkdir -p "$out"
    record_machine "$out/machine.txt"
    redis-server --version >> "$out/machine.txt"

    local thread_counts=(1 8 32) rounds=2 warmup_seconds=5 measure_seconds=15 benchmark_requests=200000
    if $SMOKE; then
        thread_counts=(1) rounds=1 warmup_seconds=1 measure_seconds=1 benchmark_requests=2000
    fi

    local work_dir
    work_dir="$(mktemp -d)"
    set_ratelimit_classpath "$work_dir"
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
        "$PACER_AGENT_JAR" dev/pacer/agent/ratelimit/token-bucket.lua > "$work_dir/token-bucket.lua"

    start_redis "$out"
    local uri="redis://127.0.0.1:$REDIS_PORT" sha
    sha="$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" script load "$(cat "$work_dir/token-bucket.lua")")"
    echo "$sha" > "$out/script-sha1.txt"

    : > "$out/redis-load.txt"
    : > "$out/redis-benchmark.txt"
    local round threads target
    for ((round = 1; round <= rounds; round++)); do
        for threads in "${thread_counts[@]}"; do
            for target in pacer bucket4j; do
                log "ratelimit-redis: round $round, $target, $threads thread(s)"
                "$JAVA" -Xms1g -Xmx1g -cp "$RATELIMIT_CLASSPATH" dev.pacer.benchmarks.RedisDecisionLoad "$target" \
                    "$uri" "$threads" "$warmup_seconds" "$measure_seconds" 0 2>> "$out/stderr.log" \
                    | sed -n "s/^redis-load /redis-load round=$round /p" >> "$out/redis-load.txt"
            done
            # The arguments are those of an unkeyed Pacer decision on the harness's limit of 10^9 per second:
            # capacity 10^9 units, 1000 units per microsecond, 1 unit per token, no wait.
            log "ratelimit-redis: round $round, redis-benchmark, $threads connection(s)"
            redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" -n "$benchmark_requests" -c "$threads" --csv \
                EVALSHA "$sha" 1 'pacer:{bench}' 1000000000 1000 1 0 2>> "$out/stderr.log" \
                | sed -n "s/^\"EVALSHA[^,]*,/round=$round threads=$threads,/p" >> "$out/redis-benchmark.txt"
        done
    done

    : > "$out/round-trips.txt"
    for target in pacer bucket4j; do
        log "ratelimit-redis: round trips of $target with MONITOR"
        count_round_trips "$target" "$out" "$RATELIMIT_CLASSPATH"
    done

    stop_redis
    rm -rf "$work_dir"
    record_load "$out/machine.txt" end
    python3 "$BENCH_DIR/report.py" ratelimit-redis "$out" $($SMOKE && echo --smoke)
}

main() {
    if [[ $# -lt 1 ]]; then
        usage
        exit 2
    fi
    local scenario="$1"
    shift
    if [[ "${1:-}" == --smoke || "$scenario" == smoke ]]; then
        SMOKE=true
        RESULTS_ROOT="$RESULTS_ROOT/smoke"
        JMH_HOST_ARGS=(-Djmh.ignoreLock=true)
    fi
    require_jars

    # Each scenario is one run_SCENARIO function and one branch here.
    case "$scenario" in
        timing) run_timing ;;
        moobench) run_moobench ;;
        startup) run_startup ;;
        ratelimit-local) run_ratelimit_local ;;
        ratelimit-redis) run_ratelimit_redis ;;
        smoke)
            run_timing
            run_moobench
            run_startup
            run_ratelimit_local
            run_ratelimit_redis
            ;;
        -h|--help) usage ;;
        *)
            log "Unknown scenario: $scenario."
            usage
            exit 2
            ;;
    esac
}

main "$@"
