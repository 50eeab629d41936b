"""Manual scores: a council's or evaluator's points for one criterion, always with a reason."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext

from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.web.actions import Refused, User, versioned_delete, versioned_save, writing
from govscore.web.i18n import current_language
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.models import ManualScore, NotApplicable, OwnMaximum, RankingExclusion
from govscore.web.scores.rescoring import rescoring
from govscore.web.text import REASON_MAX, nfc_text, too_long


def manual_score_problems(framework: Framework, criterion_code: str, points: Decimal, reason: str) -> list[str]:
    """Problems with a manual score, in the user's language; empty when it may be saved."""
    try:
        criterion = framework.criterion(criterion_code)
    except KeyError:
        return [gettext("Không có tiêu chí mã %(code)s.") % {"code": criterion_code}]
    problems = []
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
    problems += too_long(gettext("Lý do"), nfc_text(reason), REASON_MAX)
    return problems


def do_set_manual_score(
    period: EvaluationPeriod,
    unit: Unit,
    criterion_code: str,
    points: Decimal,
    reason: str,
    by: User | None,
    *,
    expected_version: int | None = None,
) -> ManualScore:
    """Create or change the score. `expected_version` is the version of the score the caller read
    (0: there was none; None: not checked); VersionConflict when the stored one is no longer at it."""
    with writing(period, by), rescoring(period, [unit], indicators=()):
        problems = manual_score_problems(period.framework.parsed(), criterion_code, points, reason)
        if problems:
            raise Refused(*problems)

        def change(manual: ManualScore) -> None:
            manual.points, manual.reason = points, nfc_text(reason)
            manual.entered_by = by if by is not None and by.is_authenticated else None  # type: ignore[assignment]

        manual = versioned_save(
            ManualScore.objects.filter(period=period, unit=unit, criterion_code=criterion_code),
            expected_version,
            **_named(period, unit, criterion_code),
            new=lambda: ManualScore(period=period, unit=unit, criterion_code=criterion_code),
            change=change,
        )
    return manual


def do_remove_manual_score(manual: ManualScore, by: User | None, *, expected_version: int | None = None) -> None:
    """Delete the score; VersionConflict when it changed since `expected_version` was read."""
    period, unit = manual.period, manual.unit
    with writing(period, by), rescoring(period, [unit], indicators=()):
        rows = ManualScore.objects.filter(pk=manual.pk)
        versioned_delete(rows, expected_version, **_named(period, unit, manual.criterion_code))


def _named(period: EvaluationPeriod, unit: Unit, criterion_code: str) -> dict[str, object]:
    return {
        "key": criterion_code,
        "lookup": {"unit_id": unit.pk, "period_id": period.pk, "old__criterion_code": criterion_code},
    }


def do_set_ranking_exclusion(period: EvaluationPeriod, unit: Unit, reason: str, by: User | None) -> None:
    """Leave the unit out of its group's ranking for `reason`, or (an empty reason) rank it again;
    it is still scored and graded, and the others' ranks close up."""
    reason = nfc_text(reason).strip()
    limit = 1000
    if len(reason) > limit:
        raise Refused(gettext("Lý do dài quá %(limit)s ký tự.") % {"limit": limit})
    with writing(period, by), rescoring(period, [unit], indicators=()):
        existing = RankingExclusion.objects.filter(period=period, unit=unit).first()
        if not reason:
            if existing is not None:
                existing.delete()
            return
        exclusion = existing or RankingExclusion(period=period, unit=unit)
        exclusion.reason = reason
        exclusion.set_by = by if by is not None and by.is_authenticated else None  # type: ignore[assignment]
        exclusion.save()


def _author(by: User | None) -> object:
    return by if by is not None and by.is_authenticated else None


def do_set_not_applicable(
    period: EvaluationPeriod, unit: Unit, criterion_code: str, reason: str, by: User | None
) -> None:
    """The criterion (a parent: its branch) does not apply to the unit, for `reason`; an empty reason
    applies it again."""
    reason = nfc_text(reason).strip()
    try:
        period.framework.parsed().criterion(criterion_code)
    except KeyError:
        raise Refused(gettext("Không có tiêu chí mã %(code)s.") % {"code": criterion_code}) from None
    problems = too_long(gettext("Lý do"), reason, REASON_MAX)
    if problems:
        raise Refused(*problems)
    with writing(period, by), rescoring(period, [unit], indicators=()):
        rows = NotApplicable.objects.filter(period=period, unit=unit, criterion_code=criterion_code)
        if not reason:
            rows.delete()
            return
        row = rows.first() or NotApplicable(period=period, unit=unit, criterion_code=criterion_code)
        row.reason, row.set_by = reason, _author(by)  # type: ignore[assignment]
        row.save()


def do_set_own_maximum(
    period: EvaluationPeriod, unit: Unit, points: Decimal | None, reason: str, by: User | None
) -> None:
    """The unit's own maximum, declared with its reason; None removes it."""
    reason = nfc_text(reason).strip()
    problems = too_long(gettext("Lý do"), reason, REASON_MAX)
    if points is not None and not reason:
        problems.append(gettext("Phải ghi lý do của điểm tối đa riêng."))
    if points is not None and points < 0:
        problems.append(gettext("Điểm tối đa riêng không được âm."))
    if problems:
        raise Refused(*problems)
    with writing(period, by), rescoring(period, [unit], indicators=()):
        rows = OwnMaximum.objects.filter(period=period, unit=unit)
        if points is None:
            rows.delete()
            return
        row = rows.first() or OwnMaximum(period=period, unit=unit)
        row.points, row.reason, row.set_by = points, reason, _author(by)  # type: ignore[assignment]
        row.save()
