"""Where the code makes a refusal, and the catalog sentences each can be: read from the syntax
tree, not run (tests/unit/test_every_refusal_in_words.py uses it).

A refusal is a `DomainError` raised or built, a `Said`, or a guard's refusal. Its message is
followed to an `N_("…")` literal, a module's constant or table of them, a local variable's
values, a helper's return values, or, for a parameter, whatever every caller passes (and its
default). An f-string, a plain string or `str(error)` cannot be followed: `Unfollowed`.
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


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _enclosing(tree: ast.Module, call: ast.Call) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    inner = None
    for function in _functions(tree):
        within = any(node is call for node in ast.walk(function))
        if within and (inner is None or function.lineno > inner.lineno):
            inner = function
    return inner


def _called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _sites() -> Iterator[tuple[Site, ast.expr]]:
    """Each place a refusal is made, with the expression that is its message."""
    for module, tree in TREES.values():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, index = _called(node), 0
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
            yield Site(module, tree, node, _enclosing(tree, node)), message


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


def sentences(site: Site, expression: ast.expr, depth: int = 0) -> set[str]:
    """The catalog sentences `expression` can be at `site`; Unfollowed when it cannot be told."""
    if depth > 12:
        raise Unfollowed("followed too far")

    def follow(inner: ast.expr) -> set[str]:
        return sentences(site, inner, depth + 1)

    match expression:
        case ast.Call(func=ast.Name(id="N_"), args=[ast.Constant(value=str() as text)]):
            return {text}
        case ast.IfExp(body=body, orelse=orelse):
            return follow(body) | follow(orelse)
        case ast.BoolOp(values=values):
            return set().union(*(follow(v) for v in values))
        case ast.Call(func=ast.Attribute(value=table, attr="get"), args=[_, *default]):
            return _table(site, table) | set().union(*(follow(d) for d in default))
        case ast.Subscript(value=table):
            return _table(site, table)
        case ast.Call(func=ast.Name(id="Said"), args=[said, *_]):
            return follow(said)
        case ast.Call(func=ast.Name(id=helper)):
            return _returned(site, helper, depth)
        case ast.Attribute(value=ast.Name(id="self"), attr="refusal"):
            return _guards(depth)  # a guard's own refusal: what every guard is made with
        case ast.Name(id=name) if site.function and _is_local(site.function, name):
            return _local(site, name, depth)
        case ast.Name(id=name) if (outer := _closed_over(site, name)) is not None:
            return _local(Site(site.module, site.tree, site.call, outer), name, depth)
        case ast.Name() | ast.Attribute():
            return {_constant(site, expression)}
    raise Unfollowed(ast.unparse(expression))


def _guards(depth: int) -> set[str]:
    made = [(site, message) for site, message in SITES if _called(site.call) in GUARDS]
    return set().union(*(sentences(site, message, depth + 1) for site, message in made))


def _constant(site: Site, expression: ast.expr) -> str:
    try:
        value = eval(ast.unparse(expression), vars(site.module))
    except (NameError, AttributeError) as error:
        raise Unfollowed(ast.unparse(expression)) from error
    if not isinstance(value, str):
        raise Unfollowed(f"{ast.unparse(expression)} is not a sentence")
    return value


def _table(site: Site, table: ast.expr) -> set[str]:
    try:
        value = eval(ast.unparse(table), vars(site.module))
    except (NameError, AttributeError) as error:
        raise Unfollowed(ast.unparse(table)) from error
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise Unfollowed(f"{ast.unparse(table)} is not a table of sentences")
    return set(value.values())


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    arguments = function.args
    return [a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]]


def _is_local(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    assigned = any(
        (isinstance(node, ast.Assign) and any(_binds(t, name) for t in node.targets))
        or (isinstance(node, ast.For) and _binds(node.target, name))
        for node in ast.walk(function)
    )
    return assigned or name in _parameters(function)


def _closed_over(site: Site, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function around the site's own whose local or parameter `name` the site's function
    closes over (a factory that makes a check with the refusal it is given), or None."""
    inner = site.function
    while inner is not None:
        around = [f for f in _functions(site.tree) if f is not inner and inner in ast.walk(f)]
        inner = max(around, key=lambda f: f.lineno, default=None)
        if inner is not None and _is_local(inner, name):
            return inner
    return None


def _looped(site: Site, loop: ast.For, name: str) -> set[str]:
    """A loop's variable over a module's table: each row's element that the name takes."""
    rows = eval(ast.unparse(loop.iter), vars(site.module))
    if isinstance(loop.target, ast.Name):
        return {row for row in rows if isinstance(row, str)}
    assert isinstance(loop.target, ast.Tuple)
    index = next(i for i, t in enumerate(loop.target.elts) if _binds(t, name))
    return {row[index] for row in rows}


def _binds(target: ast.expr, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))


def _local(site: Site, name: str, depth: int) -> set[str]:
    assert site.function is not None
    found: set[str] = set()
    for node in ast.walk(site.function):
        if isinstance(node, ast.Assign) and any(_binds(t, name) for t in node.targets):
            if not all(isinstance(t, ast.Name) for t in node.targets):
                raise Unfollowed(f"{name} is unpacked")
            found |= sentences(site, node.value, depth + 1)
        if isinstance(node, ast.For) and _binds(node.target, name):
            found |= _looped(site, node, name)
    if name in _parameters(site.function):
        found |= _passed(site, site.function, name, depth)
    return found


def _passed(
    site: Site, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str, depth: int
) -> set[str]:
    """What every caller passes for the parameter `name`, and its default unless None (a
    class's `__init__` is called by the class's name, without `self`)."""
    called, position = function.name, _parameters(function).index(name)
    if called == "__init__":
        called, position = _class_of(site.tree, function), position - 1
    found = _default(site, function, name, depth)
    for module, tree in TREES.values():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _called(node) != called:
                continue
            given = next((k.value for k in node.keywords if k.arg == name), None)
            if given is None and len(node.args) > position:
                given = node.args[position]
            if given is not None:
                caller = Site(module, tree, node, _enclosing(tree, node))
                found |= sentences(caller, given, depth + 1)
    return found


def _class_of(tree: ast.Module, function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    return next(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and function in node.body
    )


def _default(
    site: Site, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str, depth: int
) -> set[str]:
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = list(
        zip(
            positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True
        )
    )
    pairs += [(a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d]
    default = next((d for a, d in pairs if a.arg == name), None)
    if default is None or (isinstance(default, ast.Constant) and default.value is None):
        return set()
    return sentences(Site(site.module, site.tree, site.call, None), default, depth + 1)


def _returned(site: Site, helper: str, depth: int) -> set[str]:
    function = next((f for f in _functions(site.tree) if f.name == helper), None)
    if function is None:
        raise Unfollowed(f"{helper}() is not a helper of {site.module.__name__}")
    inner = Site(site.module, site.tree, site.call, function)
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Return) and node.value is not None:
            if isinstance(node.value, ast.Constant) and node.value.value is None:
                continue
            found |= sentences(inner, node.value, depth + 1)
    return found
