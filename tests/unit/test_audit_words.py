"""Every action the code writes to the audit trail has words for the audit page, so the page
shows "Case opened" / "Kesi imefunguliwa" and never a code such as `case.open`."""

import ast
from pathlib import Path

from service.web.audit_words import ACTIONS, KINDS

SERVICE = Path(__file__).parents[2] / "service"


def audited() -> tuple[set[str], set[str]]:
    """The actions and kinds of record written by each `audit(...)` call with literal words."""
    actions: set[str] = set()
    kinds: set[str] = set()
    for path in SERVICE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or len(node.args) < 3:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            action = node.args[2]
            if name == "audit" and isinstance(action, ast.Constant):
                actions.add(action.value)
                kind = node.args[3] if len(node.args) > 3 else None
                if isinstance(kind, ast.Constant) and kind.value:
                    kinds.add(kind.value)
    return actions, kinds


def test_every_audited_action_and_kind_has_words() -> None:
    actions, kinds = audited()
    assert len(actions) > 40, "the scan found too few audit calls"
    assert actions - ACTIONS.keys() == set()
    assert kinds - KINDS.keys() == set()
