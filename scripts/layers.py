#!/usr/bin/env python3
"""Checks the layering that docs/architecture.md describes; prints each rule and what breaks it.

    python3 scripts/layers.py            # exit 1 when a rule is broken

It reads `src/` as text: every `crate::MODULE` named in a top-level module's non-test code is an
import of MODULE (test modules, from `#[cfg(test)]` to the end of a file, and `tests.rs` files
are left out). The rules:
1. no import cycle between top-level modules;
2. each module imports only the layers below it (LAYERS, lowest first; a module may import
   anything in a lower layer and the leaf modules);
3. `render` imports only `report` and leaf modules;
4. `std::fs::` appears only in `vault`, `write` and `sync` (the vault layer reads, `write`
   changes, `sync` reads and writes vdir folders and its state, which are not the vault);
5. `clap` appears only in `cli`, `config` and `main.rs`;
6. every file in `commands/` is short wiring (at most 60 lines of code each, not counting `use`
   and `mod` lines, and no function over 30 lines).
"""
import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")

# Lowest first. Leaf modules import no other module of the crate (but each other's types).
LEAVES = ["error", "exit", "text", "hash", "dates", "vault_path", "clock"]
LAYERS = [
    ["cli"],
    ["contact"],
    ["schedule"],
    ["index"],
    ["vault"],
    ["query"],
    ["report"],
    ["render", "write"],
    ["import", "merge"],
    ["sync"],
    ["watch"],
    ["config"],
    ["commands"],
    ["lib"],
]


def top_modules():
    mods = {}
    for name in os.listdir(SRC):
        path = os.path.join(SRC, name)
        if name in ("main.rs",):
            continue
        if name == "lib.rs":
            mods["lib"] = [path]
        elif name.endswith(".rs"):
            mods[name[:-3]] = [path]
        elif os.path.isdir(path):
            files = []
            for root, _, names in os.walk(path):
                files += [os.path.join(root, n) for n in names if n.endswith(".rs")]
            mods[name] = files
    return mods


def code_lines(path):
    """The file's lines up to its test module; `tests.rs` files have none."""
    if os.path.basename(path) == "tests.rs" or os.sep + "tests" + os.sep in path:
        return []
    out = []
    for line in open(path, encoding="utf-8"):
        if line.strip().startswith("#[cfg(test)]"):
            break
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        out.append(line)
    return out


def imports(mods):
    graph = {m: set() for m in mods}
    for m, files in mods.items():
        for f in files:
            for line in code_lines(f):
                for target in re.findall(r"\bcrate::(\w+)", line):
                    if target != m and target in mods:
                        graph[m].add(target)
                # `use crate::{a, b::c}` groups
                for group in re.findall(r"\bcrate::\{([^}]*)\}", line):
                    for target in re.findall(r"(?:^|,)\s*(\w+)", group):
                        if target != m and target in mods:
                            graph[m].add(target)
    return graph


def cycles(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def layer_of(m):
    if m in LEAVES:
        return -1
    for i, layer in enumerate(LAYERS):
        if m in layer:
            return i
    return None


def grep(pattern, allowed):
    hits = []
    for root, _, names in os.walk(SRC):
        for n in names:
            if not n.endswith(".rs"):
                continue
            path = os.path.join(root, n)
            rel = os.path.relpath(path, SRC)
            if any(rel == a or rel.startswith(a + os.sep) for a in allowed):
                continue
            for i, line in enumerate(code_lines(path), 1):
                if re.search(pattern, line):
                    hits.append(f"src/{rel}: {line.strip()}")
    return hits


def long_functions(path, limit):
    """Functions in `path` longer than `limit` lines (from `fn` to its closing brace)."""
    lines = code_lines(path)
    out, start, depth, name = [], None, 0, None
    for i, line in enumerate(lines):
        if start is None:
            m = re.match(r"\s*(?:pub(?:\([^)]*\))?\s+)?fn\s+(\w+)", line)
            if m:
                start, name, depth = i, m.group(1), 0
        if start is not None:
            depth += line.count("{") - line.count("}")
            if depth <= 0 and "{" in "".join(lines[start:i + 1]):
                if i - start + 1 > limit:
                    out.append(f"{name} ({i - start + 1} lines)")
                start = None
    return out


def main():
    mods = top_modules()
    graph = imports(mods)
    broken = 0
    print("imports between top-level modules:")
    for m in sorted(graph):
        print(f"  {m} -> {', '.join(sorted(graph[m])) or '(none)'}")

    found = cycles(graph)
    print(f"\n1. import cycles: {len(found)}")
    for comp in found:
        print("   cycle:", " <-> ".join(comp))
    broken += len(found)

    print("\n2. imports of a higher layer:")
    n = 0
    for m, targets in sorted(graph.items()):
        lm = layer_of(m)
        for t in sorted(targets):
            lt = layer_of(t)
            if lm is None or lt is None:
                print(f"   {m} -> {t}: module not in LAYERS (scripts/layers.py)")
                n += 1
            elif lt != -1 and lt >= lm and not (lm == lt and m == t):
                print(f"   {m} (layer {lm}) -> {t} (layer {lt})")
                n += 1
    print(f"   {n} found")
    broken += n

    bad = sorted(t for t in graph.get("render", ()) if t != "report" and t not in LEAVES)
    print(f"\n3. render imports besides report and leaf modules: {', '.join(bad) or 'none'}")
    broken += len(bad)

    hits = grep(r"std::fs::", ["vault", "write", "sync"])
    print(f"\n4. std::fs:: outside vault/, write/ and sync/ (the vdir and its state): {len(hits)}")
    for h in hits:
        print("  ", h)
    broken += len(hits)

    hits = grep(r"\bclap(_complete|_mangen)?::", ["cli", "config", "main.rs"])
    print(f"\n5. clap outside cli/, config/ and main.rs: {len(hits)}")
    for h in hits:
        print("  ", h)
    broken += len(hits)

    print("\n6. commands/ files (lines of code; functions over 30 lines):")
    n = 0
    cmd = os.path.join(SRC, "commands")
    for name in sorted(os.listdir(cmd)):
        path = os.path.join(cmd, name)
        # Imports and module declarations are not wiring logic.
        count = len([l for l in code_lines(path) if l.strip() and not re.match(r"\s*(pub(\([^)]*\))?\s+)?(use|mod)\b", l)])
        longs = long_functions(path, 30)
        flag = count > 60 or bool(longs)
        n += flag
        print(f"   {'!' if flag else ' '} {name}: {count}{'; ' + ', '.join(longs) if longs else ''}")
    broken += n

    print(f"\n{'OK' if broken == 0 else f'{broken} problem(s)'}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
