"""Which old file goes with which new one: keys from names, then headings, then stems.

Files are paired by what they are, not by their exact names:

1. **The name.** ``res68.txt``, ``Res 68 (Rev. New Delhi, 2024).txt``,
   ``R68-zh.txt``, ``Resolution_068.docx`` and ``第68号决议.txt`` all give the key
   ``resolution-68``; ``dec641``, ``Decision 641`` and ``第641号决定`` give
   ``decision-641`` (also recommendations and opinions, and the French,
   Spanish, Russian and Arabic words of :mod:`resdiff._doctypes`).
2. **The heading**, when the name says nothing: the text is read and parsed and
   its heading (``第68号决议（2024年，新德里）``, ``RESOLUTION 68 (Rev. …)``) gives
   the key.
3. **The file stem** otherwise.

A language tag in the name (``-zh``, ``_en``, ``.fr``) is used only to tell
apart several versions of one resolution in the same folder
(``resolution-68-zh``, ``resolution-68-en``). Files left without a partner are
reported, never guessed at.

>>> file_key("Res 68 (Rev. New Delhi, 2024).txt"), file_key("第641号决定.txt"), file_key("notes.txt")
('resolution-68', 'decision-641', None)
"""

from __future__ import annotations

import os
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import regex

from resdiff._batch.index import INDEX_STEM
from resdiff._doctypes import ABBREVIATIONS, LANG_ALIASES, TYPE_WORDS, ZH_TYPE_WORDS
from resdiff._errors import InputError
from resdiff._io import os_reason
from resdiff._io.document import read_document
from resdiff._model import Lang

__all__ = ["HeadingKeys", "Pairs", "file_key", "heading_key", "list_files", "output_names", "pair_files"]

#: (key, old path, new path) for every pair, then the unmatched old and new file names.
Pairs = tuple[list[tuple[str, str, str]], list[str], list[str]]

#: Reads the heading keys of some files: path → key, or None when a file gives none.
HeadingKeys = Callable[[Sequence[str]], Mapping[str, "str | None"]]


def _alternation(words: Iterable[str]) -> str:
    # The longest alternatives first, so "resolution" is not read as "r" + "esolution".
    return "|".join(sorted(map(regex.escape, words), key=len, reverse=True))


_TYPES = {**TYPE_WORDS, **ABBREVIATIONS}
_LANGS = {**{lang.value: lang.value for lang in Lang}, **LANG_ALIASES}  # a tag in a name → its Lang code
# A type word standing alone (not inside a longer word), optional "." and "No.", then the number.
_NAME_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?P<type>{_alternation(_TYPES)})\.?(?:[\s_-]*(?:no|n°|nº|№)\.?)?[\s_-]*"
    r"(?P<num>\d{1,4})(?!\d)",
    regex.IGNORECASE,
)
_ZH_NAME_RE = regex.compile(rf"第\s*(?P<num>\d{{1,4}})\s*号\s*(?P<type>{_alternation(ZH_TYPE_WORDS)})")
_LANG_RE = regex.compile(rf"(?<![\p{{L}}])(?P<lang>{_alternation(_LANGS)})(?![\p{{L}}])", regex.IGNORECASE)
_UNSAFE_RE = regex.compile(r"[^\p{L}\p{N}._-]+")


def file_key(filename: str) -> str | None:
    """The key a file name gives (``"resolution-68"``), or None when it names no document.

    >>> file_key("R68-zh.txt"), file_key("res068.txt"), file_key("Decision_641.docx")
    ('resolution-68', 'resolution-68', 'decision-641')
    """
    stem = unicodedata.normalize("NFKC", _stem(filename))
    m = _ZH_NAME_RE.search(stem)
    if m:
        return f"{ZH_TYPE_WORDS[m['type']]}-{int(m['num'])}"
    m = _NAME_RE.search(stem)
    if m:
        return f"{_TYPES[m['type'].lower()]}-{int(m['num'])}"
    return None


def _stem(filename: str) -> str:
    base = os.path.basename(filename)
    stem, ext = os.path.splitext(base)
    return stem if ext and len(ext) <= 6 and stem else base


def _name_lang(filename: str) -> str | None:
    """A language tag in the file name after the number ("R68-zh", "res68_en"), or None."""
    stem = unicodedata.normalize("NFKC", _stem(filename))
    m = _ZH_NAME_RE.search(stem) or _NAME_RE.search(stem)
    rest = stem[m.end() :] if m else stem
    found = [_LANGS[t.lower()] for t in _LANG_RE.findall(rest) if len(t) == 2 or m is not None]
    return found[-1] if found else None


def heading_key(path: str) -> str | None:
    """The key the document's own heading gives, or None (unreadable, no heading)."""
    try:
        text = read_document(path)
        from resdiff._parse import parse

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            heading = parse(text).heading
    except Exception:  # noqa: BLE001 - a file that cannot be read is paired by its stem and fails in its pair
        return None
    if heading is None or not heading.number:
        return None
    number = heading.number.strip()
    number = str(int(number)) if number.isdigit() else number
    return f"{heading.doc_type.value}-{number}"


