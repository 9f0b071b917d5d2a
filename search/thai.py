"""Thai text analysis for search: the same functions process documents and queries.

Thai has no spaces between words, and Elasticsearch's integ-test distribution has no Thai or ICU
analysis, so text is analysed here and Elasticsearch only splits on spaces. The steps:

- `normalise`: NFC, zero-width characters removed, Thai digits to Arabic, PyThaiNLP's fixes of
  common typing errors (doubled vowels, tone marks in the wrong order), Latin lowercased.
- `segment`: PyThaiNLP `newmm` with the standard word list plus a dictionary of local craft
  words (search/data/craft_words.txt) and place names from `geothai`, so that ผ้าไหมยกดอก and
  บ้านเหมืองกุง stay whole.
- `parts`: the finer words inside each word (ผ้าไหมยกดอก → ผ้าไหม ยก ดอก, ผ้าไหม → ผ้า ไหม), so a
  search for a part still finds the whole.
- `romanise`: a curated override table (search/data/romanisation.tsv, geothai's English place
  names) before PyThaiNLP's royin engine, so "pha mai" and "lamphun" reach Thai products.
- `sound`: Thai soundex (udom83), used to correct misspelt Thai words of the dictionaries
  (ลำภูน → ลำพูน).

Nothing downloads at run time (PYTHAINLP_OFFLINE); the dictionary loads once per process.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import geothai
from pythainlp.corpus import thai_words
from pythainlp.soundex import soundex
from pythainlp.tokenize import word_tokenize
from pythainlp.tokenize.tcc import tcc_pos
from pythainlp.transliterate import romanize
from pythainlp.util import Trie
from pythainlp.util import normalize as pythainlp_normalize

DATA_DIR = Path(__file__).resolve().parent / "data"
# Put between words of indexed text: Elasticsearch's standard tokenizer splits on it, and it is
# removed again from highlighted fragments, so shoppers see the text as it was written.
BOUNDARY = "\u2009"
# Provinces whose subdistrict names go into the dictionary (Lamphun and its neighbours); every
# province and district of Thailand is added too.
SUBDISTRICT_PROVINCES = ("51", "50", "52")

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI = re.compile("[\u0e00-\u0e7f]")
_THAI_RUN = re.compile("[\u0e00-\u0e7f]+")
_LATIN_WORD = re.compile(r"[0-9a-z]+(?:['\u2019][a-z]+)?")
_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]+>")


def has_thai(text: str) -> bool:
    return bool(_THAI.search(text))


def normalise(text: str) -> str:
    """The canonical form of text for indexing and querying (see the module docstring)."""
    text = unicodedata.normalize("NFC", text or "")
    text = _ZERO_WIDTH.sub("", text).translate(_THAI_DIGITS)
    if has_thai(text):
        text = pythainlp_normalize(text)
    return _SPACES.sub(" ", text).strip().lower()


def strip_html(text: str) -> str:
    """Plain text of a sanitised rich-text description."""
    import html

    return html.unescape(_TAGS.sub(" ", text or ""))


# --- Dictionaries ---------------------------------------------------------------------------


def _lines(name: str) -> list[str]:
    path = DATA_DIR / name
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@cache
def craft_words() -> frozenset[str]:
    return frozenset(normalise(word) for word in _lines("craft_words.txt"))


@cache
def place_names() -> dict[str, str]:
    """Thai place name → its English name (from geothai), for the dictionary and romanisation."""
    names: dict[str, str] = {}
    for province in geothai.provinces():
        names[province.name_th] = province.name_en
        for district in geothai.districts(province.code):
            names[district.name_th] = district.name_en
            if province.code in SUBDISTRICT_PROVINCES:
                for subdistrict in geothai.subdistricts(district.code):
                    names[subdistrict.name_th] = subdistrict.name_en
    return {normalise(th): normalise(en) for th, en in names.items() if th}


@cache
def local_words() -> frozenset[str]:
    """Our own dictionary: craft words and place names (what the spelling correction knows)."""
    return craft_words() | frozenset(place_names())


@cache
def _base_words() -> frozenset[str]:
    return frozenset(thai_words())


@cache
def _custom_trie() -> Trie:
    return Trie(set(_base_words()) | set(local_words()))


@cache
def _base_trie() -> Trie:
    return Trie(set(_base_words()))


def is_known_word(word: str) -> bool:
    return word in _base_words() or word in local_words()


# --- Segmentation ---------------------------------------------------------------------------


def _tokens(text: str, trie: Trie) -> list[str]:
    return [
        token
        for token in word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=False)
        if token.strip()
    ]


@lru_cache(maxsize=50_000)
def _segment_run(run: str) -> tuple[str, ...]:
    return tuple(_tokens(run, _custom_trie()))


def segment(text: str) -> list[str]:
    """Words of normalised text: Thai runs cut by newmm with the local dictionary, Latin words
    and numbers as they are."""
    return _segment_normalised(normalise(text))


def _segment_normalised(text: str) -> list[str]:
    words: list[str] = []
    for chunk in text.split(" "):
        position = 0
        for match in _THAI_RUN.finditer(chunk):
            words.extend(_LATIN_WORD.findall(chunk[position : match.start()]))
            words.extend(_segment_run(match.group()))
            position = match.end()
        words.extend(_LATIN_WORD.findall(chunk[position:]))
    return words


def mark_boundaries(text: str) -> str:
    """Normalised text with `BOUNDARY` between the Thai words, for indexing and highlighting."""
    return _mark_normalised(normalise(text))


def _mark_normalised(text: str) -> str:
    pieces: list[str] = []
    for chunk in text.split(" "):
        marked = _THAI_RUN.sub(lambda m: BOUNDARY.join(_segment_run(m.group())), chunk)
        pieces.append(marked)
    return " ".join(pieces)


def mark_fine_boundaries(text: str) -> str:
    """Like `mark_boundaries`, cutting with the standard word list only (finer: ผ้าไหม|ยก|ดอก)."""
    pieces: list[str] = []
    for chunk in normalise(text).split(" "):
        pieces.append(
            _THAI_RUN.sub(lambda m: BOUNDARY.join(_tokens(m.group(), _base_trie())), chunk)
        )
    return " ".join(pieces)


def unmark(text: str) -> str:
    return text.replace(BOUNDARY, "")


def _cover(word: str, *, shortest: int = 3) -> tuple[str, ...]:
    """`word` cut, at character-cluster boundaries, into the fewest dictionary words of at least
    `shortest` characters (two or more); () when there is no such cut."""
    cuts = sorted({0, len(word), *tcc_pos(word)})
    best: dict[int, tuple[str, ...]] = {0: ()}
    for end in cuts[1:]:
        for start in cuts:
            if start >= end or start not in best:
                continue
            piece = word[start:end]
            if len(piece) < shortest or piece == word or not is_known_word(piece):
                continue
            candidate = (*best[start], piece)
            if end not in best or len(candidate) < len(best[end]):
                best[end] = candidate
    found = best.get(len(word), ())
    return found if len(found) > 1 else ()


@lru_cache(maxsize=50_000)
def word_parts(word: str) -> tuple[str, ...]:
    """Finer words inside a Thai word (not the word itself): ผ้าไหมยกดอก → ผ้าไหม, ยก, ดอก, ผ้า,
    ไหม. A local compound is cut by newmm with the standard word list; every word (and piece)
    of six characters or more is cut into the fewest dictionary words of three or more."""
    if not has_thai(word) or len(word) < 5:
        return ()
    pieces: list[str] = []
    if word in local_words():
        pieces.extend(p for p in _tokens(word, _base_trie()) if p != word)
    for piece in [word, *pieces]:
        if len(piece) >= 6:
            pieces.extend(_cover(piece))
    return tuple(dict.fromkeys(p for p in pieces if p != word and len(p) >= 2))


def parts(words: list[str]) -> list[str]:
    """The finer words inside `words` (each once, in order)."""
    return list(dict.fromkeys(part for word in words for part in word_parts(word)))


# --- Romanisation and sound -----------------------------------------------------------------


@cache
def romanisation_overrides() -> dict[str, tuple[str, ...]]:
    spellings: dict[str, str] = dict(place_names())
    for line in _lines("romanisation.tsv"):
        thai, _tab, latin = line.partition("\t")
        spellings[normalise(thai)] = latin
    table: dict[str, tuple[str, ...]] = {}
    for word, latin in spellings.items():
        tokens: list[str] = []
        for alternative in latin.split("|"):
            words = _LATIN_WORD.findall(alternative.lower())
            tokens.extend(words)
            if len(words) > 1:
                tokens.append("".join(words))  # "pha mai" is also indexed as "phamai"
        table[word] = tuple(dict.fromkeys(tokens))
    return table


@lru_cache(maxsize=50_000)
def romanise_word(word: str) -> tuple[str, ...]:
    """Latin spellings of one word: the curated ones; else those of its pieces when the standard
    word list cuts it (royin errs on long compounds); else royin. Latin words stay as they are."""
    if not has_thai(word):
        return (word,)
    override = romanisation_overrides().get(word)
    if override:
        return override
    pieces = _tokens(word, _base_trie())
    if len(pieces) > 1:
        return tuple(dict.fromkeys(latin for piece in pieces for latin in romanise_word(piece)))
    latin = _LATIN_WORD.findall(romanize(word, engine="royin").lower())
    return ("".join(latin),) if latin else ()


def romanise(words: list[str]) -> list[str]:
    return [latin for word in words for latin in romanise_word(word)]


@lru_cache(maxsize=50_000)
def sound(word: str) -> str:
    """The udom83 soundex code of a Thai word of at least two syllables' length, else ""."""
    if not has_thai(word) or len(word) < 4:
        return ""
    return str(soundex(word, engine="udom83"))


