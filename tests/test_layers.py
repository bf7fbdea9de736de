"""The package's layers, checked on its source: imports point only down the layer order, imports sit
at module top unless a comment says why they are deferred, and no module grows past MAX_LINES.

Layers, bottom to top (CONTRIBUTING.md, "Layout"):

    data       paths, errors, numerals, expressions, schema, checks, dataset, census, source, facts, deps
    analysis   audit, targets, assessment, profile, grades
    render     fmt, templates, tables, charts, plot, glue, figdata, pages, cite
    sphinxext  the Sphinx extensions        } independent of each other
    build      the ledger of the book       }
    (root)     __init__ (the notebook API), __main__ (the CLI), chapter (open_chapter)

A module may import its own layer and the layers below it; nothing imports the package root
(`tenprograms` itself) except from outside the package. The check reads the source with `ast`, so it
sees imports inside functions too; it needs no dependency.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

from tenprograms.data.paths import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "tenprograms"
#: Each subpackage's rank: a module may import only ranks at or below its own (equal ranks of
#: different subpackages are independent of each other).
RANK = {"data": 0, "analysis": 1, "render": 2, "sphinxext": 3, "build": 3}
ROOT_RANK = 4
MAX_LINES = 400


def _module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str, package: Path) -> bool:
    rel = Path(*name.split(".")[1:]) if "." in name else Path()
    base = package / rel
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _targets(node: ast.AST, module: str, is_package: bool, package: Path) -> list[str]:
    """The package modules an import statement imports (absolute dotted names)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        origin = ".".join(base + ([node.module] if node.module else []))
    else:
        origin = node.module or ""
    found = []
    for alias in node.names:
        sub = f"{origin}.{alias.name}"
        found.append(sub if _is_module(sub, package) else origin)
    return found


def _layer(name: str) -> tuple[str, int]:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] in RANK:
        return parts[1], RANK[parts[1]]
    return "root", ROOT_RANK


def import_violations(package: Path = PACKAGE) -> list[str]:
    """Every import that points up the layer order, across, or at the package root."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        module = _module_name(path, package)
        layer, rank = _layer(module)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _targets(node, module, path.name == "__init__.py", package):
                if target != package.name and not target.startswith(package.name + "."):
                    continue
                where = f"{path.relative_to(package.parent)}:{node.lineno}"
                if target == package.name:
                    problems.append(f"{where}: {module} imports the package root; import the module itself")
                    continue
                t_layer, t_rank = _layer(target)
                if t_rank > rank or (t_rank == rank and t_layer != layer):
                    problems.append(f"{where}: {module} ({layer}) imports {target} ({t_layer}), "
                                    "which is not below it")
    return problems


def deferred_without_reason(package: Path = PACKAGE) -> list[str]:
    """Imports inside a function or class with no comment on their line or the line above."""
    problems = {}
    for path in sorted(package.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for scope in ast.walk(tree):
            if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            imports = sorted((n for n in ast.walk(scope) if isinstance(n, (ast.Import, ast.ImportFrom))),
                             key=lambda n: n.lineno)
            explained: set[int] = set()      # a comment covers the block of imports right below it
            for node in imports:
                same, above = lines[node.lineno - 1], lines[node.lineno - 2] if node.lineno > 1 else ""
                if "#" in same or above.strip().startswith("#") or node.lineno - 1 in explained:
                    explained.add(node.lineno)
                else:
                    where = f"{path.relative_to(package.parent)}:{node.lineno}"
                    problems[where] = f"{where}: import inside a function without a comment saying why it is deferred"
    return sorted(problems.values())


def test_imports_point_down_the_layers():
    assert import_violations() == []


def test_imports_are_at_module_top_unless_a_comment_says_why():
    assert deferred_without_reason() == []


def test_no_module_is_over_the_size_limit():
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}


def test_every_subpackage_is_in_the_layer_order():
    subpackages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert subpackages == set(RANK)


def _copy(tmp_path) -> Path:
    copy = tmp_path / "tenprograms"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_check_catches_a_backward_import(tmp_path):
    copy = _copy(tmp_path)
    errors = copy / "data" / "errors.py"
    errors.write_text(errors.read_text(encoding="utf-8") + "\nfrom ..render import fmt  # noqa\n", encoding="utf-8")
    found = sorted(set(import_violations(copy)) - set(import_violations()))
    assert len(found) == 1 and "tenprograms/data/errors.py" in found[0] and "tenprograms.render.fmt (render)" in found[0]


def test_the_check_catches_an_import_of_the_root_and_across(tmp_path):
    copy = _copy(tmp_path)
    chapter = copy / "chapter.py"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nfrom . import open_chapter as _again  # noqa\n",
                       encoding="utf-8")
    site = copy / "sphinxext" / "site.py"
    site.write_text(site.read_text(encoding="utf-8") + "\nfrom ..build import ledger  # noqa\n", encoding="utf-8")
    found = import_violations(copy)
    assert any("chapter.py" in f and "package root" in f for f in found)
    assert any("sphinxext/site.py" in f and "tenprograms.build.ledger (build)" in f for f in found)


def test_the_check_catches_an_unexplained_deferred_import(tmp_path):
    copy = _copy(tmp_path)
    fmt = copy / "render" / "fmt.py"
    fmt.write_text(fmt.read_text(encoding="utf-8") + "\n\ndef _late():\n    import json\n    return json\n",
                   encoding="utf-8")
    assert [f for f in deferred_without_reason(copy) if "fmt.py" in f]
