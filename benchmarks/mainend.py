#!/usr/bin/env python3
"""Time each command from just before it starts to the end of its program's main method.

Usage: mainend.py WARMUP RUNS JSON_FILE NAME COMMAND [NAME COMMAND...]

Each COMMAND is a shell command whose program prints a line main_end_epoch_us=N, the wall-clock time at the end of
main in microseconds since the epoch, as StartupMain does. The script reads the wall clock right before it starts
the command, so each time covers the process start, the JVM's start-up, premain and main, but not the JVM's exit
or shutdown hooks. The runs of the commands alternate, so that a change of load on the machine affects every
command alike. JSON_FILE gets, for each command, its name and the times in milliseconds. A command that exits with
a non-zero status, or prints no main_end_epoch_us line, stops the script with a message that names it.
"""

import json
import subprocess
import sys
import time

MARKER = "main_end_epoch_us="


def run_once(command):
    """Run one command and return the milliseconds from its start to the end of its main method."""
    start_ns = time.time_ns()
    completed = subprocess.run(command, shell=True, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"Command failed with exit status {completed.returncode}: {command}\n{completed.stderr}")
    for line in completed.stdout.splitlines():
        if line.startswith(MARKER):
            return (int(line[len(MARKER):]) * 1_000 - start_ns) / 1_000_000
    sys.exit(f"Command printed no {MARKER} line: {command}")


def main():
    arguments = sys.argv[1:]
    if len(arguments) < 5 or len(arguments) % 2 == 0:
        sys.exit("Usage: mainend.py WARMUP RUNS JSON_FILE NAME COMMAND [NAME COMMAND...]")
    warmup, runs, json_file = int(arguments[0]), int(arguments[1]), arguments[2]
    pairs = list(zip(arguments[3::2], arguments[4::2]))

    for _ in range(warmup):
        for _, command in pairs:
            run_once(command)
    times = {name: [] for name, _ in pairs}
    for _ in range(runs):
        for name, command in pairs:
            times[name].append(run_once(command))
    with open(json_file, "w") as out:
        json.dump({"results": [{"command": name, "times_ms": values} for name, values in times.items()]}, out,
                  indent=2)


if __name__ == "__main__":
    main()
