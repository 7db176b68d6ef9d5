"""The record contract (``shared/spec/records.md``) as pydantic models.

Field names and meanings follow the contract exactly; fields beyond it are
additions users asked for (``honorific`` on mentions, ``source`` on batch
lines).  Every item carries provenance as a :class:`Span` whose ``text`` is
``article.text[start:end]``; :class:`Article` checks that on construction.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """Where an item was read: character offsets into ``Article.text``."""

    start: int = Field(ge=0, description="offset of the first character in Article.text")
    end: int = Field(ge=0, description="offset after the last character (exclusive)")
    text: str = Field(description="Article.text[start:end]")
    sentence: int = Field(ge=0, description="index of the sentence in the article")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self


class Role(_Model):
    title: str = Field(description="canonical title, body left out: 'Phó Chủ tịch', 'Bí thư'")
    organization: str | None = Field(None, description="the organisation as written")
    body: str | None = Field(None, description="canonical body: 'Hội đồng nhân dân', 'Đảng ủy'")
    level: str | None = Field(None, description="xã, phường, thị trấn, huyện, quận, thị xã, thành phố, tỉnh, trung ương")
    place: str | None = Field(None, description="the place of the body: 'Mỏ Cày Nam'")
    text: str = Field(description="the role exactly as written")


class Official(_Model):
    name: str = Field(description="the full name as first written (ALL CAPS title-cased)")
    honorific: str | None = Field(None, description="'đồng chí', 'ông', 'bà', ... as written before the name")
    roles: list[Role] = Field(default_factory=list, description="every role stated for the person, in order")
    participation: list[str] = Field(default_factory=list, description="what the person did at the meeting, as lemmas: 'chủ trì', 'dự', 'phát biểu chỉ đạo', ...")
    mentions: list[Span] = Field(default_factory=list, description="every mention of the person, short forms included")
    meeting: int | None = Field(None, description="index in `meetings` of the meeting the person is reported at")


class Meeting(_Model):
    kind: str = Field(description="normalised kind: 'hội nghị tổng kết', 'đại hội', 'kỳ họp', 'hội nghị', 'lễ', ...")
    description: str = Field(description="the meeting as written")
    organizer: str | None = Field(None, description="who held it, as written: 'Đảng ủy xã Bình Khánh'")
    date: dt.date | None = Field(None, description="the date the text states (the year implied when left out); null when no day is stated")
    date_text: str | None = Field(None, description="the date as written: 'Sáng ngày 02/8/2023'")
    time_of_day: Literal["sáng", "trưa", "chiều", "tối"] | None = Field(None, description="sáng, trưa, chiều or tối")
    period: str | None = Field(None, description="the period it reviews or plans, as written: 'năm 2023', 'nhiệm kỳ 2020-2025'")
    period_start: dt.date | None = Field(None, description="first day of the period: 'năm 2023' -> 2023-01-01")
    period_end: dt.date | None = Field(None, description="last day of the period: 'năm 2023' -> 2023-12-31")
    span: Span = Field(description="where the meeting is named")


class Target(_Model):
    numerator: float = Field(description="achieved: 265")
    denominator: float = Field(description="planned or total: 250")
    subject: str = Field(description="what is counted, as written: 'chỉ tiêu', 'lao động'")
    ratio: float | None = Field(None, description="numerator / denominator; null when the denominator is 0")
    stated_percent: float | None = Field(None, description="a percentage the text gives for this figure ('(đạt 106%)')")
    status: Literal["exceeded", "met", "not_met"] = Field(description="exceeded (ratio > 1), met (= 1) or not_met (< 1)")
    span: Span = Field(description="the first mention")
    mentions: list[Span] = Field(default_factory=list, description="every mention, the first being `span`")
    indicator: str | None = Field(None, description="key of the indicator taxonomy (patterns/indicators.yaml)")
    meeting: int | None = Field(None, description="index in `meetings` of the meeting the figure belongs to")


class Percentage(_Model):
    value: float = Field(description="the value: 95.1; the low end of a range")
    value_max: float | None = Field(None, description="the high end of a range ('10-12%' gives 12)")
    subject: str | None = Field(None, description="what it measures, as written: 'tỉ lệ hộ nghèo'")
    qualifier: Literal["exact", "above", "at_least", "below", "at_most", "about"] = Field("exact", description="exact, above ('trên'), at_least ('trở lên'), below, at_most, about ('khoảng')")
    previous: float | None = Field(None, description="the earlier value of a change ('giảm từ 3,39% xuống còn 2,35%' gives 3.39)")
    direction: Literal["increase", "decrease"] | None = Field(None, description="increase or decrease when the text says so")
    kind: Literal["result", "goal"] = Field("result", description="result (reported) or goal (planned)")
    span: Span = Field(description="the first mention")
    mentions: list[Span] = Field(default_factory=list, description="every mention, the first being `span`")
    indicator: str | None = Field(None, description="key of the indicator taxonomy (patterns/indicators.yaml)")
    change: bool = Field(False, description="true when `value` is the amount the indicator moved by, not its level: "
                                            "'tỷ lệ hộ nghèo giảm 1,5%' (1.5 points) but not 'giảm còn 2,35%'")
    basis: str | None = Field(None, description="what it is measured against: 'kế hoạch', 'cùng kỳ', 'Nghị quyết', 'năm 2020'")
    meeting: int | None = Field(None, description="index in `meetings` of the meeting the figure belongs to")


class Quantity(_Model):
    value: float = Field(description="the number, scale words applied: '60 triệu' is 60000000")
    unit: str = Field(description="what is counted or the currency: 'chỉ tiêu', 'hộ', 'đồng', 'ha'")
    per: str | None = Field(None, description="the rate's denominator: 'người/năm'")
    subject: str | None = Field(None, description="what it is a quantity of, as written")
    span: Span = Field(description="where it is written")
    indicator: str | None = Field(None, description="key of the indicator taxonomy (patterns/indicators.yaml)")
    meeting: int | None = Field(None, description="index in `meetings` of the meeting the figure belongs to")


class Location(_Model):
    commune: str | None = Field(None, description="the commune, ward or town the article is about: 'Bình Khánh'")
    commune_type: Literal["xã", "phường", "thị trấn", "đặc khu"] | None = Field(None, description="xã, phường, thị trấn or đặc khu")
    district: str | None = Field(None, description="the district: 'Mỏ Cày Nam' (none after the 2025 reorganisation)")
    district_type: Literal["huyện", "quận", "thị xã", "thành phố"] | None = Field(None, description="huyện, quận, thị xã or thành phố")
    province: str | None = Field(None, description="the province or centrally run city: 'Bến Tre'")
    codes: dict[str, str] = Field(default_factory=dict, description="official administrative codes where the gazetteer knows them (province, district, commune, scheme; province_2025, commune_2025 and their names for the post-2025 successor)")
    inferred: list[str] = Field(default_factory=list, description="the fields filled from the gazetteer rather than read in the text")


class Article(_Model):
    id: str = Field(description="the input's id; else a stable hash of the text")
    url: str | None = Field(None, description="where it came from")
    title: str | None = Field(None, description="the headline: given by the input, or read from the text")
    published: dt.date | None = Field(None, description="given by the input; else the dateline in the text")
    author: str | None = Field(None, description="the byline, title-cased from capitals")
    text: str = Field(description="the normalised text every offset points into")
    location: Location | None = Field(None, description="the main commune, district and province the article is about")
    meetings: list[Meeting] = Field(default_factory=list, description="the meetings and events it reports, the main one first")
    officials: list[Official] = Field(default_factory=list, description="the named people with their roles")
    targets: list[Target] = Field(default_factory=list, description="the x/y figures")
    percentages: list[Percentage] = Field(default_factory=list, description="every percentage")
    quantities: list[Quantity] = Field(default_factory=list, description="counts and money amounts")
    warnings: list[str] = Field(default_factory=list, description="consistency findings and repairs made to the text")

    @model_validator(mode="after")
    def _spans_point_into_text(self) -> Article:
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
        from extractor.views.display import article_html

        return article_html(self)

    def __str__(self) -> str:
        from extractor.views.display import article_summary

        return article_summary(self)

    def __repr__(self) -> str:
        from extractor.views.display import article_repr

        return article_repr(self)


class ErrorInfo(_Model):
    type: str
    message: str


class ErrorRecord(_Model):
    """A batch line for an input that could not be processed."""

    id: str | None = None
    error: ErrorInfo
    source: str | None = None


def json_schema() -> dict:
    """The JSON Schema of an Article, as ``vnextract schema`` prints it."""
    return Article.model_json_schema()
