"""Behaviour of the Vietnamese text conventions (numbers, dates, month lists, sorting)."""

from __future__ import annotations

import datetime
import math
import random
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govscore.scoring.collation import collation_key, sort_vietnamese
from govscore.scoring.months import month_list, parse_month_list
from govscore.scoring.vietnamese import (
    admin_date,
    format_number,
    format_percent,
    join_items,
    nfc,
    place_date_line,
    short_date,
)

# ----------------------------------------------------------------------- helpers

VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
COMBINING_MARKS = "\u0300\u0309\u0303\u0301\u0323\u0306\u0302\u031b\u0308"

# Text weighted towards Vietnamese (letters, tone marks, spaces) but reaching every
# code point, digits, punctuation and other scripts included.
vietnamese_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(VIETNAMESE_LETTERS + COMBINING_MARKS + " \t,–-.0123456789"),
        st.characters(codec="utf-8"),
    ),
    max_size=20,
)
finite_decimals = st.builds(
    lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
    st.integers(0, 1),
    st.lists(st.integers(0, 9), min_size=1, max_size=20),
    st.integers(-20, 20),
)
langs = st.sampled_from(["vi", "en"])


def parse_formatted(text: str, lang: str) -> Decimal:
    """Read back a number printed by format_number (the test's own oracle)."""
    if lang == "vi":
        return Decimal(text.replace(".", "").replace(",", "."))
    return Decimal(text.replace(",", ""))


def round_half_up(value: Fraction, places: int) -> Fraction:
    """Reference rounding, ties away from zero, in exact rational arithmetic."""
    scaled = abs(value) * 10**places
    rounded = math.floor(scaled + Fraction(1, 2))
    return Fraction(rounded if value >= 0 else -rounded, 10**places)


def fraction_digits(text: str, lang: str) -> str:
    mark = "," if lang == "vi" else "."
    return text.partition(mark)[2]


# -------------------------------------------------------------------------- nfc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đồng Nai", "Đồng Nai"),
        (unicodedata.normalize("NFD", "Sở Tài chính"), "Sở Tài chính"),
        ("  Sở   Y\ttế \n", "Sở Y tế"),
        ("\u00a0Ban\u2003Dân tộc\u00a0", "Ban Dân tộc"),
        ("", ""),
        (" \t\n ", ""),
    ],
)
def test_it_normalises_to_nfc_and_collapses_whitespace(text: str, expected: str) -> None:
    assert nfc(text) == expected


@given(vietnamese_text)
def test_it_produces_trimmed_single_spaced_nfc_idempotently(text: str) -> None:
    result = nfc(text)
    assert unicodedata.is_normalized("NFC", result)
    assert result == result.strip()
    assert not re.search(r"\s\s", result)
    assert nfc(result) == result


# ---------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "places", "lang", "expected"),
    [
        (Decimal("1234567.5"), None, "vi", "1.234.567,5"),
        (Decimal("1234567.5"), None, "en", "1,234,567.5"),
        (Decimal("9.70"), None, "vi", "9,7"),
        (Decimal(217), None, "vi", "217"),
        (Decimal("0.30"), None, "vi", "0,3"),
        (Decimal("1.000"), None, "vi", "1"),
        (Decimal("1E+2"), None, "vi", "100"),
        (Decimal("1.5E-7"), None, "en", "0.00000015"),
        (Decimal("-1234.5"), None, "vi", "-1.234,5"),
        (Decimal("-0"), None, "vi", "0"),
        (Decimal("0.000"), None, "vi", "0"),
        (1234567, None, "vi", "1.234.567"),
        (-1000, None, "en", "-1,000"),
        (0, None, "vi", "0"),
        (999, None, "vi", "999"),
        (Decimal("1234.5"), 2, "vi", "1.234,50"),
        (Decimal("1234.5"), 2, "en", "1,234.50"),
        (Decimal("2.345"), 2, "vi", "2,35"),
        (Decimal("-2.345"), 2, "vi", "-2,35"),
        (Decimal("0.125"), 2, "en", "0.13"),
        (Decimal("2.5"), 0, "vi", "3"),
        (Decimal("999.995"), 2, "vi", "1.000,00"),
        (Decimal("-0.004"), 2, "vi", "0,00"),
        (Decimal("1E+2"), 1, "vi", "100,0"),
        (7, 1, "vi", "7,0"),
        (Decimal("1E+30"), 1, "en", "1,000,000,000,000,000,000,000,000,000,000.0"),
    ],
)
def test_it_formats_numbers_per_language(value: Decimal | int, places: int | None, lang: str, expected: str) -> None:
    assert format_number(value, places, lang) == expected


