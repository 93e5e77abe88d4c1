"""The catalog sentences a refusal's message can be, read from the syntax tree, not run
(tests/unit/test_every_refusal_in_words.py uses it, on the sites tests/refusal_sites.py finds).

A message is followed to an `N_("…")` literal, a module's constant or table of them, a local
variable's values, a helper's return values, or, for a parameter, whatever every caller passes
(and its default). An f-string, a plain string or `str(error)` cannot be followed: `Unfollowed`.
"""

import ast

from tests.refusal_sites import (
    GUARDS,
    SITES,
    TREES,
    Site,
    Unfollowed,
    called,
    enclosing,
    functions,
)


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
    made = [(site, message) for site, message in SITES if called(site.call) in GUARDS]
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
        around = [f for f in functions(site.tree) if f is not inner and inner in ast.walk(f)]
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
    callee, position = function.name, _parameters(function).index(name)
    if callee == "__init__":
        callee, position = _class_of(site.tree, function), position - 1
    found = _default(site, function, name, depth)
    for module, tree in TREES.values():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or called(node) != callee:
                continue
            given = next((k.value for k in node.keywords if k.arg == name), None)
            if given is None and len(node.args) > position:
                given = node.args[position]
            if given is not None:
                caller = Site(module, tree, node, enclosing(tree, node))
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
    function = next((f for f in functions(site.tree) if f.name == helper), None)
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
