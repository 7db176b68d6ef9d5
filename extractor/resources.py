"""Access to the data files in ``patterns/`` (shipped in the wheel as ``extractor.patterns``).

Language knowledge lives in those files, apart from the code that applies it;
a new title, abbreviation or meeting kind is a data change.  Files are read
once per process and cached.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml

if TYPE_CHECKING:
    from importlib.abc import Traversable

# A trie of forms: one key per next character, "" marking the end of a form.
_Trie: TypeAlias = dict[str, "_Trie"]

_SOURCE_TREE = Path(__file__).resolve().parent.parent / "patterns"


def _root() -> Traversable:
    """The patterns folder: the installed ``extractor.patterns`` package, else the source tree's."""
    try:
        root = resources.files("extractor.patterns")
        if root.joinpath("__init__.py").is_file():
            return root
    except ModuleNotFoundError:
        pass
    return _SOURCE_TREE


def read_text(name: str) -> str:
    """The text of a file of ``patterns/`` (UTF-8)."""
    return _root().joinpath(name).read_text(encoding="utf-8")


@functools.cache
def load_yaml(name: str) -> Any:
    """A YAML file of ``patterns/``, parsed once per process."""
    return yaml.safe_load(read_text(name))


@functools.cache
def load_jsonl(name: str) -> list[dict[str, Any]]:
    """A JSON-lines file of ``patterns/``, one object a line, parsed once per process."""
    return [json.loads(line) for line in read_text(name).splitlines() if line.strip()]


def alternation(forms: Iterable[str], *, blank: str | None = None) -> str:
    """A regex alternation of literal forms, prefix-factored into a trie so that a lexicon of
    hundreds of forms scans fast, and the longest form wins (each tail is optional and greedy).

    *blank*, when given, is the pattern put for each space inside a form (``r"\\s+"``, or a
    bounded run of blanks), so that a form written with one space matches text with several;
    without it a space matches one space.

    >>> re.match(alternation(["hội nghị", "hội nghị tổng kết"]), "hội nghị tổng kết năm").group()
    'hội nghị tổng kết'
    >>> alternation(["ab", "abc", "abd"])
    'ab(?:c|d)?'
    >>> alternation(["a b"], blank="[ ]{1,3}")
    'a[ ]{1,3}b'
    """
    trie: _Trie = {}
    for form in set(forms):
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie, blank)


def _trie_pattern(node: _Trie, blank: str | None) -> str:
    ends = "" in node
    branches = [_literal(ch, blank) + _trie_pattern(sub, blank) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
    return body


def _literal(ch: str, blank: str | None) -> str:
    return blank if blank is not None and ch == " " else re.escape(ch)


def location() -> str:
    """Where the patterns were found (for ``vnextract info`` and bug reports)."""
    return str(_root())