@pytest.mark.parametrize(
    ("value", "places", "lang", "error"),
    [
        (1.5, None, "vi", TypeError),
        (True, None, "vi", TypeError),
        ("12", None, "vi", TypeError),
        (Decimal("NaN"), None, "vi", ValueError),
        (Decimal("Infinity"), 2, "vi", ValueError),
        (Decimal(1), -1, "vi", ValueError),
        (Decimal(1), None, "fr", ValueError),
        (Decimal(1), None, "vi-VN", ValueError),
    ],
)
def test_it_rejects_what_it_cannot_format(value: object, places: int | None, lang: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        format_number(value, places, lang)  # type: ignore[arg-type]


@given(finite_decimals, langs)
def test_it_prints_the_exact_value_without_trailing_zeros(value: Decimal, lang: str) -> None:
    text = format_number(value, None, lang)
    assert parse_formatted(text, lang) == value
    assert "E" not in text.upper()
    assert not fraction_digits(text, lang).endswith("0")


@given(finite_decimals, st.integers(0, 6), langs)
def test_it_rounds_half_up_to_exactly_the_requested_places(value: Decimal, places: int, lang: str) -> None:
    text = format_number(value, places, lang)
    assert Fraction(parse_formatted(text, lang)) == round_half_up(Fraction(value), places)
    assert len(fraction_digits(text, lang)) == places


@given(st.integers(-(10**30), 10**30), langs)
def test_it_groups_thousands_in_threes(value: int, lang: str) -> None:
    separator = "." if lang == "vi" else ","
    groups = format_number(value, None, lang).lstrip("-").split(separator)
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])


# ------------------------------------------------------------------ percentages


@pytest.mark.parametrize(
    ("fraction", "places", "lang", "expected"),
    [
        (Decimal("0.97"), 1, "vi", "97%"),
        (Decimal("0.003"), 1, "vi", "0,3%"),
        (Decimal("0.96666"), 1, "vi", "96,7%"),
        (Decimal("0.96666"), 1, "en", "96.7%"),
        (Decimal("0.96666"), 2, "vi", "96,67%"),
        (Decimal("0.96666"), 0, "vi", "97%"),
        (Decimal("0.970"), 1, "vi", "97%"),
        (Decimal("0.9995"), 1, "vi", "100%"),
        (Decimal("0.00049"), 1, "vi", "0%"),
        (Decimal("0.00125"), 2, "en", "0.13%"),
        (Decimal(1), 1, "vi", "100%"),
        (Decimal(0), 1, "vi", "0%"),
        (Decimal("-0.0125"), 1, "vi", "-1,3%"),
        (Decimal("12.345"), 1, "vi", "1.234,5%"),
        (Decimal("12.345"), 1, "en", "1,234.5%"),
    ],
)
def test_it_formats_shares_as_percentages(fraction: Decimal, places: int, lang: str, expected: str) -> None:
    assert format_percent(fraction, places, lang) == expected


@given(finite_decimals, st.integers(0, 4), langs)
def test_it_rounds_percentages_half_up_and_strips_zeros(fraction: Decimal, places: int, lang: str) -> None:
    text = format_percent(fraction, places, lang)
    assert text.endswith("%")
    assert " " not in text
    number = text.removesuffix("%")
    expected = round_half_up(Fraction(fraction) * 100, places)
    assert Fraction(parse_formatted(number, lang)) == expected
    assert len(fraction_digits(number, lang)) <= places
    assert not fraction_digits(number, lang).endswith("0")


