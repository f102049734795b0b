#!/usr/bin/env python3
"""Finds cycles between the modules (files) of Rust crates, from their `crate::`, `super::`
and `self::` paths.

    .ci/module-cycles.py executor/src [bundler/src ...] [--folders] [--graph]

Each file is one module (`lib.rs` is `crate`, `a/mod.rs` and `a.rs` are `crate::a`). A file
depends on the modules its paths name, in `use` declarations and in code (comments and
string literals are skipped, so doc links do not count); a path to an item that the crate
root re-exports (`crate::Console`) depends on the module the item comes from. Inline modules
(`mod tests { use super::*; }`) belong to their file. `--folders` also checks the graph of
the crate's top-level folders and files (`runtime`, `ext`, `sandbox`); `--graph` prints every
edge. Exits with 1 when a cycle is found.
"""

import os
import re
import sys


def module_path(src, file):
    relative = os.path.relpath(file, src)[: -len(".rs")].split(os.sep)
    if relative == ["lib"] or relative == ["main"]:
        return ()
    if relative[-1] == "mod":
        relative = relative[:-1]
    return tuple(relative)


def strip(text):
    """The code with comments, string and character literals blanked out."""
    out = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if text.startswith("//", index):
            end = text.find("\n", index)
            index = length if end < 0 else end
        elif text.startswith("/*", index):
            depth, index = 1, index + 2
            while index < length and depth:
                if text.startswith("/*", index):
                    depth, index = depth + 1, index + 2
                elif text.startswith("*/", index):
                    depth, index = depth - 1, index + 2
                else:
                    index += 1
        elif char == "r" and re.match(r'r#*"', text[index:]) and (index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")):
            hashes = re.match(r'r(#*)"', text[index:]).group(1)
            end = text.find('"' + hashes, index + 2 + len(hashes))
            index = length if end < 0 else end + 1 + len(hashes)
            out.append('""')
        elif char == '"':
            index += 1
            while index < length and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            index += 1
            out.append('""')
        elif char == "'" and re.match(r"'(\\.|[^\\'])'", text[index:]) or re.match(r"'\\u\{[0-9a-fA-F]+\}'", text[index:]):
            index = text.find("'", index + 2) + 1
            out.append("' '")
        else:
            out.append(char)
            index += 1
    return "".join(out)


def use_paths(tree, prefix=()):
    """Expands a `use` tree (`a::{b, c::d as e}`) into paths."""
    tree = tree.strip()
    brace = tree.find("{")
    if brace < 0:
        path = tree.split(" as ")[0].strip()
        return [prefix + tuple(part for part in path.split("::") if part)] if path else []
    head = tuple(part for part in tree[:brace].split("::") if part.strip())
    body = tree[brace + 1 : tree.rfind("}")]
    parts, depth, current = [], 0, ""
    for char in body:
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += char == "{"
        depth -= char == "}"
        current += char
    parts.append(current)
    paths = []
    for part in parts:
        if part.strip():
            paths.extend(use_paths(part, prefix + tuple(p.strip() for p in head)))
    return paths


def inline_module_spans(code):
    """`[(start, end, name)]` for each inline `mod name { ... }`."""
    spans = []
    for match in re.finditer(r"\bmod\s+(\w+)\s*\{", code):
        depth, index = 1, match.end()
        while index < len(code) and depth:
            depth += code[index] == "{"
            depth -= code[index] == "}"
            index += 1
        spans.append((match.start(), index, match.group(1)))
    return spans


def paths_of(code, module):
    """Every absolute path (a tuple from the crate root) that `code`, in `module`, names."""
    spans = inline_module_spans(code)

    def context(position):
        inner = module
        for start, end, name in spans:
            if start <= position < end:
                inner = inner + (name,)
        return inner

    found = []

    def absolute(path, position):
        here = context(position)
        if not path:
            return None
        if path[0] == "crate":
            return path[1:]
        if path[0] == "self":
            return here + path[1:]
        if path[0] == "super":
            base = list(here)
            while path and path[0] == "super":
                base = base[:-1]
                path = path[1:]
            return tuple(base) + path
        return None

    for match in re.finditer(r"\buse\s+([^;]+);", code):
        for path in use_paths(match.group(1)):
            resolved = absolute(path, match.start())
            if resolved is not None:
                found.append(resolved)
    without_uses = re.sub(r"\buse\s+[^;]+;", lambda m: " " * len(m.group(0)), code)
    for match in re.finditer(r"\b(?:crate|super|self)(?:\s*::\s*\w+)+", without_uses):
        path = tuple(part.strip() for part in match.group(0).split("::"))
        resolved = absolute(path, match.start())
        if resolved is not None:
            found.append(resolved)
    return found


def crate_graph(src):
    files = {}
    for directory, _, names in os.walk(src):
        for name in names:
            if name.endswith(".rs"):
                path = os.path.join(directory, name)
                files[module_path(src, path)] = strip(open(path, encoding="utf-8").read())
    modules = set(files)
    # Items the crate root re-exports: `pub use a::b::Item;` makes `crate::Item` mean a::b.
    reexports = {}
    root = files.get((), "")
    for match in re.finditer(r"\bpub\s+use\s+([^;]+);", root):
        for path in use_paths(match.group(1)):
            if path and path[0] == "crate":
                path = path[1:]
            alias = path[-1]
            as_match = re.search(r"\b" + re.escape(path[-1]) + r"\s+as\s+(\w+)", match.group(1))
            if as_match:
                alias = as_match.group(1)
            reexports[alias] = path[:-1]
    edges = {module: set() for module in modules}
    for module, code in files.items():
        for path in paths_of(code, module):
            if len(path) >= 1 and path[0] in reexports and path[:1] not in modules:
                path = reexports[path[0]] + path[1:]
            target = None
            for length in range(len(path), 0, -1):
                if path[:length] in modules:
                    target = path[:length]
                    break
            if target is not None and target != module and target != ():
                edges[module].add(target)
    return edges


def cycles(edges):
    """The strongly connected components with more than one node (Tarjan)."""
    index, stack, on_stack, indices, low, found = [0], [], set(), {}, {}, []

    def visit(node):
        indices[node] = low[node] = index[0]
        index[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in indices:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], indices[target])
        if low[node] == indices[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(edges):
        if node not in indices:
            visit(node)
    return found


def name(module):
    return "::".join(module) or "crate"


def main(arguments):
    folders = "--folders" in arguments
    show = "--graph" in arguments
    sources = [argument for argument in arguments if not argument.startswith("--")]
    if not sources:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    for src in sources:
        edges = crate_graph(src)
        if show:
            for module in sorted(edges):
                for target in sorted(edges[module]):
                    print(f"{src}: {name(module)} -> {name(target)}")
        found = cycles(edges)
        for component in found:
            failed = True
            print(f"{src}: module cycle: {{{', '.join(name(module) for module in component)}}}")
        layers = {}
        if folders:
            for module, targets in edges.items():
                for target in targets:
                    if module[:1] != target[:1]:
                        layers.setdefault(module[:1], set()).add(target[:1])
            for component in cycles(layers):
                failed = True
                print(f"{src}: top-level cycle: {{{', '.join(name(module) for module in component)}}}")
        print(f"{src}: {len(edges)} modules, {sum(len(targets) for targets in edges.values())} dependencies, "
              f"{len(found)} module cycles" + (f", top-level folders checked" if folders else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