def _heading_keys_here(paths: Sequence[str]) -> dict[str, str | None]:
    return {path: heading_key(path) for path in paths}


@dataclass(frozen=True, slots=True)
class _Entry:
    path: str
    base: str  # key from the name, the heading, or the stem
    lang: str | None

    @property
    def filename(self) -> str:
        return os.path.basename(self.path)


def list_files(directory: str) -> list[str]:
    """The regular files of *directory* that take part (no hidden files, no Word lock files), sorted."""
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        raise InputError(f"{directory}: no such directory") from None
    except NotADirectoryError:
        raise InputError(f"{directory}: not a directory") from None
    except OSError as exc:
        raise InputError(f"{directory}: cannot list ({os_reason(exc)})") from None
    paths = []
    for name in names:
        if name.startswith((".", "~$")):  # hidden files, Word lock files
            continue
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            paths.append(path)
    return sorted(paths)


def _entries(paths: list[str], headings: Mapping[str, str | None]) -> list[_Entry]:
    out = []
    for path in paths:
        name = os.path.basename(path)
        base = file_key(name) or headings.get(path) or _stem(name)
        out.append(_Entry(path, base, _name_lang(name)))
    return out


def pair_files(old_dir: str, new_dir: str, *, heading_keys: HeadingKeys | None = None) -> Pairs:
    """(key, old path, new path) for every pair, then the unmatched old and new file names.

    *heading_keys* reads the headings of the files whose names give no key
    (default: one after the other, in this process).
    """
    old_paths, new_paths = list_files(old_dir), list_files(new_dir)
    nameless = [p for p in (*old_paths, *new_paths) if file_key(os.path.basename(p)) is None]
    headings = (heading_keys or _heading_keys_here)(nameless) if nameless else {}
    olds: defaultdict[str, list[_Entry]] = defaultdict(list)
    news: defaultdict[str, list[_Entry]] = defaultdict(list)
    for e in _entries(old_paths, headings):
        olds[e.base].append(e)
    for e in _entries(new_paths, headings):
        news[e.base].append(e)
    pairs: list[tuple[str, str, str]] = []
    unmatched_old: list[str] = []
    unmatched_new: list[str] = []
    for base in sorted(set(olds) | set(news), key=natural):
        a, b = olds.get(base, []), news.get(base, [])
        if len(a) == 1 and len(b) == 1:
            pairs.append((base, a[0].path, b[0].path))
            continue
        # Several versions of one document: pair by language tag, then by identical file name.
        for suffix_of in (_lang_of, _filename_of):
            taken_a, taken_b = _pair_unique(a, b, suffix_of)
            for ea, eb in zip(taken_a, taken_b):
                pairs.append((f"{base}-{_stem(suffix_of(ea) or '')}", ea.path, eb.path))
            a = [e for e in a if e not in taken_a]
            b = [e for e in b if e not in taken_b]
        unmatched_old.extend(e.filename for e in a)
        unmatched_new.extend(e.filename for e in b)
    return pairs, sorted(unmatched_old, key=natural), sorted(unmatched_new, key=natural)


def _lang_of(entry: _Entry) -> str | None:
    return entry.lang


def _filename_of(entry: _Entry) -> str | None:
    return entry.filename


def _pair_unique(
    a: list[_Entry], b: list[_Entry], key: Callable[[_Entry], str | None]
) -> tuple[list[_Entry], list[_Entry]]:
    """Entries whose key is present exactly once on each side, in matching order."""
    ka: defaultdict[str | None, list[_Entry]] = defaultdict(list)
    kb: defaultdict[str | None, list[_Entry]] = defaultdict(list)
    for e in a:
        ka[key(e)].append(e)
    for e in b:
        kb[key(e)].append(e)
    out_a, out_b = [], []
    unique = (k for k in ka if k is not None and len(ka[k]) == 1 and len(kb.get(k, ())) == 1)
    for k in sorted(unique, key=str):
        out_a.append(ka[k][0])
        out_b.append(kb[k][0])
    return out_a, out_b


def natural(text: str) -> list[tuple[int, int, str]]:
    """Sort key that puts resolution-2 before resolution-10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in regex.split(r"(\d+)", text.casefold())]


def output_names(keys: Iterable[str], ext: str) -> list[str]:
    """Safe, distinct output file names, one per key, none clashing with the index."""
    used = {f"{INDEX_STEM}.html", f"{INDEX_STEM}.json"}
    names = []
    for key in keys:
        stem = _UNSAFE_RE.sub("-", unicodedata.normalize("NFKC", key)).strip("-.") or "pair"
        name, n = f"{stem}.{ext}", 1
        while name.casefold() in used:
            n += 1
            name = f"{stem}-{n}.{ext}"
        used.add(name.casefold())
        names.append(name)
    return names