# ------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2012, 12, 7), "ngày 07 tháng 12 năm 2012"),
        (datetime.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (datetime.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (datetime.date(2021, 2, 10), "ngày 10 tháng 02 năm 2021"),
        (datetime.date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"),
        (datetime.date(2024, 10, 31), "ngày 31 tháng 10 năm 2024"),
        (datetime.datetime(2020, 1, 5, 14, 30), "ngày 05 tháng 01 năm 2020"),
    ],
)
def test_it_writes_administrative_dates_per_decree_30(day: datetime.date, expected: str) -> None:
    assert admin_date(day) == expected


@given(st.dates())
def test_it_pads_days_always_and_months_only_for_january_and_february(
    day: datetime.date,
) -> None:
    match = re.fullmatch(r"ngày (\d+) tháng (\d+) năm (\d+)", admin_date(day))
    assert match is not None
    day_text, month_text, year_text = match.groups()
    assert len(day_text) == 2
    assert int(day_text) == day.day
    assert month_text == (f"{day.month:02d}" if day.month <= 2 else str(day.month))
    assert int(year_text) == day.year


@pytest.mark.parametrize(
    ("place", "day", "expected"),
    [
        ("Đồng Nai", datetime.date(2012, 12, 7), "Đồng Nai, ngày 07 tháng 12 năm 2012"),
        (
            " Biên  Hòa ",
            datetime.date(2020, 2, 3),
            "Biên Hòa, ngày 03 tháng 02 năm 2020",
        ),
        (
            unicodedata.normalize("NFD", "Hà Nội"),
            datetime.date(2019, 6, 29),
            "Hà Nội, ngày 29 tháng 6 năm 2019",
        ),
    ],
)
def test_it_writes_the_place_and_date_line(place: str, day: datetime.date, expected: str) -> None:
    assert place_date_line(place, day) == expected


def test_it_refuses_a_date_line_without_a_place() -> None:
    with pytest.raises(ValueError, match="place"):
        place_date_line("  ", datetime.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (datetime.date(2012, 12, 7), "vi", "07/12/2012"),
        (datetime.date(2012, 12, 7), "en", "2012-12-07"),
        (datetime.date(2020, 1, 5), "vi", "05/01/2020"),
        (datetime.date(999, 1, 5), "en", "0999-01-05"),
        (datetime.datetime(2020, 1, 5, 14, 30), "en", "2020-01-05"),
    ],
)
def test_it_writes_short_dates(day: datetime.date, lang: str, expected: str) -> None:
    assert short_date(day, lang) == expected


def test_it_rejects_unknown_languages_for_short_dates() -> None:
    with pytest.raises(ValueError, match="language"):
        short_date(datetime.date(2020, 1, 1), "fr")


# ------------------------------------------------------------------ month lists


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ([2, 5, 6], "tháng 2, 5, 6"),
        (list(range(1, 11)), "từ tháng 1 đến tháng 10"),
        ([1], "tháng 1"),
        ([1, 2], "tháng 1, 2"),
        ([1, 2, 8], "tháng 1, 2, 8"),
        ([2, 3, 6, 7, 8, 9], "tháng 2, 3, 6, 7, 8, 9"),
        ([1, 2, 3, 4, 8], "tháng 1, 2, 3, 4, 8"),
        ([1, 2, 3, 5, 6, 7], "tháng 1, 2, 3, 5, 6, 7"),
        ([1, 3, 4, 5, 6, 11], "tháng 1, 3, 4, 5, 6, 11"),
        (list(range(1, 13)), "từ tháng 1 đến tháng 12"),
        ([9, 6, 6, 2, 3, 8, 7], "tháng 2, 3, 6, 7, 8, 9"),
        ([], ""),
    ],
)
def test_it_writes_vietnamese_month_lists(months: list[int], expected: str) -> None:
    assert month_list(months) == expected


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ([2, 5, 6], "months 2, 5, 6"),
        ([1], "month 1"),
        (list(range(1, 11)), "months 1 to 10"),
        ([2, 3, 6, 7, 8, 9], "months 2, 3, 6, 7, 8, 9"),
        ([1, 3, 4, 5, 6, 11], "months 1, 3, 4, 5, 6, 11"),
        ([1, 2, 3, 5, 6, 7], "months 1, 2, 3, 5, 6, 7"),
        ([], ""),
    ],
)
def test_it_writes_english_month_lists(months: list[int], expected: str) -> None:
    assert month_list(months, "en") == expected


