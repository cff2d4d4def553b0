"""The shape of the package: no import cycle inside summarise/, no module over 500 lines, and every figure
kind the code compares with is one the types name (a typo'd kind would silently never match)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

import pytest

from summarise.guard.relations import RelationKind
from summarise.types import EnglishKind, FigureKind, NameKind

PACKAGE = Path(__file__).resolve().parent.parent / "summarise"
MAX_LINES = 500
# Modules over the limit that another part of the work splits; strict, so this list must shrink with it.


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path) -> set[str]:
    """The summarise modules `name` imports anywhere: at module level and inside functions (a lazy import
    is still a cycle waiting for the first call), but not under `if TYPE_CHECKING:`, which never runs."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    pending: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            submodules = {f"{base}.{alias.name}" for alias in node.names} & set(MODULES)
            found.update(submodules)  # `from summarise import guard` needs summarise.guard...
            if len(submodules) < len(node.names):
                found.add(base)  # ...but `from summarise import __version__` needs summarise itself
    return {module for module in found if module in MODULES and module != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def test_no_import_cycle_inside_the_package() -> None:
    graph = {name: _imports(name, path) for name, path in MODULES.items()}
    assert graph["summarise.pipeline"], "the walk found no imports: it is reading the wrong files"
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_import_walk_sees_lazy_imports_and_skips_type_checking(tmp_path: Path) -> None:
    module = tmp_path / "pipeline.py"
    module.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from summarise import guard\n"
                      "def f():\n    from summarise import __version__\n", encoding="utf-8")
    assert _imports("summarise.pipeline", module) == {"summarise"}


@pytest.mark.parametrize("path", list(MODULES.values()), ids=lambda path: str(path.relative_to(PACKAGE.parent)))
def test_no_module_is_over_500_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines"


def _compared_kinds(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, string) for every string literal compared with `<something>.kind` (==, !=, in, not in)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        if not any(isinstance(side, ast.Attribute) and side.attr == "kind" for side in sides):
            continue
        for side in sides:
            items = side.elts if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side]
            found.extend((node.lineno, item.value) for item in items
                         if isinstance(item, ast.Constant) and isinstance(item.value, str))
    return found


PARAGRAPH_KINDS = {"body", "subheading"}  # Paragraph.kind, which salience compares too
FIGURE_CODE = [path for name, path in MODULES.items()
               if name.startswith(("summarise.figures", "summarise.guard")) or name == "summarise.evaluation.figures"]


@pytest.mark.parametrize("path", FIGURE_CODE, ids=lambda path: str(path.relative_to(PACKAGE.parent)))
def test_every_compared_kind_is_a_named_kind(path: Path) -> None:
    named = set(get_args(FigureKind)) | set(get_args(EnglishKind)) | set(get_args(NameKind)) | PARAGRAPH_KINDS
    if path.name == "relations.py":  # Relation.kind (share, change, points, level) is a Literal of its own
        named |= set(get_args(RelationKind))
    compared = _compared_kinds(ast.parse(path.read_text(encoding="utf-8")))
    assert [(line, kind) for line, kind in compared if kind not in named] == []


def test_the_kind_check_sees_a_typo() -> None:
    tree = ast.parse('ok = figure.kind in ("money", "precent") or english.kind != "yaer"')
    assert [kind for _, kind in _compared_kinds(tree)] == ["money", "precent", "yaer"]


# -- the layout is the data path ------------------------------------------------------------------------

ROOT_MODULES = {"__init__.py", "__main__.py", "_version.py", "types.py", "errors.py", "config.py", "pipeline.py",
                "strategies.py",
                "files.py",  # the path checks every stage shares (reading, models, batch, evaluation)
                "packaged_model.py"}  # `python -m summarise.packaged_model`, the documented command


def test_the_package_root_holds_only_the_api_the_pipeline_and_stage_packages() -> None:
    modules = {path.name for path in PACKAGE.glob("*.py")}
    assert modules == ROOT_MODULES
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert {"reading", "articles", "figures", "engines", "models", "guard", "batch", "output", "evaluation",
            "cli", "testing"} <= packages


def _note_codes_in_code() -> set[str]:
    """Every string literal passed as the code of a `Note(...)` anywhere in the package."""
    codes = set()
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Note"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                codes.add(node.args[0].value)
    return codes


def test_every_note_code_is_named_and_the_readme_lists_exactly_the_named_codes() -> None:
    from summarise.guard.codes import GuardCode
    from summarise.types import StageCode

    named = set(get_args(StageCode)) | set(get_args(GuardCode))
    found = _note_codes_in_code()
    assert found and found <= named, found - named
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- note-codes -->")[1].split("<!-- /note-codes -->")[0]
    import re

    listed = set(re.findall(r"`([a-z-]+)`", section))
    assert listed == named, (sorted(named - listed), sorted(listed - named))
    assert "`guard`" not in readme.split("<!-- note-codes -->")[0][-2000:]  # the old generic code is gone
