"""fast_init is exact where it applies, and refuses with TypeError every class it cannot reproduce."""

from __future__ import annotations

import dataclasses
import inspect
import subprocess
import sys
from dataclasses import InitVar, dataclass, field

import pytest

from resdiff._fastinit import fast_init


def test_a_handled_class_keeps_signature_defaults_and_frozenness() -> None:
    """A frozen slotted dataclass gets an initialiser with the same signature that sets every field."""

    @dataclass(frozen=True, slots=True)
    class Plain:
        a: int
        b: str = "x"

    ref = inspect.signature(Plain)

    @fast_init
    @dataclass(frozen=True, slots=True)
    class Fast:
        a: int
        b: str = "x"

    assert str(inspect.signature(Fast)) == str(ref)
    assert (Fast(1).a, Fast(1).b, Fast(2, b="y").b) == (1, "x", "y")
    assert "_set_" in "".join(Fast.__init__.__code__.co_names)
    assert Fast.__init__.__qualname__.endswith("Fast.__init__") and Fast.__init__.__module__ == __name__
    with pytest.raises(dataclasses.FrozenInstanceError):
        Fast(1).a = 2  # the point: a frozen field refuses assignment


def test_a_class_without_fields_is_handled() -> None:
    """No fields: an initialiser that takes nothing."""

    @fast_init
    @dataclass(frozen=True, slots=True)
    class Empty:
        pass

    assert Empty() == Empty()
    with pytest.raises(TypeError):
        Empty(1)  # the point: no parameter to take


def _refuse(cls: type, match: str) -> None:
    with pytest.raises(TypeError, match=match):
        fast_init(cls)


def test_refuses_what_is_not_a_dataclass() -> None:
    """A plain class, or an instance, is refused."""

    class NotOne:
        __slots__ = ("a",)

    _refuse(NotOne, "not a dataclass")

    @dataclass(frozen=True, slots=True)
    class One:
        a: int

    with pytest.raises(TypeError, match="not a dataclass"):
        fast_init(One(1))  # the point: an instance is not a class


def test_refuses_a_dataclass_that_is_not_frozen() -> None:
    """A mutable dataclass is refused: its own __init__ is already the plain route."""

    @dataclass(slots=True)
    class Mutable:
        a: int

    _refuse(Mutable, "not a frozen slotted")


def test_refuses_a_dataclass_without_slots() -> None:
    """A frozen dataclass without slots has no slot descriptors to call."""

    @dataclass(frozen=True)
    class NoSlots:
        a: int

    _refuse(NoSlots, "not a frozen slotted")


def test_refuses_a_dataclass_without_a_generated_init() -> None:
    """init=False: the class's own __init__ is not fast_init's to replace."""

    @dataclass(frozen=True, slots=True, init=False)
    class OwnInit:
        a: int

    _refuse(OwnInit, "no generated __init__")


def test_refuses_post_init() -> None:
    """__post_init__ would be skipped by the fast initialiser, so the class is refused."""

    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    _refuse(Checked, "__post_init__")


def test_refuses_init_false_fields() -> None:
    """A field left out of __init__ would be left unset."""

    @dataclass(frozen=True, slots=True)
    class Derived:
        a: int
        b: int = field(default=0, init=False)

    _refuse(Derived, "init=False")


def test_refuses_default_factory() -> None:
    """A default_factory must be called per instance, which the fast initialiser does not do."""

    @dataclass(frozen=True, slots=True)
    class Factory:
        a: tuple[int, ...] = field(default_factory=tuple)

    _refuse(Factory, "default_factory")


def test_refuses_keyword_only_fields() -> None:
    """kw_only fields would become positional."""

    @dataclass(frozen=True, slots=True)
    class KwOnly:
        a: int
        b: int = field(default=0, kw_only=True)

    _refuse(KwOnly, "keyword-only")

    @dataclass(frozen=True, slots=True, kw_only=True)
    class AllKwOnly:
        a: int

    _refuse(AllKwOnly, "keyword-only")


def test_refuses_initvar() -> None:
    """An InitVar is a parameter but not a field: the fast initialiser would not accept it."""

    @dataclass(frozen=True, slots=True)
    class WithInitVar:
        a: int
        scale: InitVar[int] = 1

    _refuse(WithInitVar, "InitVar")


def test_refuses_fields_whose_slot_is_on_a_base_class() -> None:
    """A subclass's inherited fields have their slots on the base, not on the class itself."""

    @dataclass(frozen=True, slots=True)
    class Base:
        a: int

    @dataclass(frozen=True, slots=True)
    class Child(Base):
        b: int

    _refuse(Child, "not a slot of")


def test_refusals_survive_optimised_mode() -> None:
    """The guards are checks, not asserts: under ``python -O`` a refused class still raises TypeError."""
    code = (
        "import dataclasses\n"
        "from resdiff._fastinit import fast_init\n"
        "@dataclasses.dataclass(frozen=True, slots=True)\n"
        "class C:\n"
        "    a: int\n"
        "    def __post_init__(self): pass\n"
        "try:\n"
        "    fast_init(C)\n"
        "except TypeError as exc:\n"
        "    print('refused:', exc)\n"
    )
    out = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("refused: fast_init: ") and "__post_init__" in out