@pytest.mark.parametrize(
    ("months", "lang", "message"),
    [
        ([0], "vi", "months must be integers 1 to 12"),
        ([13], "vi", "months must be integers 1 to 12"),
        ([1, -2], "en", "months must be integers 1 to 12"),
        ([1], "fr", "unsupported language 'fr'"),
    ],
)
def test_it_rejects_impossible_months_and_languages(months: list[int], lang: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        month_list(months, lang)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tháng 2,5,6,8,9", (2, 5, 6, 8, 9)),
        ("tháng 1,2,6,7, 8,10", (1, 2, 6, 7, 8, 10)),
        ("từ tháng 1 đến tháng 10", tuple(range(1, 11))),
        ("từ 1 đến tháng 10", tuple(range(1, 11))),
        ("tháng 2, 3 và từ tháng 6 đến tháng 9", (2, 3, 6, 7, 8, 9)),
        ("tháng 1, từ tháng 3 đến tháng 6 và tháng 11", (1, 3, 4, 5, 6, 11)),
        ("Tháng 01, 02 và tháng 12", (1, 2, 12)),
        ("tháng 5, 2, 5", (2, 5)),
        ("từ tháng 4 đến tháng 4", (4,)),
        (unicodedata.normalize("NFD", "từ  tháng 1 đến tháng 3"), (1, 2, 3)),
        ("", ()),
        ("   ", ()),
    ],
)
def test_it_reads_month_lists_as_documents_write_them(text: str, expected: tuple[int, ...]) -> None:
    assert parse_month_list(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2, 5, 6", "expected 'tháng' or 'từ' at the start"),
        ("tháng 13", "13 is not a month"),
        ("tháng 0", "0 is not a month"),
        ("tháng", "expected a month number, found the end of the text"),
        ("tháng 2,", "expected a month number"),
        ("tháng 2 tháng 3", "expected ',' or 'và'"),
        ("từ tháng 2 tháng 5", "expected 'đến'"),
        ("từ tháng 10 đến tháng 2", "runs backwards"),
        ("tháng 2; 3", "unexpected ';'"),
        ("tháng 2-5", "unexpected '-'"),
        ("tháng ²", "expected a month number, found '²'"),
        ("quý 1", "expected 'tháng' or 'từ'"),
        ("months 1 to 3", "expected 'tháng' or 'từ'"),
    ],
)
def test_it_explains_month_lists_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_month_list(text)


@given(st.lists(st.integers(1, 12)))
def test_it_reads_back_every_month_list_it_writes(months: list[int]) -> None:
    assert parse_month_list(month_list(months)) == tuple(sorted(set(months)))


# ------------------------------------------------------------------ join_items


@pytest.mark.parametrize(
    ("items", "sep", "expected"),
    [
        (["Tiêu chí 1", "Tiêu chí 2"], "; ", "Tiêu chí 1; Tiêu chí 2"),
        (("một",), "; ", "một"),
        ([], "; ", ""),
        (["a", "b", "c"], ", ", "a, b, c"),
    ],
)
def test_it_joins_items(items: list[str], sep: str, expected: str) -> None:
    assert join_items(items, sep) == expected


def test_it_refuses_to_join_the_characters_of_a_single_string() -> None:
    with pytest.raises(TypeError):
        join_items("Sở Y tế")


