"""Where the code makes a refusal: read from the syntax tree, not run
(tests/unit/test_every_refusal_in_words.py uses it; tests/refusal_sentences.py follows each
one's message to the catalog sentences it can be).

A refusal is a `DomainError` raised or built, a `Said`, or a guard's refusal.
"""

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import domain
import service
import statemachines
from domain.errors import DomainError, Said

PACKAGES = (domain, statemachines, service)
GUARDS = {"Guard", "CaseGuard", "AwardGuard"}
"""a guard's refusal is its second argument"""


class Unfollowed(Exception):
    """A message whose sentences cannot be told from the code."""


def _modules() -> list[ModuleType]:
    found = []
    for package in PACKAGES:
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            found.append(importlib.import_module(info.name))
    return found


MODULES = _modules()


def _takes_a_message(kind: type[DomainError]) -> bool:
    return list(inspect.signature(kind.__init__).parameters)[1:2] == ["message"]


def _kinds(kind: type[DomainError]) -> Iterator[type[DomainError]]:
    for sub in kind.__subclasses__():
        yield sub
        yield from _kinds(sub)


REFUSALS = {k.__name__ for k in [DomainError, *_kinds(DomainError)] if _takes_a_message(k)}
"""the refusals made with a message; the others word themselves in domain/errors.py"""


@dataclass(frozen=True)
class Site:
    module: ModuleType
    tree: ast.Module
    call: ast.Call
    function: ast.FunctionDef | ast.AsyncFunctionDef | None

    @property
    def where(self) -> str:
        return f"{self.module.__name__}:{self.call.lineno}"


def _trees() -> dict[str, tuple[ModuleType, ast.Module]]:
    return {
        m.__name__: (m, ast.parse(Path(m.__file__).read_text()))  # type: ignore[arg-type]
        for m in MODULES
        if m.__file__
    }


TREES = _trees()


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def enclosing(tree: ast.Module, call: ast.Call) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    inner = None
    for function in functions(tree):
        within = any(node is call for node in ast.walk(function))
        if within and (inner is None or function.lineno > inner.lineno):
            inner = function
    return inner


def called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _sites() -> Iterator[tuple[Site, ast.expr]]:
    """Each place a refusal is made, with the expression that is its message."""
    for module, tree in TREES.values():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, index = called(node), 0
            if name in GUARDS:
                index = 1
            elif name not in REFUSALS | {"Said"} or _namesake(module, name):
                continue
            message = node.args[index] if len(node.args) > index else None
            if message is None:
                keyword = "refusal" if name in GUARDS else "message"
                message = next((k.value for k in node.keywords if k.arg == keyword), None)
            if message is None or _plumbing(module, message):
                continue
            yield Site(module, tree, node, enclosing(tree, node)), message


def _namesake(module: ModuleType, name: str) -> bool:
    """A class of the module's own that shares a refusal's name but is no refusal (the
    imports' `FileRefused`, which lists the cells it refuses)."""
    found = getattr(module, name, None)
    if found is Said:
        return False  # the catalog sentence itself, made where it is imported
    return isinstance(found, type) and not issubclass(found, DomainError)


def _plumbing(module: ModuleType, message: ast.expr) -> bool:
    """DomainError's own `Said(message, values)`: each refusal's message is followed where
    that refusal is made, not through the base class every refusal passes it up to."""
    return module.__name__ == "domain.errors" and ast.unparse(message) == "message"


SITES = list(_sites())
