"""What bench/bundle-turns and bench/counts share: two builds of `sandbox`, each copied first
(a binary written moments before maps its pages differently from one read back from disk, see
bench/bundle), and their `sandbox bundle` from scratch of each fixture of bench/bundle, in both
modes, with the two maps compared byte for byte."""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ESBUILD = os.path.join(ROOT, "bench/fixtures/hono-zod/node_modules/.bin/esbuild")
PROJECTS = ["ts-50", "hono-zod", "s3-presign"]
MODES = (("bundle", []), ("--no-bundle", ["--no-bundle"]))


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
