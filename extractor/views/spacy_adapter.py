"""spaCy at the edge: the extractor's records as spaCy spans, for spaCy pipelines and displaCy.

The extractor itself does not build a ``Doc`` (no rule reads tokens).  This module is for
users who live in spaCy:

- :func:`to_doc` turns an :class:`~extractor.records.Article` into a ``Doc`` of syllables
  whose ``doc.spans`` hold every item, one group per kind (``official``, ``role``,
  ``meeting``, ``date``, ``target``, ``percent``, ``quantity``, ``place``, ...), each span
  labelled with its kind and carrying what it was read as in ``span.id_``-free
  ``doc.user_data["tips"]``; ``doc.user_data["article"]`` is the record;
- the ``vn_extractor`` factory is a component for any pipeline: it extracts the record of
  ``doc.text`` and fills the same groups (spans aligned to that pipeline's tokens);
- ``vn_words`` (optional) adds underthesea's word segmentation as ``doc.spans["words"]``;
- :func:`make_nlp` is a blank Vietnamese ``Language`` with the syllable tokenizer and
  ``vn_extractor``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from extractor.records import Article

# One token: a number with its internal separators (``1.200``, ``83,3``; ``14/18`` stays
# three tokens so that the slash can be looked at), a run of letters (apostrophes kept for
# ``H'Bé``), or one other non-space character.
_TOKEN = re.compile(
    r"""
      \d+(?:[.,]\d+){0,6}         # 1.200 | 83,3 | 12.500.000: the groups bounded, so linear
    | [^\W\d_]+(?:['’][^\W\d_]+){0,3}  # syllables, K'Ho / H'Bé (apostrophes bounded: linear)
    | \S                           # any other single character
    """,
    re.VERBOSE,
)


class SyllableTokenizer:
    """A fast, offset-exact tokenizer for Vietnamese news text (every character kept)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        last_end = 0
        for m in _TOKEN.finditer(text):
            start = m.start()
            if start > last_end and words:
                gap = text[last_end:start]
                if gap == " ":
                    spaces[-1] = True
                else:
                    # Keep every character: runs of whitespace become their own token.
                    if gap.startswith(" "):
                        spaces[-1] = True
                        gap = gap[1:]
                    if gap:
                        words.append(gap)
                        spaces.append(False)
            elif start > last_end:
                words.append(text[:start])
                spaces.append(False)
            words.append(m.group())
            spaces.append(False)
            last_end = m.end()
        if last_end < len(text):
            tail = text[last_end:]
            if words and tail.startswith(" "):
                spaces[-1] = True
                tail = tail[1:]
            if tail:
                words.append(tail)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy's serialisation hooks: the tokenizer has no state
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> SyllableTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> SyllableTokenizer:
        return self


@registry.tokenizers("vn_syllable_tokenizer.v1")
def create_syllable_tokenizer():
    def make(nlp):
        return SyllableTokenizer(nlp.vocab)

    return make


def fill_spans(doc: Doc, article: Article) -> Doc:
    """``doc.spans[kind]`` for every item of ``article`` (whose text is ``doc.text``)."""
    from extractor.views.display import KINDS, labelled_spans

    groups: dict[str, list] = {kind: [] for kind in KINDS}
    tips: dict[tuple[str, int, int], str] = {}
    for h in labelled_spans(article):
        span = doc.char_span(h.start, h.end, label=h.kind, alignment_mode="expand")
        if span is not None:
            groups[h.kind].append(span)
            tips[(h.kind, span.start_char, span.end_char)] = h.tip
    for kind, spans in groups.items():
        doc.spans[kind] = spans
    doc.user_data["article"] = article
    doc.user_data["tips"] = tips
    return doc


def to_doc(article: Article, nlp: Language | None = None) -> Doc:
    """The article as a spaCy ``Doc`` of syllables with every item in ``doc.spans``."""
    vocab = nlp.vocab if nlp is not None else Vocab()
    return fill_spans(SyllableTokenizer(vocab)(article.text), article)


@Language.factory("vn_extractor", default_config={"ner": True})
def make_extractor(nlp: Language, name: str, ner: bool):
    """A component: the record of ``doc.text``, its items as ``doc.spans`` groups."""
    from extractor.api import extract

    def vn_extractor(doc: Doc) -> Doc:
        article = extract(doc.text, ner=ner, repair=False)
        if article.text != doc.text:  # normalisation changed the text: offsets no longer match
            doc.user_data["article"] = article
            return doc
        return fill_spans(doc, article)

    return vn_extractor


@Language.factory("vn_words")
def make_words(nlp: Language, name: str):
    """Optional: underthesea's word segmentation as ``doc.spans["words"]`` (about 15 ms a 4 KB article)."""
    from underthesea import word_tokenize

    def words(doc: Doc) -> Doc:
        text = doc.text
        found, pos = [], 0
        for word in word_tokenize(text):
            k = text.find(word, pos)
            if k >= 0:  # underthesea keeps the characters; find each word after the last
                span = doc.char_span(k, k + len(word), label="WORD", alignment_mode="expand")
                if span is not None:
                    found.append(span)
                pos = k + len(word)
        doc.spans["words"] = found
        return doc

    return words


def make_nlp(*, ner: bool = True, words: bool = False) -> Language:
    """A blank Vietnamese pipeline: the syllable tokenizer, ``vn_extractor`` (and ``vn_words``)."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vn_syllable_tokenizer.v1"}}})
    nlp.max_length = 50_000_000  # no parser or statistical model runs here
    nlp.add_pipe("vn_extractor", config={"ner": ner})
    if words:
        nlp.add_pipe("vn_words")
    return nlp


__all__ = ["SyllableTokenizer", "fill_spans", "make_nlp", "to_doc"]
