#!/usr/bin/env python3
"""Turn the raw results of one run.sh scenario into Markdown tables and check them against Pacer's targets.

Usage: report.py SCENARIO RESULTS_DIR [--smoke]. Writes RESULTS_DIR/summary.md and prints it. With --smoke, the
settings were too short to measure anything, so the tables are printed without the checks against the targets.
"""

import json
import re
import statistics
import sys
from pathlib import Path

from report_ratelimit import report_ratelimit_local, report_ratelimit_redis

# Labels of the timing variants, in table order: (result file variant, JMH benchmark method) -> label.
TIMING_VARIANTS = [
    ("none", "target", "a. not instrumented"),
    ("none", "floor", "b. floor: 2 x nanoTime + Recorder.recordValue"),
    ("pacer", "target", "c. Pacer agent"),
    ("otel", "target", "d. OpenTelemetry agent"),
    ("elastic", "target", "e. Elastic APM agent"),
    ("none", "micrometer", "f. Micrometer Timer.record"),
]

# JMH before 1.37 prefixed the profiler's metrics with a middle dot.
ALLOCATION_KEYS = ("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm")

# Allocation below this many bytes per call is the profiler's noise from the JMH harness, not the code under test.
ZERO_ALLOCATION_BYTES = 0.1

KEY_VALUE = re.compile(r"(\w+)=(\S+)")


def parse_key_values(line):
    return dict(KEY_VALUE.findall(line))


def verdict(met):
    return "met" if met else "MISSED"


def timing_rows(results_dir):
    """Return one row per (variant, threads) from the JMH JSON files."""
    rows = []
    for path in sorted(results_dir.glob("*-t*.json")):
        variant, threads = re.fullmatch(r"(\w+)-t(\d+)\.json", path.name).groups()
        for entry in json.loads(path.read_text()):
            method = entry["benchmark"].rsplit(".", 1)[1]
            metric = entry["primaryMetric"]
            iterations = [value for fork in metric["rawData"] for value in fork]
            allocation = next((entry["secondaryMetrics"][key]["score"] for key in ALLOCATION_KEYS
                               if key in entry["secondaryMetrics"]), float("nan"))
            rows.append({
                "variant": variant, "method": method, "threads": int(threads),
                "median": statistics.median(iterations), "min": min(iterations), "score": metric["score"],
                "error": float(metric["scoreError"]), "forks": len(metric["rawData"]),
                "iterations": len(iterations), "bytes_per_op": allocation,
            })
    return rows


