"""The note under the table: which decision the scores follow, and the band table."""

from __future__ import annotations

from decimal import Decimal

from govscore.documents.content import Footnote
from govscore.scoring.model import Band, Framework, GradingBasis
from govscore.scoring.vietnamese import format_number, nfc, short_date


def decision_sentence(framework: Framework) -> str:
    decision = framework.decision
    parts = [f"Theo Quyết định số {decision.number}"]
    if decision.date is not None:
        parts.append(f"ngày {short_date(decision.date)}")
    if decision.issuer:
        parts.append(f"của {decision.issuer}")
    parts.append(f"ban hành {decision.title or framework.title}")
    return nfc(" ".join(parts)) + ";"


def _amount(value: Decimal, basis: GradingBasis) -> str:
    text = format_number(value, None, "vi")
    return f"{text}%" if basis == "percent" else text


def band_range(band: Band, basis: GradingBasis) -> str:
    """`từ 160 đến dưới 180 điểm`, `dưới 140 điểm`, `từ 180 điểm trở lên`: the decree's wording."""
    unit = " điểm" if basis == "points" else ""
    lower, upper = band.lower, band.upper
    if lower is not None and upper is not None:
        start = ("từ " if lower.inclusive else "trên ") + _amount(lower.value, basis)
        end = ("đến " if upper.inclusive else "đến dưới ") + _amount(upper.value, basis)
        return f"{start} {end}{unit}"
    if lower is not None:
        if lower.inclusive:
            return f"từ {_amount(lower.value, basis)}{unit} trở lên"
        return f"trên {_amount(lower.value, basis)}{unit}"
    if upper is not None:
        if upper.inclusive:
            return f"từ {_amount(upper.value, basis)}{unit} trở xuống"
        return f"dưới {_amount(upper.value, basis)}{unit}"
    return "mọi mức điểm"


def band_line(band: Band, basis: GradingBasis) -> str:
    name = f"{band.grade} ({band.label})" if band.label else band.grade
    return nfc(f"{name}: {band_range(band, basis)}")


def footnote(framework: Framework) -> Footnote:
    grading = framework.grading
    heading = "Khung chấm điểm xếp loại như sau"
    if grading.basis == "percent":
        heading += " (tính theo tỷ lệ điểm đạt trên điểm tối đa của đơn vị)"
    if not grading.enabled:
        return Footnote(label="Ghi chú:", decision=decision_sentence(framework), bands_heading="", bands=())
    lines = [band_line(band, grading.basis) for band in grading.bands]
    for group, bands in grading.by_group.items():
        own = "; ".join(band_line(band, grading.basis) for band in bands)
        lines.append(nfc(f"Riêng {framework.group_name(group)}: {own}"))
    if grading.quota is not None:
        lines.append(
            nfc(
                f"Số đơn vị xếp loại {grading.quota.grade} không quá {_amount(grading.quota.share, 'percent')} "
                "số đơn vị của khối, theo thứ hạng"
            )
        )
    lines.extend(nfc(f"Không xếp loại cao hơn {cap.grade} khi: {cap.reason}") for cap in grading.caps)
    return Footnote(
        label="Ghi chú:",
        decision=decision_sentence(framework),
        bands_heading=f"- {heading}:",
        bands=tuple(lines),
    )
