"""``vnextract``: a thin shell over the library.

Exit codes: 0 success; 1 some inputs failed (their error rows are written);
2 usage error or unreadable path (an input that is also the output, an output that cannot be
created); 3 an evaluate floor was not met; 4 the run itself failed (a full disk, the output
locked by another run, an internal error).  Every failure is one line on stderr, ``vnextract:
...``; ``--debug`` adds the traceback.

A subcommand is a ``_parser`` entry plus a handler in ``COMMANDS`` (``name -> fn(args) -> int``).
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Optional

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_BELOW_FLOOR, EXIT_RUN_FAILED = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vnextract",
        description="Structured records (officials, meetings, targets, percentages) from Vietnamese "
                    "local-government news. Exit codes: 0 ok, 1 some inputs failed (error rows written), "
                    "2 usage error or unreadable path, 3 evaluate below a floor, 4 the run itself failed "
                    "(disk full, output locked by another run, internal error).",
    )
    p.add_argument("--debug", action="store_true", help="print the traceback of a failure")
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract", help="extract records from .txt files, JSONL dumps, HTML, WARC or folders of them",
                       description="One output line (or row) per input, a record or an error. Re-running with the "
                                   "same output resumes: inputs already written are skipped.")
    e.add_argument("paths", nargs="+", help="files or folders: .txt, .jsonl, .jsonl.gz, .json, .html, .warc, .warc.gz; "
                                            "'-' reads stdin")
    e.add_argument("-o", "--output", help="output file or folder (default: stdout, JSONL); locked while the run lasts")
    e.add_argument("--format", choices=["jsonl", "parquet", "duckdb"], help="output format (default: from the output's extension, else jsonl)")
    e.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores; 0 runs in this process)")
    e.add_argument("--timeout", type=float, default=None, help="seconds allowed per article before an error row (default 30)")
    e.add_argument("--max-chars", type=int, default=None, help="refuse articles longer than this many characters (default 1,000,000)")
    e.add_argument("--dask", metavar="SCHEDULER", help="run on a Dask cluster ('local' starts a local one)")
    e.add_argument("--no-ner", action="store_true", help="skip the underthesea NER confirmation stage")
    e.add_argument("--no-progress", action="store_true", help="no progress bar")
    e.add_argument("--summary", action="store_true", help="print a short summary at the end")
    s = sub.add_parser("schema", help="print the JSON Schema of an Article record")
    s.add_argument("--indent", type=int, default=2)
    v = sub.add_parser("evaluate", help="score records against gold annotations")
    v.add_argument("gold", help="a folder of .gold.json files, a .json or a .jsonl")
    v.add_argument("pred", nargs="?", help="predictions (JSONL); default: run the pipeline on the gold's texts")
    v.add_argument("--baseline", action="store_true", help="also score the glue baseline (underthesea NER, dateparser, regexes)")
    v.add_argument("--show-errors", action="store_true", help="list each miss and false hit by article")
    v.add_argument("--json", action="store_true", help="print the report as JSON")
    v.add_argument("--floors", help="a JSON file of minimum scores; exit 3 when one is not met")
    sub.add_parser("info", help="where the patterns and models are loaded from")
    k = sub.add_parser("link", help="link the officials of an extract run across articles into people; write "
                                    "mentions, people, tenures and panel beside its tables",
                       description="RUN is the output of `vnextract extract --format parquet|duckdb`.")
    k.add_argument("run", help="a Parquet folder or a DuckDB file written by `vnextract extract`")
    k.add_argument("--format", choices=["parquet", "duckdb"], help="the run's format (default: from its name)")
    k.add_argument("--threshold", type=float, default=None, help="the score a pair needs to be one person")
    k.add_argument("--engine", choices=["rules", "splink"], default="rules",
                   help="pair scores: fixed evidence weights (default) or splink's trained model (the link extra)")
    s.add_argument("--tables", action="store_true",
                   help="print the columns of the tables (per article, and those of `vnextract link`) instead")
    return p


class Failure(Exception):
    """A failure with its exit code and one-line message."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


