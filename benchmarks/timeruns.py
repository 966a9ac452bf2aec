#!/usr/bin/env python3
"""Time commands the way run.sh uses hyperfine, for machines without hyperfine.

Usage: timeruns.py WARMUP RUNS JSON_FILE NAME COMMAND [NAME COMMAND...]

Runs each shell COMMAND WARMUP times untimed, then RUNS times timed. JSON_FILE gets the fields of hyperfine's
--export-json that report.py reads. For each command these are its name, the wall times of the runs in seconds,
their mean, standard deviation, median, min and max, and the mean user and system CPU time of the child processes.
A command that exits with a non-zero status stops the script with a message that names it.
"""

import json
import resource
import statistics
import subprocess
import sys
import time


def run_once(command):
    """Run one command and return its wall time and the user and system CPU time of its processes, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        sys.exit(f"Command failed with exit status {completed.returncode}: {command}")
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def time_command(name, command, warmup, runs):
    for _ in range(warmup):
        run_once(command)
    samples = [run_once(command) for _ in range(runs)]
    times = [wall for wall, _, _ in samples]
    return {
        "command": name,
        "times": times,
        "mean": statistics.mean(times),
        "stddev": statistics.stdev(times) if len(times) > 1 else 0.0,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "user": statistics.mean(user for _, user, _ in samples),
        "system": statistics.mean(system for _, _, system in samples),
    }


def main():
    arguments = sys.argv[1:]
    if len(arguments) < 5 or len(arguments) % 2 == 0:
        sys.exit("Usage: timeruns.py WARMUP RUNS JSON_FILE NAME COMMAND [NAME COMMAND...]")
    warmup, runs, json_file = int(arguments[0]), int(arguments[1]), arguments[2]
    pairs = list(zip(arguments[3::2], arguments[4::2]))

    results = []
    for name, command in pairs:
        print(f"Timing {name}: {warmup} warm-up runs, {runs} timed runs", file=sys.stderr)
        results.append(time_command(name, command, warmup, runs))
    with open(json_file, "w") as out:
        json.dump({"results": results}, out, indent=2)


if __name__ == "__main__":
    main()
