"""Frozen value classes (the model's, the lexicon's matches, the aligner's pairs):
each initialiser, fast or not, behaves as the dataclass one would."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from resdiff import _align as align
from resdiff import _lexicon as lexicon
from resdiff import _model as model

# every frozen dataclass of these modules: each one is built thousands of times in a large comparison
CLASSES = [
    obj
    for module in (model, lexicon, align)
    for obj in vars(module).values()
    if isinstance(obj, type)
    and dataclasses.is_dataclass(obj)
    and obj.__module__ == module.__name__
    and obj.__dataclass_params__.frozen
]


def _reference(cls: type) -> type:
    """The same fields through a plain ``dataclass(frozen=True, slots=True)``."""
    def spec(f: dataclasses.Field[object]) -> dataclasses.Field[object]:
        return dataclasses.field() if f.default is dataclasses.MISSING else dataclasses.field(default=f.default)

    specs = [(f.name, f.type, spec(f)) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


def _sample(cls: type) -> dict[str, object]:
    """Distinct stand-in values, one per field (the model does not check types)."""
    return {f.name: f"value-{n}" for n, f in enumerate(dataclasses.fields(cls))}


#: The classes a large comparison builds by the thousand, where fast_init measurably pays
#: (docs/parsing.md, "Speed"); the others keep the initialiser @dataclass wrote.
FAST = {"Span", "Block", "Segment", "ClauseChange", "Label"}


def _is_fast(cls: type) -> bool:
    return "_set_" in "".join(cls.__init__.__code__.co_names)


def test_every_value_class_is_covered() -> None:
    """The tests below see every frozen value class, the model's main ones included."""
    names = {cls.__name__ for cls in CLASSES}
    assert {"Span", "Block", "Segment", "ClauseChange", "Document", "Comparison", "Label", "Pair"} <= names


def test_fast_init_only_where_it_pays() -> None:
    """Exactly the high-volume classes carry the fast initialiser."""
    assert {cls.__name__ for cls in CLASSES if _is_fast(cls)} == FAST


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_signature_matches_the_dataclass_one(cls: type) -> None:
    """Same parameters, kinds and defaults as a plain frozen slotted dataclass of the same fields."""
    mine, ref = inspect.signature(cls), inspect.signature(_reference(cls))
    assert [(p.name, p.kind, p.default) for p in mine.parameters.values()] == [
        (p.name, p.kind, p.default) for p in ref.parameters.values()
    ]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_fields_set_as_the_dataclass_sets_them(cls: type) -> None:
    """Positional, keyword and defaulted construction give the fields the dataclass would; bad calls raise."""
    values = _sample(cls)
    names = list(values)
    ref = _reference(cls)
    # all positional, all by keyword, and only the required ones (defaults filled in)
    required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    for args, kwargs in (
        (list(values.values()), {}),
        ([], values),
        ([values[n] for n in required], {}),
    ):
        mine, theirs = cls(*args, **kwargs), ref(*args, **kwargs)
        assert [getattr(mine, n) for n in names] == [getattr(theirs, n) for n in names]
    with pytest.raises(TypeError):
        cls(*values.values(), "one too many")
    with pytest.raises(TypeError):
        cls(**values, not_a_field=1)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_still_frozen_comparable_and_picklable(cls: type) -> None:
    """Instances stay frozen, equal by value, hashable, picklable and replaceable."""
    obj = cls(**_sample(cls))
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, name, "other")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(obj, name)
    assert obj == cls(**_sample(cls))
    assert hash(obj) == hash(cls(**_sample(cls)))
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert dataclasses.replace(obj, **{name: "other"}) != obj
