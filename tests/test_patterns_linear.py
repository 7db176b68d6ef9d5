"""Every regex of the package runs in linear time: no nested unbounded quantifier.

A group that holds an unbounded quantifier (``+``, ``*``, ``{n,}``) and is itself repeated
without bound (``(?:\\d+[.,])*``, ``(\\w+\\s?)+``) can backtrack exponentially on a near-miss, and
one crafted article would then hang a worker.  The test imports every module of the
``extractor`` package, collects the compiled patterns it holds at module level (also inside
module-level dicts, lists, tuples, sets and dataclasses, and in what its ``functools``-cached
zero-argument lexicon builders return), walks each pattern's parse tree with the stdlib's own
regex parser (``re._parser``, ``sre_parse`` before Python 3.11) and fails on a nested one.

A pattern that is only ever applied to a bounded window of the text (a slice of at most N
characters) cannot cost more than a constant per application, so it may stay as it is, but
only when its module says so::

    # Applied to at most 200 characters before the figure: ...
    _UNIT_BEFORE = re.compile(...)
    ...
    WINDOWED: dict[str, str] = {"_UNIT_BEFORE": "applied to at most 200 characters before the figure"}

The key is the pattern's name as this test prints it (a module variable, ``NAME[key]`` inside a
container, ``builder().field`` for a lexicon builder; a key also covers everything inside it),
the value the window rule, which must also be written in a comment of the module (case and line
breaks aside).  A declaration that names no pattern, or no nested one, fails too, so the
declarations stay true.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import extractor

if sys.version_info >= (3, 11):  # the stdlib's own regex parser
    from re import _constants as sre_c
    from re import _parser as sre_p
else:  # pragma: no cover - before 3.11 it had a public name
    import sre_constants as sre_c
    import sre_parse as sre_p

# Optional extras: a module that needs one that is not installed is skipped, not failed.
OPTIONAL = {"pyarrow", "duckdb", "pandas", "dask", "distributed", "altair", "vl_convert", "splink"}

# Cached zero-argument functions that are not lexicon builders: they are not called.
NOT_LEXICONS = {
    ("extractor.recognise.people_ner", "_ner"),  # loads underthesea's NER model
    ("extractor.views.report", "_runtime"),  # versions of the runtime, no patterns
}

# Offenders known and not yet declared or rewritten (module, pattern name): a new one fails the test
# above; an entry here that no longer offends fails it too, so the set only shrinks.
PENDING: set[tuple[str, str]] = set()  # empty: every offender was declared or rewritten

_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT}
if hasattr(sre_c, "POSSESSIVE_REPEAT"):  # Python 3.11+: `a++`, counted as a repeat all the same
    _REPEATS.add(sre_c.POSSESSIVE_REPEAT)
_ATOMIC_GROUP = getattr(sre_c, "ATOMIC_GROUP", object())


# ---------------------------------------------------------------------------
# The check


def nested_unbounded(pattern: str | re.Pattern[str], flags: int = 0) -> bool:
    """Whether *pattern* repeats without bound a part that holds an unbounded repeat.

    >>> nested_unbounded(r"(?:\\d+[.,])*x"), nested_unbounded(r"(\\w+\\s?)+$"), nested_unbounded(r"(?:a|b*)+")
    (True, True, True)
    >>> nested_unbounded(r"\\d+(?:[.,]\\d{3})*"), nested_unbounded(r"(?:\\S+\\s+){0,4}"), nested_unbounded(r"a+b+")
    (False, False, False)
    """
    if isinstance(pattern, re.Pattern):
        return _nested(sre_p.parse(pattern.pattern, pattern.flags), inside=False)
    return _nested(sre_p.parse(pattern, flags), inside=False)


def _nested(items: Any, inside: bool) -> bool:
    """*inside*: within the body of an unbounded repeat."""
    for op, av in items:
        if op in _REPEATS:
            _lo, hi, body = av
            unbounded = hi == sre_c.MAXREPEAT
            if unbounded and inside:
                return True
            if _nested(body, inside or unbounded):
                return True
        elif op is sre_c.SUBPATTERN:
            if _nested(av[-1], inside):
                return True
        elif op is sre_c.BRANCH:
            if any(_nested(branch, inside) for branch in av[1]):
                return True
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            # a lookaround is atomic: the repeat around it never backtracks into it, but its
            # own body must be linear
            if _nested(av[1], inside=False):
                return True
        elif op is sre_c.GROUPREF_EXISTS:
            _group, yes, no = av
            if _nested(yes, inside) or (no is not None and _nested(no, inside)):
                return True
        elif op is _ATOMIC_GROUP:  # Python 3.11+: `(?>...)`
            if _nested(av, inside):
                return True
    return False


# ---------------------------------------------------------------------------
# Collecting the patterns


def _modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(extractor.__path__, "extractor."):
        if info.name.endswith("__main__"):
            continue  # running it is running the CLI
        try:
            yield importlib.import_module(info.name)
        except ImportError as e:
            if (e.name or "").split(".")[0] in OPTIONAL:
                continue
            raise


def _walk(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        yield path, value
    elif depth >= 4:
        return
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{path}[{k}]", depth + 1)
    elif isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]", depth + 1)
    elif isinstance(value, tuple):  # a NamedTuple
        for f in value._fields:  # type: ignore[attr-defined]
            yield from _walk(getattr(value, f), f"{path}.{f}", depth + 1)
    elif isinstance(value, (set, frozenset)):
        for v in value:
            if isinstance(v, re.Pattern):
                yield f"{path}{{}}", v
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), f"{path}.{f.name}", depth + 1)


def _lexicon_builder(module: ModuleType, name: str, value: Any) -> bool:
    if not (callable(value) and hasattr(value, "cache_info") and hasattr(value, "__wrapped__")):
        return False
    if getattr(value, "__module__", None) != module.__name__ or (module.__name__, name) in NOT_LEXICONS:
        return False
    params = inspect.signature(value.__wrapped__).parameters.values()
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)


def module_patterns(module: ModuleType) -> Iterator[tuple[str, re.Pattern[str]]]:
    """(name, pattern) for every compiled pattern *module* holds or its lexicon builders return."""
    for name, value in list(vars(module).items()):
        if name.startswith("__"):
            continue
        if isinstance(value, ModuleType) or isinstance(value, type):
            continue
        if _lexicon_builder(module, name, value):
            yield from _walk(value(), f"{name}()")
        else:
            yield from _walk(value, name)


@functools.cache
def _all() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    out = []
    for module in _modules():
        out += [(module.__name__, name, p) for name, p in module_patterns(module)]
    return tuple(out)


def _declared(module: ModuleType, name: str) -> str | None:
    """The WINDOWED key of *module* that covers the pattern called *name*, if any."""
    return _covering(getattr(module, "WINDOWED", {}), name)


def _covering(windowed: dict[str, str], name: str) -> str | None:
    for key in windowed:
        if name == key or name.startswith((key + "[", key + ".", key + "{")):
            return key
    return None


def _comments(source: str) -> str:
    """The comments of a module's *source*, lower case, every run of blanks one space."""
    text = " ".join(line.split("#", 1)[1] for line in source.splitlines() if "#" in line)
    return " ".join(text.lower().split())


