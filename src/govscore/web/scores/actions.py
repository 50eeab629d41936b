"""Every write of manual scores and of the result cache. `recompute(period)` is the only scorer."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext

from govscore.scoring.engine import score_in
from govscore.scoring.ledger import grade_cell, unit_dict
from govscore.scoring.vietnamese import collation_key, format_number
from govscore.web.i18n import current_language
from govscore.web.orgs.models import Unit
from govscore.web.periods.freeze import locked_message
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import evaluation_for, framework_of
from govscore.web.scores.models import SUMMARY_KEYS, ManualScore, Result

LANGUAGES = ("vi", "en")


def recompute(period: EvaluationPeriod) -> list[Result]:
    """Score the whole period with the core and replace its cached results in one transaction.

    Synchronous on purpose: a unit sees the effect of its data immediately (normalised rules
    make every unit's points depend on the others', so the whole period is rescored).
    """
    evaluation = evaluation_for(period)
    by_lang = score_in(evaluation, LANGUAGES)
    # `EvaluationResult.unit()` searches the list: index once, or a national period costs n² look-ups.
    by_code = {lang: {item.unit.code: item for item in scored.units} for lang, scored in by_lang.items()}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[u.code for u in evaluation.units])}
    name_order = name_orders(unit.name for unit in evaluation.units)
    rows = []
    for position, result in enumerate(by_lang["vi"].units, start=1):
        code = result.unit.code
        localized = {lang: by_code[lang][code] for lang in LANGUAGES}
        detail = {lang: unit_dict(item, by_lang[lang], lang) for lang, item in localized.items()}
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
                detail=detail,
                summary={lang: {key: item[key] for key in SUMMARY_KEYS} for lang, item in detail.items()},
                name_order=name_order[result.unit.name],
            )
        )
    with transaction.atomic():
        Result.objects.filter(period=period).delete()
        Result.objects.bulk_create(rows)
    return rows


def name_orders(names: Iterable[str]) -> dict[str, int]:
    """Each name's dense rank in Vietnamese alphabetical order; names the collation holds equal share one."""
    keys = {name: collation_key(name) for name in names}
    dense = {key: index for index, key in enumerate(sorted(set(keys.values())), start=1)}
    return {name: dense[key] for name, key in keys.items()}


def check_manual_score(period: EvaluationPeriod, criterion_code: str, points: Decimal, reason: str) -> list[str]:
    """Problems with a manual score, in the user's language; empty when it may be saved."""
    problems = []
    framework = framework_of(period.framework)
    try:
        criterion = framework.criterion(criterion_code)
    except KeyError:
        return [gettext("Không có tiêu chí mã %(code)s.") % {"code": criterion_code}]
    if criterion.children:
        problems.append(gettext("Chỉ chấm tay được tiêu chí không có tiêu chí con."))
    if not criterion.min_points <= points <= criterion.max_points:
        lang = current_language()
        problems.append(
            gettext("Điểm phải nằm trong khoảng từ %(low)s đến %(high)s.")
            % {
                "low": format_number(criterion.min_points, lang=lang),
                "high": format_number(criterion.max_points, lang=lang),
            }
        )
    if not reason.strip():
        problems.append(gettext("Phải ghi lý do khi chấm tay."))
    if not period.is_open:
        problems.append(locked_message(period))
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
