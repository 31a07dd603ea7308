"""Finding actors' names in a text: one Aho–Corasick automaton over every alias.

Plain Python, no Django import. Text and aliases are compared after the
archive's one normalisation (``archive.normalization``) and with Latin letters
lower-cased, so ``أنقرة`` finds ``انقرة`` and ``SDF`` finds ``sdf``. A name
counts only as a whole word, allowing the proclitics Arabic attaches in front
of it, alone or combined: ``و`` ``ف`` (and), ``ب`` ``ل`` ``ك`` (in, to, like),
the article ``ال``, and ``لل`` (``ل`` + ``ال``). ``وقسد``, ``لقسد``, ``بالحسكة``
and ``للحسكة`` all name their actor; ``قسدي`` and ``مقسد`` do not. Quotation
marks, brackets and tatweel between a proclitic and the name are allowed
(``لـ"قسد"``, ``و”قسد”``). Offsets point at the name, never at the proclitic.

Where names overlap the longest wins (``قوات سوريا الديمقراطية``, not the
``سوريا`` inside it). An alias shared by several actors (a surname, a place
that is also an outlet) gives one match with every candidate.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from archive.normalization import normalize_arabic, normalize_arabic_mapped

# What may stand before a name inside its word, by whether the article may be
# among them. "و/ف" then "ب/ل/ك" then "ال"; "لل" is "ل" + "ال".
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
PROCLITICS = frozenset(c + p for c in _CONJUNCTIONS for p in _PREPOSITIONS)
PROCLITICS_WITH_ARTICLE = PROCLITICS | frozenset(
    c + p for c in _CONJUNCTIONS for p in ("ال", "بال", "كال", "لل")
)
# Before an alias that itself starts with the article, ``ل`` elides its alef
# (``ل`` + ``الحسكة`` = ``للحسكة``): the automaton holds ``لحسكة`` too, which
# only a ``ل`` (after an optional ``و``/``ف``) may precede.
_ELIDED_PROCLITICS = frozenset(c + "ل" for c in _CONJUNCTIONS)
_LONGEST_PROCLITIC = max(map(len, PROCLITICS_WITH_ARTICLE))
_ARTICLE = "ال"
_MARKS_AFTER = re.compile("[\u064b-\u0655\u0670]*")


@dataclass(frozen=True)
class AliasSpec:
    """One spelling of one actor's name.

    ``actor`` is any hashable key (the actor's id); ``ref`` identifies the
    alias itself (its id), given back with each match. ``allows_article``: may
    the name take the article ``ال``? Off for names whose ``ال`` form is another
    word: ``السورية`` is "the Syrian", not Syria (``سورية``).
    """

    text: str
    actor: Hashable
    allows_article: bool = True
    ref: Hashable = None


class Match(NamedTuple):
    """A name found in the text: ``text[start:end] == quote`` (code points)."""

    start: int
    end: int
    quote: str
    alias: str  # the alias as normalised
    actors: tuple  # every candidate actor, in the order their aliases were given
    refs: tuple  # the matching aliases' refs, one per actor

    @property
    def ambiguous(self) -> bool:
        return len(self.actors) > 1


def match_key(text: str) -> str:
    """One spelling's identity: normalised, Latin letters in lower case, runs
    of white space as one space, none around it (``SDF`` and ``sdf`` are one
    alias)."""
    return " ".join(normalize_arabic(text).lower().split())


def _forms(text: str) -> set[str]:
    """What the automaton looks for: the spelling normalised, and for Latin
    letters as given, in lower case, upper case and title case. (The text is
    not lower-cased: that would cost a pass over every article.) A name is
    found with single spaces between its words, as aliases are written."""
    spelled = " ".join(normalize_arabic(text).split())
    return {spelled, spelled.lower(), spelled.upper(), spelled.title()} - {""}


@dataclass
class _Entry:
    alias: str
    length: int
    elided: bool  # the ``لحسكة`` form of ``الحسكة``
    actors: list
    refs: list
    allows_article: bool
    actor_tuple: tuple = ()
    ref_tuple: tuple = ()


class Matcher:
    """Every alias of ``aliases`` in one automaton; ``find(text)`` the matches."""

    def __init__(self, aliases: Iterable[AliasSpec]):
        entries: dict[tuple[str, bool], _Entry] = {}
        for spec in aliases:
            key = match_key(spec.text)
            if not key:
                continue
            forms = [(form, False) for form in sorted(_forms(spec.text))]
            if key.startswith(_ARTICLE) and len(key) > len(_ARTICLE):
                forms.append((key[1:], True))
            for form, elided in forms:
                entry = entries.get((form, elided))
                if entry is None:
                    entry = entries[(form, elided)] = _Entry(
                        key, len(form), elided, [], [], spec.allows_article
                    )
                if spec.actor not in entry.actors:
                    entry.actors.append(spec.actor)
                    entry.refs.append(spec.ref)
                # The article is allowed unless one of the actors sharing the
                # spelling says otherwise.
                entry.allows_article = entry.allows_article and spec.allows_article
        self.alias_count = len({entry.alias for entry in entries.values()})
        for entry in entries.values():
            entry.actor_tuple, entry.ref_tuple = tuple(entry.actors), tuple(entry.refs)
        self._automaton = ahocorasick.Automaton()
        by_form: dict[str, list[_Entry]] = {}
        for (form, _elided), entry in entries.items():
            by_form.setdefault(form, []).append(entry)
        for form, form_entries in by_form.items():
            self._automaton.add_word(form, tuple(form_entries))
        self._empty = not by_form
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """The names in ``text``, in text order, none overlapping another."""
        if self._empty or not text:
            return []
        normalised, origin = normalize_arabic_mapped(text)
        length = len(normalised)
        found: list[tuple[int, int, _Entry]] = []
        isalpha = str.isalpha
        for last, form_entries in self._automaton.iter(normalised):
            end = last + 1
            if end < length and isalpha(normalised[end]):
                continue
            for entry in form_entries:
                start = end - entry.length
                if start and isalpha(normalised[start - 1]):
                    if not _clitics_allow(normalised, start, entry):
                        continue
                elif entry.elided:
                    continue  # the form of للحسكة needs its ل
                found.append((start, end, entry))
        if not found:
            return []
        if len(found) > 1:
            # Longest first, then leftmost; a name never overlaps a longer one.
            found.sort(key=lambda item: (item[0] - item[1], item[0]))
            occupied = bytearray(length)
            taken = []
            for candidate in found:
                start, end, _ = candidate
                if occupied.find(1, start, end) == -1:
                    occupied[start:end] = b"\x01" * (end - start)
                    taken.append(candidate)
            taken.sort(key=lambda item: item[0])
        else:
            taken = found
        matches = []
        marks_after = _MARKS_AFTER.match
        for start, end, entry in taken:
            body_start = origin(start)
            body_end = marks_after(text, origin(end - 1) + 1).end()  # harakat go with it
            matches.append(
                Match(
                    body_start,
                    body_end,
                    text[body_start:body_end],
                    entry.alias,
                    entry.actor_tuple,
                    entry.ref_tuple,
                )
            )
        return matches


def _clitics_allow(text: str, start: int, entry: _Entry) -> bool:
    """Are the letters before ``start`` in its word proclitics the alias allows?"""
    word_start = start
    floor = max(0, start - _LONGEST_PROCLITIC - 1)
    while word_start > floor and text[word_start - 1].isalpha():
        word_start -= 1
    if word_start > 0 and text[word_start - 1].isalpha():
        return False  # more letters than any run of proclitics
    before = text[word_start:start]
    if entry.elided:
        return before in _ELIDED_PROCLITICS
    if not before:
        return True
    if entry.alias.startswith(_ARTICLE) or not entry.allows_article:
        return before in PROCLITICS
    return before in PROCLITICS_WITH_ARTICLE