def windowed_errors(
    module_name: str, windowed: Any, found: list[tuple[str, re.Pattern[str]]], source: str
) -> list[str]:
    """What is wrong with a module's WINDOWED declarations, given its patterns and its source."""
    if not isinstance(windowed, dict):
        return [f"{module_name}: WINDOWED is not a dict"]
    errors = []
    comments = _comments(source)
    for key, rule in windowed.items():
        if not (isinstance(rule, str) and rule.strip()):
            errors.append(f"{module_name}: WINDOWED[{key!r}] states no rule")
            continue
        covered = [p for name, p in found if _covering(windowed, name) == key]
        if not covered:
            errors.append(f"{module_name}: WINDOWED names {key!r}, which is no pattern of the module")
        elif not any(nested_unbounded(p) for p in covered):
            errors.append(f"{module_name}: {key!r} needs no window: drop it from WINDOWED")
        if " ".join(rule.lower().split()) not in comments:
            errors.append(f"{module_name}: no comment states the window of {key!r}: {rule!r}")
    return errors


# ---------------------------------------------------------------------------
# The tests


def test_the_check_catches_nested_unbounded_quantifiers() -> None:
    catastrophic = [
        r"(?:\d+[.,])*x",  # the classic: numbers and separators
        r"(\w+\s?)+$",
        r"(?:a|b*)+c",  # inside one branch
        r"(?:(?:ab)+c)*",  # two groups deep
        r"(?:x(?P<n>\d+)?)+y",  # an optional group holding a repeat
        r"(?:a{2,})+",  # {n,} counts as unbounded
        r"(?=(?:a+)+b)",  # inside a lookahead
        r"(?:\s*,\s*\w+)*$",
        r"""(?x) (?: [a-z]+ \s )*   # verbose, with a comment
              \.""",
    ]
    for p in catastrophic:
        assert nested_unbounded(re.compile(p)), p
    linear = [
        r"\d+(?:[.,]\d{3})*",  # a repeat after a repeat, not inside it
        r"(?:\S+\s+){0,4}",  # a bounded outer repeat
        r"(?:[a-z]{1,3}-)+",  # bounded inner repeats
        r"(?:a|b)+",
        r"(?:(?=a+)b)+",  # a lookahead is atomic
        r"[^\S\n]{1,3}",
        r"(?:x+)?",  # an optional group is not a repeat
    ]
    for p in linear:
        assert not nested_unbounded(re.compile(p)), p