def _classify(e: BaseException) -> tuple[int, str]:
    """The exit code and one-line message of an exception that ended a command."""
    from .writers import OutputLocked

    if isinstance(e, Failure):
        return e.code, str(e)
    try:
        from .batch import UsageError
    except Exception:  # pragma: no cover
        UsageError = ()  # type: ignore[assignment]
    if isinstance(e, UsageError):
        return EXIT_USAGE, str(e)
    if isinstance(e, OutputLocked):
        return EXIT_RUN_FAILED, str(e)
    if isinstance(e, FileNotFoundError):
        return EXIT_USAGE, str(e) if not e.filename else f"no such file or folder: {e.filename}"
    if isinstance(e, OSError):
        what = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
                errno.EROFS: "the file system is read-only"}.get(e.errno or 0)
        where = f" ({e.filename})" if e.filename else ""
        return EXIT_RUN_FAILED, f"the run failed: {what or e.strerror or e}{where}"
    if isinstance(e, RecursionError):
        return EXIT_RUN_FAILED, "internal error: recursion too deep (run with --debug for the traceback)"
    msg = " ".join(str(e).split())[:300]
    return EXIT_RUN_FAILED, f"internal error: {type(e).__name__}: {msg}"


def main(argv: Optional[list[str]] = None) -> int:
    args = _parser().parse_args(argv)
    handler = COMMANDS.get(args.cmd)
    if handler is None:  # pragma: no cover (argparse refuses unknown commands)
        return EXIT_USAGE
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        code, message = _classify(e)
        if getattr(args, "debug", False):
            traceback.print_exc(file=sys.stderr)
        with _quiet_pipe():
            print(f"vnextract: {message}", file=sys.stderr)
        return code


class _quiet_pipe:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], (BrokenPipeError, OSError))


def _schema(args) -> int:
    from .records import json_schema

    if getattr(args, "tables", False):
        from .linking.outputs import schema_json
        from .tables import SCHEMAS

        cols = {t: {f.name: str(f.type) for f in sc} for t, sc in SCHEMAS.items()}
        print(json.dumps({**cols, **schema_json()}, ensure_ascii=False, indent=args.indent))
        return EXIT_OK
    print(json.dumps(json_schema(), ensure_ascii=False, indent=args.indent))
    return EXIT_OK


def _link(args) -> int:
    from . import linking

    if not os.path.exists(args.run):
        raise Failure(EXIT_USAGE, f"no such run: {args.run}")
    try:
        out = linking.link(args.run, fmt=args.format, threshold=args.threshold, engine=args.engine)
    except ValueError as e:  # not a Parquet folder or DuckDB file
        raise Failure(EXIT_USAGE, str(e)) from e
    print(f"{len(out['mentions'])} mentions, {len(out['people'])} people, {len(out['tenures'])} tenures, "
          f"{len(out['panel'])} panel rows -> {args.run}", file=sys.stderr)
    return EXIT_OK


def _info(args) -> int:
    from . import __version__, resources

    print(f"vn-news-extractor {__version__}\npatterns: {resources.location()}")
    return EXIT_OK


def _extract(args) -> int:
    from . import batch

    if args.output == "-":
        args.output = None
    for p in args.paths:
        if p == "-":
            continue
        if not os.path.lexists(p):
            raise Failure(EXIT_USAGE, f"no such file or folder: {p}")
        if not os.path.exists(p):
            raise Failure(EXIT_USAGE, f"a broken link: {p}")
        if not os.access(p, os.R_OK) or (os.path.isdir(p) and not os.access(p, os.X_OK)):
            raise Failure(EXIT_USAGE, f"cannot read {p}: permission denied")
    summary = batch.run_paths(args)
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def _evaluate(args) -> int:
    from . import evaluate as ev

    gold_path = Path(args.gold)
    gold = ev.load_gold(gold_path)
    if args.pred:
        pred = ev.load_pred(Path(args.pred))
    else:
        pred = ev.predict(ev.gold_inputs(gold_path, gold))
    rep = ev.score(gold, pred)
    base = None
    if args.baseline:
        from .baseline import baseline_record

        base = ev.score(gold, ev.predict(ev.gold_inputs(gold_path, gold), baseline_record))
    if args.json:
        out = {"ours": rep.fields, "articles": rep.articles}
        if base:
            out["baseline"] = base.fields
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(ev.format_report(rep, base))
    if args.show_errors:
        print("\n".join(rep.errors))
    if args.floors:
        floors = json.loads(Path(args.floors).read_text(encoding="utf-8"))
        below = [f"{k}: {rep.fields[k].get('f1', rep.fields[k].get('acc'))} < {v}" for k, v in floors.items()
                 if (rep.fields[k].get("f1", rep.fields[k].get("acc")) or 0) < v]
        if below:
            print("below floor: " + "; ".join(below), file=sys.stderr)
            return EXIT_BELOW_FLOOR
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "extract": _extract,
    "schema": _schema,
    "evaluate": _evaluate,
    "info": _info,
    "link": _link,
}


if __name__ == "__main__":
    sys.exit(main())