@cache
def _local_words_by_sound() -> dict[str, tuple[str, ...]]:
    by_sound: dict[str, list[str]] = {}
    for word in local_words():
        code = sound(word)
        if code and " " not in word:
            by_sound.setdefault(code, []).append(word)
    return {code: tuple(sorted(words)) for code, words in by_sound.items()}


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def correct(words: list[str]) -> list[str]:
    """Replace a misspelt local word (cut into unknown pieces by newmm) by the dictionary word
    that sounds the same and is at most two edits away: ลำ|ภู|น → ลำพูน."""
    corrected: list[str] = []
    index = 0
    while index < len(words):
        replaced = False
        for width in (4, 3, 2, 1):
            window = words[index : index + width]
            if len(window) < width or not all(has_thai(w) for w in window):
                continue
            if width == 1 and is_known_word(window[0]):
                continue
            joined = "".join(window)
            if width > 1 and all(is_known_word(w) and len(w) > 2 for w in window):
                continue  # real words side by side, not a misspelling
            candidates = [
                word
                for word in _local_words_by_sound().get(sound(joined), ())
                if word != joined and _edit_distance(word, joined) <= 2
            ]
            if candidates:
                corrected.append(min(candidates, key=lambda w: _edit_distance(w, joined)))
                index += width
                replaced = True
                break
        if not replaced:
            corrected.append(words[index])
            index += 1
    return corrected


