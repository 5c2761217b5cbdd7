"""A faster ``__init__`` for the frozen value classes that a comparison builds by the ten thousand.

``dataclass(frozen=True)`` writes every field through ``object.__setattr__``,
because the frozen ``__setattr__`` refuses the plain route. :func:`fast_init`
replaces that initialiser by one that calls each slot's descriptor instead:
the same assignments, the same signature and defaults, the class still frozen,
in about half the time per object. It is kept only on the classes where a
parse and comparison of a large pair shows the gain (``docs/parsing.md``,
"Speed").

It reproduces only what it can reproduce exactly, and refuses the rest with
:class:`TypeError` at class creation (a check, not an ``assert``, so
``python -O`` keeps it): a class that is not a frozen, slotted dataclass with
a generated ``__init__``; one with ``__post_init__`` (the generated
initialiser would skip it); fields with ``init=False``, ``default_factory``
or ``kw_only``; ``InitVar`` pseudo-fields; fields whose slot lives on a base
class.

>>> import dataclasses
>>> @fast_init
... @dataclasses.dataclass(frozen=True, slots=True)
... class Point:
...     x: int
...     y: int = 0
>>> Point(1), Point(1, y=2) == Point(1, 2)
(Point(x=1, y=0), True)
"""

from __future__ import annotations

import dataclasses
import inspect
import types
from typing import TypeVar, cast

__all__ = ["fast_init"]

_T = TypeVar("_T")


def fast_init(cls: type[_T]) -> type[_T]:
    """Give a frozen slotted dataclass an ``__init__`` that fills its slots through their descriptors.

    Raises :class:`TypeError` for a class it cannot reproduce exactly (see the module docstring).
    """
    name = getattr(cls, "__qualname__", repr(cls))
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise TypeError(f"fast_init: {name} is not a dataclass")
    params = cls.__dict__["__dataclass_params__"]  # what @dataclass was given
    if not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"fast_init: {name} is not a frozen slotted dataclass (frozen=True, slots=True)")
    if not params.init:
        raise TypeError(f"fast_init: {name} has no generated __init__ to replace (init=False)")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"fast_init: {name} defines __post_init__, which the fast __init__ would skip")
    fields = dataclasses.fields(cls)
    for f in fields:
        if not f.init:
            raise TypeError(f"fast_init: field {name}.{f.name} has init=False")
        if f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"fast_init: field {name}.{f.name} has a default_factory")
        if f.kw_only:
            raise TypeError(f"fast_init: field {name}.{f.name} is keyword-only")
        if not isinstance(cls.__dict__.get(f.name), types.MemberDescriptorType):
            raise TypeError(f"fast_init: field {name}.{f.name} is not a slot of {name} itself")
    names = [f.name for f in fields]
    # InitVar pseudo-fields are parameters of the generated __init__ but not fields.
    parameters = list(inspect.signature(cls.__init__).parameters)[1:]
    if parameters != names:
        extra = sorted(set(parameters) - set(names))
        raise TypeError(f"fast_init: {name}.__init__ takes {extra or parameters} beyond its fields (InitVar?)")

    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    namespace: dict[str, object] = {f"_set_{n}": cls.__dict__[n].__set__ for n in names}
    namespace.update({f"_default_{n}": value for n, value in defaults.items()})
    signature = "".join(f", {n}=_default_{n}" if n in defaults else f", {n}" for n in names)
    body = "".join(f"\n    _set_{n}(self, {n})" for n in names) or "\n    pass"
    exec(f"def __init__(self{signature}) -> None:{body}", namespace)  # as dataclasses itself builds __init__
    init = cast(types.FunctionType, namespace["__init__"])  # what the exec above defines
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    type.__setattr__(cls, "__init__", init)  # cls.__init__ = init, which type checkers refuse for a method
    return cls
