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
import contextlib
import errno
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_BELOW_FLOOR, EXIT_RUN_FAILED = 0, 1, 2, 3, 4
EXIT_SIGPIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool whose reader went away


def _count(kind: type, zero_ok: bool, what: str):
    """An argparse type: a number of ``kind``, over 0 (or 0 and over, with ``zero_ok``)."""

    def parse(value: str):
        try:
            n = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not {what}") from None
        if n != n or n == float("inf") or n < 0 or (n == 0 and not zero_ok):  # NaN, infinite, out of range
            raise argparse.ArgumentTypeError(f"{value!r} is not {what}")
        return n

    parse.__name__ = kind.__name__
    return parse


STDIN_HELP = ("'-' reads stdin: a JSONL dump when its first non-blank character is '{', a WARC when it starts "
              "with 'WARC/', an HTML page when it starts with <html or <!doctype html (gzip is undone first), "
              "otherwise one plain-text article")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vnextract",
        description="Structured records (officials, meetings, targets, percentages) from Vietnamese "
                    "local-government news. Exit codes: 0 ok, 1 some inputs failed (error rows written), "
                    "2 usage error or unreadable path, 3 evaluate below a floor, 4 the run itself failed "
                    "(disk full, output locked by another run, internal error).",
    )
    p.add_argument("--debug", action="store_true", help="print the traceback of a failure")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    e = sub.add_parser("extract", help="extract records from .txt files, JSONL dumps, HTML, WARC or folders of them",
                       description="One output line (or row) per input, a record or an error row. Like cat, a "
                                   "missing or unreadable path gets its error row and the run goes on (exit 1); "
                                   "when no path can be read the run stops at once (exit 2). Re-running with "
                                   "the same output resumes: inputs already written are skipped. A Parquet or "
                                   "DuckDB output gets a dataset card (README.md in the folder, OUTPUT.README.md "
                                   "beside a DuckDB file). " + STDIN_HELP + ".")
    e.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders: .txt, .jsonl, .jsonl.gz, .json, .html, .warc, .warc.gz; '-' reads stdin")
    e.add_argument("-o", "--output", help="output file or folder (default: stdout, JSONL); locked while the run lasts")
    e.add_argument("--format", choices=["jsonl", "parquet", "duckdb"],
                   help="output format (default: from the output's extension, else jsonl); parquet and duckdb "
                        "need the 'parquet' extra")
    e.add_argument("--workers", type=_count(int, True, "a number of workers (0 or more)"), default=None,
                   help="worker processes (default: all cores; 0 runs in this process)")
    e.add_argument("--timeout", type=_count(float, False, "a number of seconds over 0"), default=None,
                   help="seconds allowed per article before an error row (default 30)")
    e.add_argument("--max-chars", type=_count(int, False, "a number of characters over 0"), default=None,
                   help="refuse articles longer than this many characters (default 1,000,000)")
    e.add_argument("--dask", metavar="SCHEDULER", help="run on a Dask cluster ('local' starts a local one; "
                                                       "needs the 'dask' extra)")
    e.add_argument("--no-ner", action="store_true", help="skip the underthesea NER confirmation stage")
    e.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary line (the bar is shown only when stderr is a terminal)")
    e.add_argument("--no-progress", action="store_true", help="no progress bar")
    e.add_argument("--summary", action="store_true", help="print a short summary at the end (also on stdout runs)")
    s = sub.add_parser("schema", help="print the JSON Schema of an Article record")
    s.add_argument("--indent", type=_count(int, True, "an indent (0 or more)"), default=2)
    v = sub.add_parser("evaluate", help="score records against gold annotations")
    v.add_argument("gold", help="a folder of .gold.json files, a .json or a .jsonl")
    v.add_argument("pred", nargs="?", help="predictions (JSONL); default: run the pipeline on the gold's texts")
    v.add_argument("--baseline", action="store_true", help="also score the glue baseline (underthesea NER, dateparser, regexes)")
    v.add_argument("--show-errors", action="store_true", help="list each miss and false hit by article")
    v.add_argument("--json", action="store_true", help="print the report as JSON")
    v.add_argument("--floors", help="a JSON file of minimum scores; exit 3 when one is not met")
    r = sub.add_parser("report", help="one self-contained HTML page about a run (needs the 'report' extra)",
                       description="Charts of a run (articles by province and year, meeting kinds, field coverage, "
                                   "indicators, warnings, errors) in one HTML file that opens offline.")
    r.add_argument("run", metavar="RUN", help="a run's output: a JSONL file, a Parquet folder or a DuckDB file")
    r.add_argument("-o", "--output", required=True, help="the HTML file to write")
    sub.add_parser("info", help="versions of the package, its dependencies, its patterns and its bundled model")
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