# --- Documents and queries ------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysedText:
    """One field of a document: what goes into each index field."""

    marked: str  # normalised text, BOUNDARY between Thai words
    words: list[str]
    parts: list[str]
    romanised: list[str]
    sounds: list[str]


def analyse(text: str) -> AnalysedText:
    normalised = normalise(text)
    marked = _mark_normalised(normalised)
    words = _segment_normalised(normalised)
    thai = [word for word in words if has_thai(word)]
    word_parts_of = parts(thai)
    return AnalysedText(
        marked=marked,
        words=words,
        parts=word_parts_of,
        romanised=list(dict.fromkeys(romanise(thai + word_parts_of))),
        sounds=[code for code in (sound(word) for word in thai) if code],
    )


@dataclass(frozen=True)
class AnalysedQuery:
    """A shopper's query, analysed like the documents."""

    text: str  # normalised
    thai_words: list[str] = field(default_factory=list)
    thai_parts: list[str] = field(default_factory=list)
    latin_words: list[str] = field(default_factory=list)
    latin_joined: list[str] = field(default_factory=list)  # "pha mai" → "phamai"
    sounds: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.thai_words or self.latin_words)

    @property
    def tokens(self) -> list[str]:
        return self.thai_words + self.latin_words


def analyse_query(text: str) -> AnalysedQuery:
    normalised = normalise(text)[:200]
    words = segment(normalised)
    thai = correct([word for word in words if has_thai(word)])
    latin = [word for word in words if not has_thai(word)]
    joined = ["".join(latin[i : i + 2]) for i in range(len(latin) - 1)]
    if len(latin) > 2:
        joined.append("".join(latin))
    return AnalysedQuery(
        text=normalised,
        thai_words=thai,
        thai_parts=[part for part in parts(thai) if part not in thai],
        latin_words=latin,
        latin_joined=joined,
        sounds=[code for code in (sound(word) for word in thai) if code],
    )


def warm_up() -> None:
    """Load the dictionaries now (worker and web start-up), not on a shopper's first search."""
    analyse_query("ผ้าไหมยกดอกลำพูน")
    romanize("ผ้าไหม", engine="royin")  # royin loads a dictionary of its own