# -------------------------------------------------------------------- collation


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        # Letters with their own place in the alphabet.
        ("An", "Ảnh"),
        ("Ảnh", "Ao"),
        ("Ao", "Ăn"),
        ("Ăn", "Ân"),
        ("Dương", "Đặng"),
        ("Dũng", "Đào"),
        ("Uyên", "Ưng"),
        ("Oanh", "Ô"),
        ("Ôn", "Ơn"),
        ("Em", "Ê"),
        # Tones are a secondary difference, in the order of the decree's alphabet.
        ("ma", "mà"),
        ("mà", "mả"),
        ("mả", "mã"),
        ("mã", "má"),
        ("má", "mạ"),
        ("Hoa", "Hòa"),
        ("mạ", "mb"),  # any letter difference outweighs any tone
        # Words: a shorter word ends before a longer one continues.
        ("An", "Anh"),
        ("An Bình", "Anh"),
        ("Sở Y tế", "Sởa"),
        # Case is tertiary: lower before upper, but only when all else is equal.
        ("an", "An"),
        ("An", "àn"),
        ("đào", "Đào"),
        # Latin letters Vietnamese lacks keep their Latin place.
        ("ez", "f"),
        ("f", "g"),
        ("iz", "j"),
        ("j", "k"),
        ("vz", "w"),
        ("w", "x"),
        ("y", "z"),
        # Digits sort before letters, as in ICU; other scripts after them, by code point.
        ("0", "a"),
        ("9", "a"),
        ("số 1", "số 2"),
        ("số 10", "số 2"),
        ("zz", "α"),
        ("α", "中"),
    ],
)
def test_it_orders_vietnamese_pairs(smaller: str, larger: str) -> None:
    assert collation_key(smaller) < collation_key(larger)
    assert sort_vietnamese([larger, smaller]) == [smaller, larger]


def test_it_orders_tones_ngang_huyen_hoi_nga_sac_nang() -> None:
    expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sort_vietnamese(reversed(expected)) == expected


# Checked against ICU's "vi" collation (Intl.Collator("vi")).
SORTED_AGENCIES = [
    "Ban Dân tộc",
    "Ban Quản lý các Khu công nghiệp Đồng Nai",
    "Bảo hiểm xã hội tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Công an tỉnh",
    "Đài Phát thanh – Truyền hình Đồng Nai",
    "Sở Công thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Giao thông vận tải",
    "Sở Kế hoạch và Đầu tư",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động – Thương binh và Xã hội",
    "Sở Ngoại vụ",
    "Sở Nội vụ",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài chính",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Tư pháp",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Xây dựng",
    "Sở Y tế",
    "Thanh tra tỉnh",
    "UBND huyện Xuân Lộc",
    "Ủy ban nhân dân thành phố Biên Hòa",
    "Văn phòng Ủy ban nhân dân tỉnh",
]

# Checked against ICU's "vi" collation (Intl.Collator("vi")).
SORTED_PEOPLE = [
    "Bùi Thị Xuân",
    "Châu Văn Liêm",
    "Chu Văn An",
    "Dương Minh Châu",
    "Đào Quang Dũng",
    "Đặng Thị Ánh",
    "Hoàng Văn Thụ",
    "Hồ Thị Hà",
    "Huỳnh Tấn Phát",
    "Lê Thị Hồng",
    "Lê Văn Hùng",
    "Lê Văn Hưng",
    "Lưu Ngọc Anh",
    "Ngô Thị Yến",
    "Nguyễn Thị Oanh",
    "Nguyễn Văn Ân",
    "Phạm Văn Đồng",
    "Phan Đình Phùng",
    "Trần Thị Thảo",
    "Trương Công Định",
    "Uông Thị Uyên",
    "Ưng Hoàng Phúc",
    "Võ Văn Kiệt",
    "Vũ Thị Hoa",
    "Vũ Thị Hòa",
]


@pytest.mark.parametrize("expected", [SORTED_AGENCIES, SORTED_PEOPLE], ids=["agencies", "people"])
@pytest.mark.parametrize("seed", range(5))
def test_it_sorts_real_names_like_icu(expected: list[str], seed: int) -> None:
    shuffled = list(expected)
    random.Random(seed).shuffle(shuffled)
    assert sort_vietnamese(shuffled) == expected


