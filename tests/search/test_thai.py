"""Thai text analysis: the same functions prepare documents and queries."""

from __future__ import annotations

import pytest

from search import thai


def test_normalise_removes_zero_width_characters_and_turns_thai_digits_to_arabic() -> None:
    assert thai.normalise("ผ้า\u200bไหม ๕๐๐ บาท") == "ผ้าไหม 500 บาท"
    assert thai.normalise("  Lamphun\u00a0 SILK ") == "lamphun silk"


def test_normalise_fixes_a_doubled_leading_vowel() -> None:
    # เ + เ typed for แ is a common mistake PyThaiNLP's normalise repairs.
    assert thai.normalise("เเปลก") == "แปลก"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ผ้าไหมยกดอกลำพูน", ["ผ้าไหมยกดอกลำพูน"]),
        ("ลำไยอบแห้งสีทอง", ["ลำไยอบแห้ง", "สี", "ทอง"]),
        ("บ้านเหมืองกุง", ["บ้านเหมืองกุง"]),  # newmm alone: บ้าน|เหมือง|กุ|ง
        ("เครื่องปั้นดินเผาบ้านธิ", ["เครื่องปั้นดินเผา", "บ้านธิ"]),
        ("silk ผ้าไหม 2m", ["silk", "ผ้าไหม", "2m"]),
    ],
)
def test_segmentation_keeps_craft_words_and_place_names_whole(text: str, words: list[str]) -> None:
    assert thai.segment(text) == words


def test_a_compound_word_is_indexed_with_the_words_inside_it() -> None:
    parts = thai.analyse("ผ้าไหมยกดอก").parts

    assert {"ผ้าไหม", "ยก", "ดอก", "ผ้า", "ไหม"} <= set(parts)


def test_boundaries_are_marked_between_thai_words_and_vanish_when_unmarked() -> None:
    marked = thai.mark_boundaries("ผ้าซิ่นลายดอกพิกุล สีทอง")

    assert marked.count(thai.BOUNDARY) >= 1
    assert thai.unmark(marked) == "ผ้าซิ่นลายดอกพิกุล สีทอง"


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("เหมือง", "mueang"),  # royin alone: emueng
        ("เชียงใหม่", "chiang"),  # royin alone: chianghaim
        ("ผ้าไหม", "phamai"),
        ("ลำพูน", "lamphun"),
        ("ป่าซาง", "pasang"),  # geothai's English name: Pa Sang
    ],
)
def test_romanisation_uses_the_curated_spellings_first(word: str, latin: str) -> None:
    assert latin in thai.romanise_word(word)


def test_a_query_in_latin_script_is_joined_to_meet_romanised_compounds() -> None:
    query = thai.analyse_query("pha mai")

    assert query.latin_words == ["pha", "mai"]
    assert "phamai" in query.latin_joined


def test_a_misspelt_place_name_is_corrected_by_its_sound() -> None:
    assert thai.analyse_query("ผ้าไหมลำภูน").thai_words == ["ผ้าไหม", "ลำพูน"]


def test_real_words_side_by_side_are_not_corrected() -> None:
    assert thai.analyse_query("ลำไยอบแห้ง").thai_words == ["ลำไยอบแห้ง"]


def test_document_and_query_analysis_agree() -> None:
    document = thai.analyse("ผ้าฝ้ายทอมือย้อมคราม")
    query = thai.analyse_query("ผ้าฝ้ายทอมือย้อมคราม")

    assert query.thai_words == [w for w in document.words if thai.has_thai(w)]
