"""What bench/bundle-turns and bench/counts share: two builds of `sandbox`, each copied first
(a binary written moments before maps its pages differently from one read back from disk, see
bench/bundle), and their `sandbox bundle` from scratch of each fixture of bench/bundle, in both
modes, with the two maps compared byte for byte; and `turns`, the rounds in turns that
bench/bundle-turns and bench/without-v8 time commands with."""
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ESBUILD = os.path.join(ROOT, "bench/fixtures/hono-zod/node_modules/.bin/esbuild")
PROJECTS = ["ts-50", "hono-zod", "s3-presign"]
MODES = (("bundle", []), ("--no-bundle", ["--no-bundle"]))
# Rounds run first and not counted.
WARMUP = 3


def builds(script, work):
    """The two binaries of the command line (BEFORE AFTER), copied into `work`, as (name, path);
    exits with the usage, or when bench/bundle has not installed the fixtures' packages."""
    if len(sys.argv) != 3:
        sys.exit(f"usage: bench/{script} BEFORE AFTER")
    if not os.access(ESBUILD, os.X_OK):
        sys.exit(f"bench/{script}: run bench/bundle first (it installs the fixtures' packages)")
    copies = []
    for name, given in (("before", sys.argv[1]), ("after", sys.argv[2])):
        copy = os.path.join(work, f"{name}-sandbox")
        shutil.copy(given, copy)
        copies.append((name, copy))
    return copies


def cases(work, copies):
    """For each fixture and mode: the project, the mode, the fixture's directory, and each
    build's command, writing its map into `work`."""
    for project in PROJECTS:
        fixture = os.path.join(ROOT, "bench/fixtures", project)
        for mode, flags in MODES:
            commands = [[binary, "bundle", fixture, *flags, "--no-cache", "-o", map_path(work, project, name)]
                        for name, binary in copies]
            yield project, mode, fixture, commands


def map_path(work, project, name):
    return os.path.join(work, f"{project}-{name}.json")


def maps_note(work, project, copies):
    """"" when the two builds wrote the same map for `project`, else a note that they differ."""
    maps = [open(map_path(work, project, name), "rb").read() for name, _ in copies]
    return "" if maps[0] == maps[1] else " (maps differ)"


def turns(commands, rounds, environments=None):
    """The median wall time of each command, in ms, over `rounds` rounds of all of them (each
    with its environment from `environments`, when given, else this process's).

    The rounds go through every order of the commands in turn (A B C, A C B, B A C, ...), so
    that each follows each of the others equally often within rounds: on the 2-core VM of the
    figures, a process that follows a pause or another program runs slower than one that
    follows itself (hono-zod `--no-bundle`: 8.6 ms after `true`, 9.7 ms after esbuild, 11.7 ms
    after 100 ms idle), and the build run right after esbuild in every round came out up to 30%
    slower than the same build run second (`bench/runs/2026-12-07-vm-bind.md`)."""
    times = [[] for _ in commands]
    orders = list(itertools.permutations(range(len(commands))))
    for round_ in range(WARMUP + rounds):
        for index in orders[round_ % len(orders)]:
            command = commands[index]
            environment = environments[index] if environments else None
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
            elapsed = (time.perf_counter() - started) * 1e3
            if round_ >= WARMUP:
                times[index].append(elapsed)
    return [statistics.median(each) for each in times]