def test_it_sorts_nfd_names_like_their_nfc_spelling() -> None:
    decomposed = [unicodedata.normalize("NFD", name) for name in reversed(SORTED_AGENCIES)]
    assert [nfc(name) for name in sort_vietnamese(decomposed)] == SORTED_AGENCIES


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Sở Y tế", unicodedata.normalize("NFD", "Sở Y tế")),
        ("Sở Y tế", "  Sở \t Y   tế "),
        ("Ặng", "A\u0306\u0323ng"),  # breve and dot below in either order
        ("Ặng", "A\u0323\u0306ng"),
        ("Ω", "\u2126"),  # OHM SIGN is canonically GREEK CAPITAL OMEGA
    ],
)
def test_it_gives_canonically_equivalent_text_the_same_key(left: str, right: str) -> None:
    assert collation_key(left) == collation_key(right)


def test_a_soft_hyphen_weighs_nothing() -> None:
    assert collation_key("Nguyễn\u00adVăn")[:3] == collation_key("NguyễnVăn")[:3]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # As ICU's vi collation: a space sorts below punctuation, punctuation below digits and letters.
        ("Bà Rịa Vũng Tàu", "Bà Rịa-Vũng Tàu"),
        ("Sở Y tế", "Sở Y tế."),
        ("A C", "A-B"),
        ("Ba Ria", "Ba-ri-a"),
        ("Sở Văn hóa Thông tin", "Sở Văn hóa, Thể thao và Du lịch"),
        ("An Bình", "Anh"),
        ("Phòng 2", "Phòng A"),
    ],
)
def test_it_orders_spaces_and_punctuation_as_icu_does(first: str, second: str) -> None:
    assert collation_key(first) < collation_key(second)


@given(vietnamese_text)
def test_it_keys_nfc_and_nfd_spellings_alike(text: str) -> None:
    nfd_key = collation_key(unicodedata.normalize("NFD", text))
    assert collation_key(nfc(text)) == nfd_key
    assert collation_key(unicodedata.normalize("NFC", text)) == nfd_key
    assert collation_key(text) == nfd_key


@given(vietnamese_text, vietnamese_text)
def test_it_orders_any_two_texts_consistently(left: str, right: str) -> None:
    left_key, right_key = collation_key(left), collation_key(right)
    assert (left_key < right_key) + (left_key == right_key) + (left_key > right_key) == 1
    # Keys tie only for the same text up to normalisation and whitespace.
    same_text = nfc(left) == nfc(right)
    assert (left_key == right_key) == same_text


@given(st.lists(vietnamese_text, max_size=12), st.randoms(use_true_random=False))
def test_it_sorts_any_texts_totally_whatever_the_input_order(items: list[str], rng: random.Random) -> None:
    result = sort_vietnamese(items)
    assert sorted(result) == sorted(items)
    keys = [collation_key(item) for item in result]
    assert keys == sorted(keys)
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert [nfc(item) for item in sort_vietnamese(shuffled)] == [nfc(item) for item in result]


@given(vietnamese_text)
def test_it_keeps_the_input_order_of_equal_keys(text: str) -> None:
    # Three spellings of one text share a key; a stable sort leaves them as given.
    spellings = [
        unicodedata.normalize("NFD", text),
        f"  {text} ",
        unicodedata.normalize("NFC", text),
    ]
    assert sort_vietnamese(spellings) == spellings


@given(st.characters(categories=["Lu", "Ll", "Lo", "Nd", "No"]))
def test_it_sorts_characters_outside_the_alphabet_after_the_letters(char: str) -> None:
    decomposed = unicodedata.normalize("NFD", char)
    if decomposed[0].lower() in VIETNAMESE_LETTERS.lower() + "fjwz" + "0123456789":
        return  # a Latin letter, possibly accented, or an ASCII digit: part of the alphabet
    assert collation_key("zzz") < collation_key(char)
