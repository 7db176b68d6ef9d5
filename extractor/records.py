"""The record contract (``shared/spec/records.md``) as pydantic models.

Field names and meanings follow the contract exactly; fields beyond it are
additions users asked for (``honorific`` on mentions, ``source`` on batch
lines).  Every item carries provenance as a :class:`Span` whose ``text`` is
``article.text[start:end]``; :class:`Article` checks that on construction.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """Where an item was read: character offsets into ``Article.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    sentence: int = Field(ge=0, description="index of the sentence in the article")

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self


class Role(_Model):
    title: str = Field(description="canonical title, body left out: 'Phó Chủ tịch', 'Bí thư'")
    organization: Optional[str] = Field(None, description="the organisation as written")
    body: Optional[str] = Field(None, description="canonical body: 'Hội đồng nhân dân', 'Đảng ủy'")
    level: Optional[str] = Field(None, description="xã, phường, thị trấn, huyện, quận, thị xã, thành phố, tỉnh, trung ương")
    place: Optional[str] = None
    text: str = Field(description="the role exactly as written")


class Official(_Model):
    name: str
    honorific: Optional[str] = None
    roles: list[Role] = Field(default_factory=list)
    participation: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    meeting: Optional[int] = Field(None, description="index in `meetings` of the meeting the person is reported at")


class Meeting(_Model):
    kind: str
    description: str
    organizer: Optional[str] = None
    date: Optional[dt.date] = None
    date_text: Optional[str] = None
    time_of_day: Optional[Literal["sáng", "trưa", "chiều", "tối"]] = None
    period: Optional[str] = None
    period_start: Optional[dt.date] = Field(None, description="first day of the period: 'năm 2023' -> 2023-01-01")
    period_end: Optional[dt.date] = Field(None, description="last day of the period: 'năm 2023' -> 2023-12-31")
    span: Span


class Target(_Model):
    numerator: float
    denominator: float
    subject: str
    ratio: Optional[float] = Field(None, description="numerator / denominator; null when the denominator is 0")
    stated_percent: Optional[float] = None
    status: Literal["exceeded", "met", "not_met"]
    span: Span
    mentions: list[Span] = Field(default_factory=list, description="every mention, the first being `span`")
    indicator: Optional[str] = Field(None, description="key of the indicator taxonomy (patterns/indicators.yaml)")
    meeting: Optional[int] = Field(None, description="index in `meetings` of the meeting the figure belongs to")


class Percentage(_Model):
    value: float
    value_max: Optional[float] = None
    subject: Optional[str] = None
    qualifier: Literal["exact", "above", "at_least", "below", "at_most", "about"] = "exact"
    previous: Optional[float] = None
    direction: Optional[Literal["increase", "decrease"]] = None
    kind: Literal["result", "goal"] = "result"
    span: Span
    mentions: list[Span] = Field(default_factory=list, description="every mention, the first being `span`")
    indicator: Optional[str] = Field(None, description="key of the indicator taxonomy (patterns/indicators.yaml)")
    basis: Optional[str] = Field(None, description="what it is measured against: 'kế hoạch', 'cùng kỳ', 'Nghị quyết', 'năm 2020'")
    meeting: Optional[int] = Field(None, description="index in `meetings` of the meeting the figure belongs to")


class Quantity(_Model):
    value: float
    unit: str
    per: Optional[str] = None
    subject: Optional[str] = None
    span: Span
    indicator: Optional[str] = Field(None, description="key of the indicator taxonomy (patterns/indicators.yaml)")
    meeting: Optional[int] = Field(None, description="index in `meetings` of the meeting the figure belongs to")


class Location(_Model):
    commune: Optional[str] = None
    commune_type: Optional[Literal["xã", "phường", "thị trấn", "đặc khu"]] = None
    district: Optional[str] = None
    district_type: Optional[Literal["huyện", "quận", "thị xã", "thành phố"]] = None
    province: Optional[str] = None
    codes: dict[str, str] = Field(default_factory=dict)
    inferred: list[str] = Field(default_factory=list)


class Article(_Model):
    id: str
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[dt.date] = None
    author: Optional[str] = None
    text: str
    location: Optional[Location] = None
    meetings: list[Meeting] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    percentages: list[Percentage] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _spans_point_into_text(self) -> "Article":
        for span in self.iter_spans():
            if span.end > len(self.text) or self.text[span.start:span.end] != span.text:
                raise ValueError(
                    f"span {span.start}:{span.end} {span.text!r} does not match the article text"
                )
        return self

    def iter_spans(self):
        """Every span of every item, for checks and highlighting."""
        for m in self.meetings:
            yield m.span
        for o in self.officials:
            yield from o.mentions
        for group in (self.targets, self.percentages):
            for item in group:
                yield item.span
                yield from item.mentions
        for q in self.quantities:
            yield q.span

    def _repr_html_(self) -> str:
        from .display import article_html

        return article_html(self)

    def __str__(self) -> str:
        from .display import article_summary

        return article_summary(self)

    def __repr__(self) -> str:
        from .display import article_repr

        return article_repr(self)


class ErrorInfo(_Model):
    type: str
    message: str


class ErrorRecord(_Model):
    """A batch line for an input that could not be processed."""

    id: Optional[str] = None
    error: ErrorInfo
    source: Optional[str] = None


def json_schema() -> dict:
    """The JSON Schema of an Article, as ``vnextract schema`` prints it."""
    return Article.model_json_schema()
