#!/usr/bin/env python3
"""The import graph of quotegraph's source files, and its cycles.

    python3 scripts/module_deps.py            # prints cycles; exit 1 if there is one
    python3 scripts/module_deps.py --edges    # prints "from to" per import, for tsort(1)

One node per source file (`src/quotes/tokens.rs` is `quotes::tokens`). An edge A B means that
A's code (not its doc comments, not its `#[cfg(test)] mod tests`) names an item of B through a
`crate::` or `super::` path, a `use` of a child module, or a grouped `use crate::{…}`. A parent
declaring a child (`mod tokens;`) is no edge. The library and the binary (`src/main.rs`,
`src/cli/`) are separate crates. The same check with a standard tool:

    python3 scripts/module_deps.py --edges | tsort >/dev/null   # tsort reports any loop

Standard library only, so that it runs wherever the tests do.
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
BIN_DIRS = ("cli",)


def module_of(path: Path) -> tuple[str, tuple[str, ...]]:
    """(crate, module path) of a source file."""
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "mod":
        parts.pop()
    if parts in (["lib"], ["main"]):
        return ("bin" if parts == ["main"] else "lib"), ()
    crate = "bin" if parts[0] in BIN_DIRS else "lib"
    return crate, tuple(parts)


def code_of(text: str) -> str:
    """The file's code without comments, string literals and its test module."""
    test_mod = re.search(r"#\[cfg\(test\)\]\s*mod \w+\s*\{", text)
    if test_mod:
        text = text[: test_mod.start()]
    # One pass, so that a quote mark inside a comment or a char literal (`'"'`), or `//`
    # inside a string, hides no code.
    literal = re.compile(
        r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\\n])'", re.S
    )
    return literal.sub(lambda m: '""' if m.group(0)[0] in "\"'" else "", text)


def expand_groups(code: str) -> list[str]:
    """Every path a `use` or an expression names, grouped `use a::{b, c::d}` expanded."""
    paths = []
    for m in re.finditer(r"\buse\s+([^;]+);", code):
        paths.extend(flatten(m.group(1).replace(" ", "").replace("\n", "")))
    paths.extend(re.findall(r"\b(?:crate|super)(?:::\w+)+", code))
    paths.extend(re.findall(r"(?<![:\w])[a-z_]\w*(?:::\w+)+", code))
    return paths


def flatten(tree: str) -> list[str]:
    """`a::{b,c::{d,e}}` → `a::b`, `a::c::d`, `a::c::e`."""
    brace = tree.find("{")
    if brace < 0:
        return [tree]
    prefix, inner = tree[:brace], tree[brace + 1 : tree.rfind("}")]
    parts, depth, current = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += (ch == "{") - (ch == "}")
        current += ch
    parts.append(current)
    return [p for part in parts if part for p in flatten(prefix + part)]


def resolve(path: str, here: tuple[str, ...], modules: set) -> tuple | None:
    """The module a path names, or None when it leaves the crate (std, other crates)."""
    segs = path.split("::")
    if segs[0] == "crate":
        base, segs = (), segs[1:]
    elif segs[0] in ("super", "self"):
        base = here
        while segs and segs[0] in ("super", "self"):
            base, segs = (base[:-1] if segs[0] == "super" else base), segs[1:]
    elif (*here, segs[0]) in modules:
        base = here
    else:
        return None
    target = base
    for seg in segs:
        if (*target, seg) not in modules:
            break
        target = (*target, seg)
    return target


def root_exports(root: Path, modules: set) -> dict:
    """Items the crate root re-exports (`pub use doc::{Document, …}`): name → defining module."""
    exports = {}
    for m in re.finditer(r"\bpub use\s+([^;]+);", code_of(root.read_text(encoding="utf-8"))):
        for path in flatten(m.group(1).replace(" ", "").replace("\n", "")):
            segs = path.split("::")
            target = resolve(path, (), modules)
            if target:
                exports[segs[-1]] = target
    return exports


def graph() -> dict:
    files = sorted(SRC.rglob("*.rs"))
    nodes = {f: module_of(f) for f in files}
    modules = {crate: {m for c, m in nodes.values() if c == crate} for crate in ("lib", "bin")}
    exports = root_exports(SRC / "lib.rs", modules["lib"])
    edges = {}
    for f, (crate, here) in nodes.items():
        targets = set()
        for path in expand_groups(code_of(f.read_text(encoding="utf-8"))):
            target = resolve(path, here, modules[crate])
            if target == () and here != () and crate == "lib":
                target = exports.get(path.split("::")[-1] if path.startswith("crate::") else "")
            if target is not None and target != here:
                targets.add(target)
        edges[(crate, here)] = targets
    return edges


def name(crate: str, module: tuple) -> str:
    return f"{crate}::{'::'.join(module)}" if module else crate


def cycles(edges: dict) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            w = (v[0], w)
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(name(*w))
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main() -> int:
    edges = graph()
    if "--edges" in sys.argv[1:]:
        for (crate, here), targets in sorted(edges.items()):
            for target in sorted(targets):
                print(name(crate, here), name(crate, target))
        return 0
    loops = cycles(edges)
    for loop in loops:
        print("import cycle: " + " ↔ ".join(loop))
    if not loops:
        print(f"module_deps: {len(edges)} source files, no import cycle")
    return 1 if loops else 0


if __name__ == "__main__":
    sys.exit(main())
