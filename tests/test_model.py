"""Frozen value classes (the model's, the lexicon's matches, the aligner's pairs):
the fast initialiser behaves as the dataclass one would."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from resdiff import _align as align, _lexicon as lexicon, _model as model

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
    specs = [
        (f.name, f.type, dataclasses.field(default=f.default) if f.default is not dataclasses.MISSING else dataclasses.field())
        for f in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


def _sample(cls: type) -> dict[str, object]:
    """Distinct stand-in values, one per field (the model does not check types)."""
    return {f.name: f"value-{n}" for n, f in enumerate(dataclasses.fields(cls))}


def test_every_value_class_is_covered() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"Span", "Block", "Segment", "ClauseChange", "Document", "Comparison", "Label", "Pair"} <= names
    assert all("_set_" in "".join(cls.__init__.__code__.co_names) for cls in CLASSES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_signature_matches_the_dataclass_one(cls: type) -> None:
    mine, ref = inspect.signature(cls), inspect.signature(_reference(cls))
    assert [(p.name, p.kind, p.default) for p in mine.parameters.values()] == [
        (p.name, p.kind, p.default) for p in ref.parameters.values()
    ]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_fields_set_as_the_dataclass_sets_them(cls: type) -> None:
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
