"""Rules of the codebase checked by reading it: generated docs, import direction, stage writes."""

import ast
from pathlib import Path

import pytest

from statemachines.diagram import DIAGRAMS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("domain", "statemachines", "notifications", "service")
# what each package may import of ours: dependencies point inward
ALLOWED = {
    "domain": {"domain"},
    "statemachines": {"statemachines", "domain"},
    "notifications": {"notifications", "domain"},
    "service": set(PACKAGES),
}


def sources(*packages: str) -> list[Path]:
    return [path for package in packages for path in sorted((ROOT / package).rglob("*.py"))]


@pytest.mark.parametrize("relative", sorted(DIAGRAMS))
def test_generated_diagrams_are_up_to_date(relative: str) -> None:
    path = ROOT / relative
    assert path.exists() and path.read_text() == DIAGRAMS[relative], (
        f"{relative} is out of date with the machine: run `haki diagrams`"
    )


def imported_packages(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_dependencies_point_inward(package: str) -> None:
    wrong = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sources(package)
        for name in imported_packages(path) - ALLOWED[package]
    }
    assert not wrong


def test_domain_imports_no_web_framework() -> None:
    frameworks = {"litestar", "starlette", "fastapi", "uvicorn", "msgspec"}
    assert not {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sources("domain")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name.split(".")[0] for a in node.names]
            if isinstance(node, ast.Import)
            else [(node.module or "").split(".")[0]]
        )
        if name in frameworks
    }


ROW_WRITERS = {"Case", "values", "update", "insert", "on_conflict_do_update", "model_copy"}


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _names_stage(node: ast.AST) -> bool:
    return isinstance(node, ast.Dict) and any(
        isinstance(key, ast.Constant) and key.value == "stage" for key in node.keys
    )


def stage_writes(path: Path, root: Path = ROOT) -> list[str]:
    """`x.stage = …`, and `stage` handed to anything that writes a row (Case(), .values(), …)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Attribute) and t.attr == "stage" for t in targets):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call) and _callee(node) in ROW_WRITERS:
            values = [k.value for k in node.keywords if k.arg != "stage"] + list(node.args)
            if any(k.arg == "stage" for k in node.keywords) or any(map(_names_stage, values)):
                lines.append(node.lineno)
    return [f"{path.relative_to(root)}:{line}" for line in lines]


def test_only_the_state_machine_writes_a_stage() -> None:
    writers = [w for path in sources(*PACKAGES) for w in stage_writes(path)]
    assert len(writers) == 1 and writers[0].startswith("statemachines/machine.py:"), (
        "a stage is written only by Track.stage in statemachines/machine.py: "
        f"fire a trigger instead; found {writers}"
    )


def test_the_scan_would_catch_a_stray_stage_write(tmp_path: Path) -> None:
    stray = tmp_path / "stray.py"
    stray.write_text(
        "case.stage = 'closed'\n"
        "update(Case).values(stage='closed')\n"
        "insert(Case).on_conflict_do_update(set_={'stage': 'x'})\n"
        "CaseOut(stage=case.stage)\n"
    )
    assert stage_writes(stray, tmp_path) == ["stray.py:1", "stray.py:2", "stray.py:3"]