def report_timing(results_dir):
    rows = timing_rows(results_dir)
    lookup = {(row["variant"], row["method"], row["threads"]): row for row in rows}
    thread_counts = sorted({row["threads"] for row in rows})
    lines = [
        "| variant | threads | median ns/op | JMH score ± 99.9% error | min ns/op | overhead ns/call | alloc B/op |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    overhead = {}
    for threads in thread_counts:
        baseline = lookup.get(("none", "target", threads))
        for variant, method, label in TIMING_VARIANTS:
            row = lookup.get((variant, method, threads))
            if row is None:
                continue
            added = row["median"] - baseline["median"] if baseline else float("nan")
            overhead[(variant, method, threads)] = added
            lines.append(f"| {label} | {threads} | {row['median']:.2f} | {row['score']:.2f} ± {row['error']:.2f}"
                         f" | {row['min']:.2f} | {added:.2f} | {row['bytes_per_op']:.3f} |")
    forks = {row["forks"] for row in rows}
    iterations = {row["iterations"] for row in rows}
    lines.append("")
    lines.append(f"Median over all measurement iterations of all forks ({sorted(forks)} forks, {sorted(iterations)}"
                 " iterations in all); overhead is the median minus the median of (a) at the same thread count."
                 " Other load only adds time, so the fastest iteration (min) is the least disturbed one.")

    pacer_1 = overhead.get(("pacer", "target", 1))
    floor_1 = overhead.get(("none", "floor", 1))
    pacer_2 = overhead.get(("pacer", "target", 2))
    checks = []
    if pacer_1 is not None and floor_1 is not None:
        checks.append(f"Overhead on 1 thread <= 1.1 x floor: {pacer_1:.2f} ns vs 1.1 x {floor_1:.2f} ="
                      f" {1.1 * floor_1:.2f} ns: {verdict(pacer_1 <= 1.1 * floor_1)}")
    if pacer_1 is not None and pacer_2 is not None:
        checks.append(f"Overhead on 2 threads <= 1.5 x 1 thread: {pacer_2:.2f} ns vs 1.5 x {pacer_1:.2f} ="
                      f" {1.5 * pacer_1:.2f} ns: {verdict(pacer_2 <= 1.5 * pacer_1)}")
    for threads in thread_counts:
        pacer = lookup.get(("pacer", "target", threads))
        if pacer is not None:
            checks.append(f"Allocation on {threads} thread(s) is 0 B/op (below {ZERO_ALLOCATION_BYTES}):"
                          f" {pacer['bytes_per_op']:.4f} B/op:"
                          f" {verdict(pacer['bytes_per_op'] < ZERO_ALLOCATION_BYTES)}")
        pacer_overhead = overhead.get(("pacer", "target", threads))
        for peer, name in (("otel", "OpenTelemetry"), ("elastic", "Elastic APM")):
            peer_overhead = overhead.get((peer, "target", threads))
            if pacer_overhead is None or peer_overhead is None or pacer_overhead <= 0:
                continue
            ratio = peer_overhead / pacer_overhead
            checks.append(f"{name} overhead / Pacer overhead on {threads} thread(s) >= 5:"
                          f" {peer_overhead:.2f} / {pacer_overhead:.2f} = {ratio:.2f}: {verdict(ratio >= 5)}")
    return lines + [""] + ["- " + check for check in checks]


def report_moobench(results_dir):
    by_label = {}
    for line in (results_dir / "moobench.txt").read_text().splitlines():
        fields = parse_key_values(line)
        by_label.setdefault(fields["label"], []).append(float(fields["mean_per_call_ns"]))
    lines = [
        "| variant | runs | median ns per monitored call | min | max | overhead ns/call |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    baseline = statistics.median(by_label["none"]) if "none" in by_label else float("nan")
    overhead = {}
    for label, values in by_label.items():
        median = statistics.median(values)
        overhead[label] = median - baseline
        lines.append(f"| {label} | {len(values)} | {median:.2f} | {min(values):.2f} | {max(values):.2f}"
                     f" | {overhead[label]:.2f} |")
    if overhead.get("pacer", 0) > 0 and "otel" in overhead:
        lines += ["", f"- OpenTelemetry overhead / Pacer overhead: {overhead['otel'] / overhead['pacer']:.2f}"]
    return lines


def report_startup(results_dir):
    hyperfine = json.loads((results_dir / "hyperfine.json").read_text())["results"]
    timings = {result["command"]: result for result in hyperfine}
    lines = [
        "| variant | runs | median ms | mean ± stddev ms | min ms | max ms | added median ms | mean user + sys CPU ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    baseline_ms = timings["none"]["median"] * 1000 if "none" in timings else float("nan")
    for name, result in timings.items():
        median_ms = result["median"] * 1000
        lines.append(f"| {name} | {len(result['times'])} | {median_ms:.1f} | {result['mean'] * 1000:.1f} ±"
                     f" {result['stddev'] * 1000:.1f} | {result['min'] * 1000:.1f} | {result['max'] * 1000:.1f}"
                     f" | {median_ms - baseline_ms:.1f} | {(result['user'] + result['system']) * 1000:.0f} |")

    end_of_main = {}
    end_of_main_file = results_dir / "end-of-main.json"
    if end_of_main_file.exists():
        for result in json.loads(end_of_main_file.read_text())["results"]:
            end_of_main[result["command"]] = result["times_ms"]
        lines += ["", "JVM start to the end of main:", "",
                  "| variant | runs | median ms | min ms | max ms | added median ms |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |"]
        main_baseline = statistics.median(end_of_main["none"]) if "none" in end_of_main else float("nan")
        for name, values in end_of_main.items():
            median = statistics.median(values)
            lines.append(f"| {name} | {len(values)} | {median:.1f} | {min(values):.1f} | {max(values):.1f}"
                         f" | {median - main_baseline:.1f} |")

    rss = {}
    for line in (results_dir / "rss.txt").read_text().splitlines():
        fields = parse_key_values(line)
        rss.setdefault(fields["label"], []).append(int(fields["vm_hwm_kb"]))
    lines += ["", "| variant | runs | median VmHWM MiB | min | max | added median MiB |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    baseline_kb = statistics.median(rss["none"]) if "none" in rss else float("nan")
    for label, values in rss.items():
        median_kb = statistics.median(values)
        lines.append(f"| {label} | {len(values)} | {median_kb / 1024:.1f} | {min(values) / 1024:.1f}"
                     f" | {max(values) / 1024:.1f} | {(median_kb - baseline_kb) / 1024:.1f} |")

    heap = {}
    for line in (results_dir / "heap.txt").read_text().splitlines():
        fields = parse_key_values(line)
        heap[fields["label"]] = int(fields["used_bytes"])
    woven_methods = 100
    lines += ["", "| variant | heap used after GC KiB |", "| --- | ---: |"]
    for label, used in heap.items():
        lines.append(f"| {label} | {used / 1024:.1f} |")
    checks = []
    if "none" in end_of_main and "pacer" in end_of_main:
        added_ms = statistics.median(end_of_main["pacer"]) - statistics.median(end_of_main["none"])
        checks.append(f"Added start-up (JVM start to the end of main) with {woven_methods} pointcut methods"
                      f" < 300 ms: {added_ms:.1f} ms: {verdict(added_ms < 300)}")
    if "none" in timings and "pacer" in timings:
        added_ms = (timings["pacer"]["median"] - timings["none"]["median"]) * 1000
        checks.append(f"Added time from process start to exit, shutdown hooks included, with {woven_methods}"
                      f" pointcut methods: {added_ms:.1f} ms")
    if "none" in rss and "pacer" in rss:
        added_mib = (statistics.median(rss["pacer"]) - baseline_kb) / 1024
        checks.append(f"Added resident memory < 40 MiB: {added_mib:.1f} MiB: {verdict(added_mib < 40)}")
    if "none" in heap and "pacer" in heap:
        per_method_kib = (heap["pacer"] - heap["none"]) / woven_methods / 1024
        checks.append(f"Heap per woven method < 32 KiB, fixed heap included: ({heap['pacer']} - {heap['none']}) B"
                      f" / {woven_methods} = {per_method_kib:.1f} KiB: {verdict(per_method_kib < 32)}")
    if "pacer-50" in heap and "pacer" in heap:
        marginal_kib = (heap["pacer"] - heap["pacer-50"]) / (woven_methods - 50) / 1024
        checks.append(f"Heap per woven method < 32 KiB, from 50 to {woven_methods} methods: ({heap['pacer']} -"
                      f" {heap['pacer-50']}) B / {woven_methods - 50} = {marginal_kib:.1f} KiB:"
                      f" {verdict(marginal_kib < 32)}")
    return lines + [""] + ["- " + check for check in checks]


REPORTS = {
    "timing": report_timing,
    "moobench": report_moobench,
    "startup": report_startup,
    "ratelimit-local": report_ratelimit_local,
    "ratelimit-redis": report_ratelimit_redis,
}


def main():
    arguments_valid = len(sys.argv) in (3, 4) and sys.argv[1] in REPORTS and sys.argv[3:] in ([], ["--smoke"])
    if not arguments_valid:
        sys.exit(f"Usage: report.py {{{','.join(REPORTS)}}} RESULTS_DIR [--smoke]")
    results_dir = Path(sys.argv[2])
    smoke = sys.argv[3:] == ["--smoke"]
    machine = (results_dir / "machine.txt").read_text()

    lines = REPORTS[sys.argv[1]](results_dir)
    if smoke:
        lines = [line for line in lines if not line.startswith("- ")]
        lines += ["Smoke settings: these numbers only show that every variant ran, and no target is checked."]
    text = "\n".join(lines + ["", "```", machine.rstrip(), "```", ""])
    (results_dir / "summary.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
