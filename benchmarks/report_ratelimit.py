"""Markdown tables and target checks for the ratelimit-local and ratelimit-redis scenarios of run.sh."""

import json
import re
import statistics

KEY_VALUE = re.compile(r"(\w+)=(\S+)")

# JMH before 1.37 prefixed the profiler's metrics with a middle dot.
ALLOCATION_KEYS = ("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm")

# Local benchmark methods in table order: JMH method -> label.
LOCAL_METHODS = [
    ("nanoTime", "System.nanoTime() alone"),
    ("pacerAdmitted", "Pacer LocalTokenBucket.tryAcquire, admitted"),
    ("resilience4jAdmitted", "Resilience4j RateLimiter.acquirePermission, admitted"),
    ("bucket4jAdmitted", "Bucket4j local Bucket.tryConsume(1), admitted"),
    ("pacerRejected", "Pacer LocalTokenBucket.tryAcquire, rejected"),
    ("resilience4jRejected", "Resilience4j RateLimiter.acquirePermission, rejected"),
    ("bucket4jRejected", "Bucket4j local Bucket.tryConsume(1), rejected"),
]

PACER_LOCAL_TARGET_NS = 30
REDIS_THROUGHPUT_SHARE_TARGET = 0.8


def verdict(met):
    return "met" if met else "MISSED"


def local_rows(results_dir):
    """Return {(method, threads): row} from the JMH JSON files t1.json and t2.json."""
    rows = {}
    for path in sorted(results_dir.glob("t*.json")):
        threads = int(re.fullmatch(r"t(\d+)\.json", path.name).group(1))
        for entry in json.loads(path.read_text()):
            method = entry["benchmark"].rsplit(".", 1)[1]
            metric = entry["primaryMetric"]
            iterations = [value for fork in metric["rawData"] for value in fork]
            allocation = next((entry["secondaryMetrics"][key]["score"] for key in ALLOCATION_KEYS
                               if key in entry["secondaryMetrics"]), float("nan"))
            rows[(method, threads)] = {
                "median": statistics.median(iterations), "min": min(iterations), "score": metric["score"],
                "error": float(metric["scoreError"]), "forks": len(metric["rawData"]),
                "iterations": len(iterations), "bytes_per_op": allocation,
            }
    return rows


def report_ratelimit_local(results_dir):
    rows = local_rows(results_dir)
    thread_counts = sorted({threads for _, threads in rows})
    lines = [
        "| variant | threads | median ns/op | JMH score ± 99.9% error | min ns/op | alloc B/op |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for threads in thread_counts:
        for method, label in LOCAL_METHODS:
            row = rows.get((method, threads))
            if row is not None:
                lines.append(f"| {label} | {threads} | {row['median']:.2f} | {row['score']:.2f} ±"
                             f" {row['error']:.2f} | {row['min']:.2f} | {row['bytes_per_op']:.3f} |")
    forks = sorted({row["forks"] for row in rows.values()})
    iterations = sorted({row["iterations"] for row in rows.values()})
    lines += ["", f"Median over all measurement iterations of all forks ({forks} forks, {iterations} iterations in"
              " all). Every limiter is shared by the benchmark threads."]

    checks = []
    pacer_1 = rows.get(("pacerAdmitted", 1))
    if pacer_1 is not None:
        checks.append(f"Pacer admitted acquire on 1 thread <= {PACER_LOCAL_TARGET_NS} ns: median"
                      f" {pacer_1['median']:.2f} ns: {verdict(pacer_1['median'] <= PACER_LOCAL_TARGET_NS)}")
    pacer_2 = rows.get(("pacerAdmitted", 2))
    resilience4j_2 = rows.get(("resilience4jAdmitted", 2))
    if pacer_2 is not None and resilience4j_2 is not None:
        checks.append(f"Pacer admitted acquire on 2 threads <= Resilience4j's: {pacer_2['median']:.2f} ns vs"
                      f" {resilience4j_2['median']:.2f} ns: {verdict(pacer_2['median'] <= resilience4j_2['median'])}")
    return lines + [""] + ["- " + check for check in checks]


def report_ratelimit_redis(results_dir):
    # Harness lines: redis-load round=R target=T threads=N ... decisions_per_second=X p50_us=Y p99_us=Z rejected=0.
    load = {}
    for line in (results_dir / "redis-load.txt").read_text().splitlines():
        fields = dict(KEY_VALUE.findall(line))
        load.setdefault((fields["target"], int(fields["threads"])), []).append(fields)

    # redis-benchmark lines: round=R threads=N,"rps","avg_ms","min_ms","p50_ms","p95_ms","p99_ms","max_ms".
    for line in (results_dir / "redis-benchmark.txt").read_text().splitlines():
        head, *values = line.split(",")
        fields = dict(KEY_VALUE.findall(head))
        values = [float(value.strip('"')) for value in values]
        fields.update({"decisions_per_second": values[0], "p50_us": values[3] * 1000, "p99_us": values[5] * 1000,
                       "rejected": "0"})
        load.setdefault(("redis-benchmark", int(fields["threads"])), []).append(fields)

    lines = [
        "| client | threads / connections | rounds | median decisions/s | min | max | median p50 µs"
        " | median p99 µs | rejected |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    throughput = {}
    for threads in sorted({threads for _, threads in load}):
        for target in ("pacer", "bucket4j", "redis-benchmark"):
            runs = load.get((target, threads))
            if not runs:
                continue
            rates = [float(run["decisions_per_second"]) for run in runs]
            throughput[(target, threads)] = statistics.median(rates)
            p50 = statistics.median(float(run["p50_us"]) for run in runs)
            p99 = statistics.median(float(run["p99_us"]) for run in runs)
            rejected = sum(int(run["rejected"]) for run in runs)
            lines.append(f"| {target} | {threads} | {len(runs)} | {statistics.median(rates):.0f} | {min(rates):.0f}"
                         f" | {max(rates):.0f} | {p50:.1f} | {p99:.1f} | {rejected} |")

    trips = (results_dir / "round-trips.txt").read_text().splitlines()
    lines += ["", "Commands that clients sent for the round-trip check (MONITOR, script-internal commands left out),"
              " and INFO commandstats over the same decisions (script-internal commands included):", "", "```"]
    lines += trips + ["```"]

    checks = []
    for (target, threads), rate in sorted(throughput.items()):
        ceiling = throughput.get(("redis-benchmark", threads))
        if target == "pacer" and ceiling:
            share = rate / ceiling
            checks.append(f"Pacer throughput at {threads} thread(s) >= {REDIS_THROUGHPUT_SHARE_TARGET:.0%} of"
                          f" redis-benchmark's: {rate:.0f} / {ceiling:.0f} = {share:.0%}:"
                          f" {verdict(share >= REDIS_THROUGHPUT_SHARE_TARGET)}")
    return lines + [""] + ["- " + check for check in checks]
