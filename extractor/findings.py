"""What the stages find, typed: the findings a :class:`~extractor.context.Context` carries.

Each recogniser in :mod:`extractor.recognise` adds its own kind of finding, with character
offsets into the article's text; :func:`extractor.resolve.to_article` is the one reader that
turns them into the records of :mod:`extractor.records`.  They live here, apart from the
recognisers, so that the Context can name their types without importing the stages.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from extractor.grammar.dates import DateMention
from extractor.records import Location


@dataclass
class Found:
    start: int
    end: int


@dataclass
class TargetFound(Found):
    numerator: float
    denominator: float
    subject: str
    stated_percent: float | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    indicator: str | None = None


@dataclass
class PercentFound(Found):
    value: float
    value_max: float | None = None
    previous: float | None = None
    direction: str | None = None
    qualifier: str = "exact"
    kind: str = "result"
    subject: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    indicator: str | None = None
    basis: str | None = None
    change: bool = False  # the amount the indicator moved by, not its level


@dataclass
class QuantityFound(Found):
    value: float
    unit: str
    per: str | None = None
    subject: str | None = None
    indicator: str | None = None


@dataclass
class RoleFound:
    start: int
    end: int
    title: str
    organization: str | None
    body: str | None
    level: str | None
    place: str | None
    intrinsic: bool = False  # level implied by the title itself (HUV, TUV)
    needs_level: bool = True
    only_before_name: bool = False  # a bare "Đại biểu": a role only right before the name
    no_level: bool = False  # an ad-hoc or sub-village body: its level is only what the role itself says
    elected: bool = False  # a post given at the meeting ("được bầu giữ chức ...")
    member: bool = False  # a membership (Ủy viên, Đại biểu), which many hold at once


@dataclass
class PersonFound:
    name: str
    key: str
    honorific: str | None
    roles: list[RoleFound] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    participation: list[str] = field(default_factory=list)
    source: str = "rules"


@dataclass
class MeetingFound:
    start: int
    end: int
    kind: str
    description: str
    organizer: str | None
    date: dt.date | None
    date_text: str | None
    time_of_day: str | None
    period: str | None


@dataclass
class Findings:
    """Everything the stages found in one article, one typed field per kind."""

    dates: list[DateMention] = field(default_factory=list)
    targets: list[TargetFound] = field(default_factory=list)
    percentages: list[PercentFound] = field(default_factory=list)
    quantities: list[QuantityFound] = field(default_factory=list)
    # byline and caption credits: ranges that are never officials
    not_people: list[tuple[int, int]] = field(default_factory=list)
    officials: list[PersonFound] = field(default_factory=list)
    meetings: list[MeetingFound] = field(default_factory=list)
    location: Location | None = None
    # the year and month a crawler's metadata line gives, for dates that omit the year
    reference_month: tuple[int, int] | None = None
    # lines of site chrome that hold a date (a site clock, a related story's dateline)
    chrome_dates: list[tuple[int, int]] = field(default_factory=list)