def test_every_module_was_scanned() -> None:
    names = {m for m, _, _ in _all()}
    for expected in ("extractor.grammar.dates", "extractor.grammar.numbers", "extractor.grammar.date_expressions",
                     "extractor.text.legacy", "extractor.text.sentences", "extractor.recognise.officials"):
        assert expected in names, expected
    assert len(_all()) > 100


def test_no_regex_has_a_nested_unbounded_quantifier() -> None:
    offenders = []
    pending_found = set()
    for module_name, name, p in _all():
        if not nested_unbounded(p):
            continue
        module = importlib.import_module(module_name)
        if _declared(module, name) is not None:
            continue
        if (module_name, name) in PENDING:
            pending_found.add((module_name, name))
            continue
        offenders.append(f"{module_name}: {name} = {p.pattern[:200]!r}")
    assert not offenders, "nested unbounded quantifiers (declare a window in WINDOWED, or rewrite):\n" + "\n".join(
        offenders)
    # a pending entry that is fixed or declared leaves the set
    assert pending_found == PENDING, f"no longer offending, remove from PENDING: {sorted(PENDING - pending_found)}"


def test_windowed_declarations_are_true() -> None:
    by_module: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for module_name, name, p in _all():
        by_module.setdefault(module_name, []).append((name, p))
    errors = []
    for module_name, found in by_module.items():
        module = importlib.import_module(module_name)
        if hasattr(module, "WINDOWED"):
            errors += windowed_errors(module_name, module.WINDOWED, found, inspect.getsource(module))
    assert not errors, "\n".join(errors)


def test_a_windowed_declaration_is_honoured_and_checked() -> None:
    # a synthetic module: a nested pattern, declared, its rule in a comment
    module = ModuleType("extractor_synthetic")
    rule = "applied to at most 80 characters before the match"
    module._TAIL = re.compile(r"(?:\w+\s)*$")  # type: ignore[attr-defined]
    module._PLAIN = re.compile(r"\w+")  # type: ignore[attr-defined]
    module.LEX = {"tail": re.compile(r"(\d+,?)+x")}  # type: ignore[attr-defined]
    module.WINDOWED = {"_TAIL": rule}  # type: ignore[attr-defined]
    found = list(module_patterns(module))
    assert [n for n, p in found if nested_unbounded(p)] == ["_TAIL", "LEX[tail]"]
    assert _declared(module, "_TAIL") == "_TAIL" and _declared(module, "LEX[tail]") is None
    source = "# Applied to at most 80 characters\n# before the match: the tail of a clause.\n_TAIL = ...\n"
    assert windowed_errors("m", {"_TAIL": rule}, found, source) == []
    assert windowed_errors("m", {"LEX": "applied to a word"}, found, "# applied to a word\n") == []  # a container
    assert windowed_errors("m", {"_TAIL": rule}, found, "_TAIL = ...  # short\n") == [
        f"m: no comment states the window of '_TAIL': {rule!r}"]
    assert windowed_errors("m", {"_GONE": "x"}, found, "# x\n") == [
        "m: WINDOWED names '_GONE', which is no pattern of the module"]
    assert windowed_errors("m", {"_PLAIN": "x"}, found, "# x\n") == [
        "m: '_PLAIN' needs no window: drop it from WINDOWED"]
    assert windowed_errors("m", {"_TAIL": ""}, found, "") == ["m: WINDOWED['_TAIL'] states no rule"]
