"""Every write of manual scores and of the result cache. `recompute(period)` is the only scorer."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from govscore.scoring.engine import score
from govscore.scoring.ledger import grade_cell, ledger_text, unit_dict
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import evaluation_for
from govscore.web.scores.models import ManualScore, Result

LANGUAGES = ("vi", "en")


def recompute(period: EvaluationPeriod) -> list[Result]:
    """Score the whole period with the core and replace its cached results in one transaction.

    Synchronous on purpose: a unit sees the effect of its data immediately (normalised rules
    make every unit's points depend on the others', so the whole period is rescored).
    """
    evaluation = evaluation_for(period)
    by_lang = {lang: score(evaluation, lang) for lang in LANGUAGES}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[u.code for u in evaluation.units])}
    rows = []
    for position, result in enumerate(by_lang["vi"].units, start=1):
        code = result.unit.code
        localized = {lang: by_lang[lang].unit(code) for lang in LANGUAGES}
        rows.append(
            Result(
                period=period,
                unit=units[code],
                group_code=result.unit.group,
                total=result.total,
                max_points=result.max_points,
                percent=result.percent,
                grade=result.grade.grade if result.grade else "",
                grade_label=result.grade.label if result.grade else "",
                grade_cell=grade_cell(result, "vi"),
                rank=result.rank,
                position=position,
                detail={lang: unit_dict(item, by_lang[lang], lang) for lang, item in localized.items()},
                ledger={lang: ledger_text(item, by_lang[lang], lang) for lang, item in localized.items()},
            )
        )
    with transaction.atomic():
        Result.objects.filter(period=period).delete()
        Result.objects.bulk_create(rows)
    return rows


def check_manual_score(period: EvaluationPeriod, criterion_code: str, points: Decimal, reason: str) -> list[str]:
    """Problems with a manual score, in Vietnamese; empty when it may be saved."""
    problems = []
    framework = period.framework.parsed()
    try:
        criterion = framework.criterion(criterion_code)
    except KeyError:
        return [f"Không có tiêu chí mã {criterion_code}."]
    if criterion.children:
        problems.append("Chỉ chấm tay được tiêu chí không có tiêu chí con.")
    if not criterion.min_points <= points <= criterion.max_points:
        problems.append(f"Điểm phải nằm trong khoảng từ {criterion.min_points} đến {criterion.max_points}.")
    if not reason.strip():
        problems.append("Phải ghi lý do khi chấm tay.")
    if not period.is_open:
        problems.append("Kỳ đánh giá đã khoá, không sửa được điểm.")
    return problems


def do_set_manual_score(
    period: EvaluationPeriod,
    unit: Unit,
    criterion_code: str,
    points: Decimal,
    reason: str,
    by: AbstractBaseUser | None,
) -> ManualScore:
    with transaction.atomic():
        manual, _created = ManualScore.objects.update_or_create(
            period=period,
            unit=unit,
            criterion_code=criterion_code,
            defaults={"points": points, "reason": reason.strip(), "entered_by": by},
        )
        recompute(period)
    return manual


def do_remove_manual_score(manual: ManualScore) -> None:
    with transaction.atomic():
        period = manual.period
        manual.delete()
        recompute(period)