def _subparsers(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for a in p._actions:  # argparse keeps its subparsers here, and nowhere public
        if isinstance(a, argparse._SubParsersAction):
            return dict(a.choices)
    return {}  # pragma: no cover


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The arguments; an unknown flag is refused with the subcommand's usage (argparse alone
    gives the top-level one), with the closest known flag when there is one."""
    import difflib

    p = _parser()
    args, extra = p.parse_known_args(argv)
    if extra:
        sp = _subparsers(p).get(args.cmd, p)
        known = [o for a in sp._actions for o in a.option_strings]
        hints = []
        for x in extra:
            if x.startswith("--"):
                close = difflib.get_close_matches(x.split("=", 1)[0], known, n=1, cutoff=0.6)
                if close:
                    hints.append(f"{x.split('=', 1)[0]}: did you mean {close[0]}?")
        sp.error(f"unrecognized arguments: {' '.join(extra)}" + ("; " + "; ".join(hints) if hints else ""))
    args.argv = list(sys.argv[1:] if argv is None else argv)
    return args


class Failure(Exception):
    """A failure with its exit code and one-line message."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


def _classify(e: BaseException) -> tuple[int, str]:
    """The exit code and one-line message of an exception that ended a command."""
    from extractor.io.writers import OutputLocked

    if isinstance(e, Failure):
        return e.code, str(e)
    from extractor.io.writers import MissingExtra

    if isinstance(e, MissingExtra):
        return EXIT_USAGE, str(e)
    try:
        from extractor.batch.core import UsageError
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


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    handler = COMMANDS.get(args.cmd)
    if handler is None:  # pragma: no cover (argparse refuses unknown commands)
        return EXIT_USAGE
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # stdout's reader went away (``| head``): stop quietly, as cat does
        with contextlib.suppress(Exception):
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, sys.stdout.fileno())
        return EXIT_SIGPIPE
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
    from extractor.records import json_schema

    if getattr(args, "tables", False):
        from extractor.io.tables import SCHEMAS
        from extractor.linking.outputs import schema_json

        cols = {t: {f.name: str(f.type) for f in sc} for t, sc in SCHEMAS.items()}
        print(json.dumps({**cols, **schema_json()}, ensure_ascii=False, indent=args.indent))
        return EXIT_OK
    print(json.dumps(json_schema(), ensure_ascii=False, indent=args.indent))
    return EXIT_OK


def _link(args) -> int:
    from extractor import linking

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
    from extractor.io.card import environment, format_environment

    print(format_environment(environment()))
    return EXIT_OK


def unreadable(p: str) -> str | None:
    """Why the input path ``p`` cannot be read (None when it can, or for ``-``)."""
    if p == "-":
        return None
    if not os.path.lexists(p):
        return f"no such file or folder: {p}"
    if not os.path.exists(p):
        return f"a broken link: {p}"
    if not os.access(p, os.R_OK) or (os.path.isdir(p) and not os.access(p, os.X_OK)):
        return f"cannot read {p}: permission denied"
    return None


def _extract(args) -> int:
    from extractor.batch import pool as batch

    if args.output == "-":
        args.output = None
    if args.quiet:
        args.no_progress = True
    why = [w for w in map(unreadable, args.paths) if w]
    if len(why) == len(args.paths):  # nothing to read at all: a usage error, like cat with no good file
        raise Failure(EXIT_USAGE, why[0] if len(why) == 1 else f"none of the paths can be read ({why[0]}, ...)")
    for w in why:  # the others get their error rows and the run goes on
        print(f"vnextract: {w}", file=sys.stderr)
    summary = batch.run_paths(args)
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def _report_cmd(args) -> int:
    try:
        import altair  # noqa: F401
        import vl_convert  # noqa: F401
    except ImportError:
        raise Failure(EXIT_USAGE, "vnextract report needs the 'report' extra: "
                                  "pip install vn-news-extractor[report]") from None
    from extractor.io.writers import output_format, require
    from extractor.views.report import write_report

    run = Path(args.run)
    if not run.exists():
        raise Failure(EXIT_USAGE, f"no such file or folder: {args.run}")
    fmt = "jsonl" if run.is_file() and output_format(str(run)) == "jsonl" else output_format(str(run))
    if fmt != "jsonl":
        require(fmt)
        try:
            import pandas  # noqa: F401
        except ImportError:
            raise Failure(EXIT_USAGE, "reading a Parquet or DuckDB run needs the 'parquet' extra: "
                                      "pip install vn-news-extractor[parquet]") from None
    summary = write_report(run, args.output)
    print(f"{args.output}: {summary['articles']} articles, {summary['errors']} errors", file=sys.stderr)
    return EXIT_OK


def _evaluate(args) -> int:
    from extractor.evaluation import evaluate as ev

    gold_path = Path(args.gold)
    gold = ev.load_gold(gold_path)
    if args.pred:
        pred = ev.load_pred(Path(args.pred))
    else:
        pred = ev.predict(ev.gold_inputs(gold_path, gold))
    rep = ev.score(gold, pred)
    base = None
    if args.baseline:
        from extractor.evaluation.baseline import baseline_record

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
    "report": _report_cmd,
    "info": _info,
    "link": _link,
}


if __name__ == "__main__":
    sys.exit(main())
