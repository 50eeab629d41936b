"""The covering letter (công văn) that sends the results table, in the form of Nghị định 30/2020/NĐ-CP,
Phụ lục I: national motto, agency, number, place and date, "V/v" line, "Kính gửi", body, "Nơi nhận" and
signature. Its body is the administrator's template with placeholders filled from the results, so the
letter states the same numbers as the table it covers."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from govscore.documents.build import BLANK, BLANK_DATE, place_date, typed_lines
from govscore.documents.content import Signature
from govscore.scoring.model import Publication
from govscore.scoring.results import EvaluationResult
from govscore.scoring.vietnamese import admin_date, nfc

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
DEFAULT_BODY = (
    "Căn cứ Bộ tiêu chí đánh giá mức độ ứng dụng công nghệ thông tin năm {nam}, {co_quan} đã tổng hợp, "
    "thẩm định và đánh giá kết quả ứng dụng công nghệ thông tin của {so_don_vi} cơ quan, đơn vị.\n"
    "{co_quan} thông báo kết quả đánh giá năm {nam} (chi tiết tại bảng kèm theo): {xep_loai}.\n"
    "Đề nghị các cơ quan, đơn vị căn cứ kết quả đánh giá, phát huy các nội dung thực hiện tốt, khắc phục các "
    "nội dung chưa tốt để nâng cao hiệu quả ứng dụng công nghệ thông tin trong năm tiếp theo./."
)
# What a template may name; each is explained on the publication page.
PLACEHOLDERS = ("nam", "co_quan", "so_don_vi", "xep_loai", "so_cong_van", "ngay_cong_van", "ten_ky")


@dataclass(frozen=True)
class LetterText:
    """What the administrator writes for the letter (the number, date and signer are the publication's)."""

    parent_agency: str = ""
    subject: str = ""
    recipients: str = ""
    body: str = DEFAULT_BODY
    copies_to: str = ""


@dataclass(frozen=True)
class CoveringLetter:
    agency_lines: tuple[str, ...]  # cơ quan chủ quản, then the issuing agency (upper case)
    number: str  # "Số: 1186/STTT"
    subject_lines: tuple[str, ...]  # "V/v …"
    place_date: str
    recipients: tuple[str, ...]
    paragraphs: tuple[str, ...]
    copies_to: tuple[str, ...]
    signature: Signature
    author: str = ""
    draft: bool = False


def unknown_placeholders(template: str) -> list[str]:
    """The names in braces a template uses that are not placeholders (a typo prints wrong), in order."""
    try:
        names = [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None]
    except ValueError:  # an unpaired brace
        return ["{"]
    return list(dict.fromkeys(name for name in names if name not in PLACEHOLDERS))


def grade_summary(result: EvaluationResult) -> str:
    """ "3 đơn vị loại A+, 5 đơn vị loại A" in the bands' order; units without a grade are not counted."""
    counts = Counter(unit.grade.grade for unit in result.units if unit.grade is not None)
    order = [band.grade for band in result.evaluation.framework.grading.all_bands()]
    ordered = sorted(counts, key=lambda grade: order.index(grade) if grade in order else len(order))
    return ", ".join(f"{counts[grade]} đơn vị loại {grade}" for grade in ordered) or BLANK


def values_for(result: EvaluationResult, publication: Publication) -> dict[str, str]:
    evaluation = result.evaluation
    organisation = evaluation.organisation
    return {
        "nam": str(evaluation.period.year),
        "co_quan": nfc(publication.issuer or organisation.short_name or organisation.name) or BLANK,
        "so_don_vi": str(len(result.units)),
        "xep_loai": grade_summary(result),
        "so_cong_van": nfc(publication.letter_number) or BLANK,
        "ngay_cong_van": admin_date(publication.letter_date) if publication.letter_date else BLANK_DATE,
        "ten_ky": nfc(evaluation.period.title) or str(evaluation.period.year),
    }


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with its placeholders replaced; callers have refused unknown ones already."""
    return string.Formatter().vformat(template, (), dict(values))


def build_letter(
    result: EvaluationResult, publication: Publication, text: LetterText, *, draft: bool = False
) -> CoveringLetter:
    evaluation = result.evaluation
    organisation = evaluation.organisation
    agency = nfc(organisation.name) or BLANK
    body = fill(text.body, values_for(result, publication))
    subject = nfc(text.subject) or f"Kết quả đánh giá mức độ ứng dụng CNTT năm {evaluation.period.year}"
    return CoveringLetter(
        agency_lines=(*(line.upper() for line in typed_lines(text.parent_agency)), agency.upper()),
        number=f"Số: {nfc(publication.letter_number) or BLANK}",
        subject_lines=tuple(f"V/v {line}" if index == 0 else line for index, line in enumerate(typed_lines(subject))),
        place_date=place_date(evaluation, publication),
        recipients=typed_lines(text.recipients) or (BLANK,),
        paragraphs=tuple(re.sub(r"\s+", " ", part).strip() for part in body.splitlines() if part.strip()),
        copies_to=typed_lines(text.copies_to) or ("- Như trên;", "- Lưu: VT."),
        signature=Signature(
            tuple(line.upper() for line in typed_lines(publication.signer_title)), nfc(publication.signer_name)
        ),
        author=agency,
        draft=draft,
    )
