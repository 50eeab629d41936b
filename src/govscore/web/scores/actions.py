"""Every write of manual scores and of the result cache. `recompute(period)` is the only scorer."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from govscore.scoring.collation import collation_key
from govscore.scoring.engine import score_in
from govscore.scoring.ledger import criteria_points, grade_cell, unit_summary
from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.web.actions import Refused, User, versioned_delete, versioned_save, writing
from govscore.web.bulk import insert_rows
from govscore.web.collector import collector_paused
from govscore.web.i18n import current_language
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import evaluation_for
from govscore.web.scores.models import CRITERIA, SUMMARY_KEYS, ManualScore, Result
from govscore.web.text import nfc_text

LANGUAGES = ("vi", "en")


def rescore(
    period: EvaluationPeriod, *, units: Sequence[Unit] | None = None, indicators: set[str] | None = None
) -> None:
    """Bring the period's stored results up to date after a change of `units`' data (all units: None)."""
    recompute(period)


def recompute(period: EvaluationPeriod) -> list[Result]:
    """Score the whole period with the core and replace its cached results in one transaction.

    Synchronous on purpose: a unit sees the effect of its data immediately (normalised rules
    make every unit's points depend on the others', so the whole period is rescored).
    """
    with transaction.atomic():
        # One rescoring of a period at a time, reading after the lock: two concurrent writers would
        # otherwise each score what they saw and the later commit could store the older picture.
        EvaluationPeriod.objects.select_for_update().only("pk").get(pk=period.pk)
        return _recompute(period)


# Paused after the period's lock is taken: a save waiting for another's rescoring allocates nothing.
@collector_paused()
def _recompute(period: EvaluationPeriod) -> list[Result]:
    evaluation = evaluation_for(period)
    by_lang = score_in(evaluation, LANGUAGES)
    # `EvaluationResult.unit()` searches the list: index once, or a national period costs n² look-ups.
    by_code = {lang: {item.unit.code: item for item in scored.units} for lang, scored in by_lang.items()}
    unit_ids = dict(Unit.objects.values_list("code", "pk"))
    name_order = name_orders(unit.name for unit in evaluation.units)
    rows = []
    for position, result in enumerate(by_lang["vi"].units, start=1):
        code = result.unit.code
        localized = {lang: by_code[lang][code] for lang in LANGUAGES}
        # Points and texts only: a unit's page explains its own criteria on demand (`explain.py`), so a
        # change does not render every explanation of the period in two languages. The criteria's
        # points do not depend on the language: stored once (see `Result.detail`).
        texts = {lang: unit_summary(item, by_lang[lang], lang) for lang, item in localized.items()}
        detail = {CRITERIA: criteria_points(result, evaluation.framework), **texts}
        rows.append(
            Result(
                period=period,
                unit_id=unit_ids[code],
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
                summary={lang: {key: item[key] for key in SUMMARY_KEYS} for lang, item in texts.items()},
                name_order=name_order[result.unit.name],
            )
        )
    _store(period, rows)
    return rows


def _store(period: EvaluationPeriod, rows: list[Result]) -> None:
    """Write what differs from what is stored: new units, changed rows, units no longer in the period."""
    now = timezone.now()
    stored = {
        unit_id: (pk, digest)
        for unit_id, pk, digest in Result.objects.filter(period=period).values_list("unit_id", "pk", "digest")
    }
    written: list[list[object]] = []
    replaced: list[int] = []
    for row in rows:
        content = _content(row)
        row.digest = _digest(content)
        row.computed_at = now
        pk, digest = stored.pop(row.unit_id, (None, None))
        if digest != row.digest:
            written.append([*content, row.digest])
            if pk is not None:
                replaced.append(pk)
    # A changed row is replaced rather than updated: deleting and inserting thousands of rows takes a
    # fraction of the time updating them does.
    replaced += [pk for pk, _digest in stored.values()]
    with transaction.atomic():
        Result.objects.filter(pk__in=replaced).delete()
        insert_rows(Result, [*RESULT_CONTENT, "digest"], written, {"period": period.pk, "computed_at": now})


RESULT_CONTENT = [
    "unit",
    "group_code",
    "total",
    "max_points",
    "percent",
    "grade",
    "grade_label",
    "grade_cell",
    "rank",
    "position",
    "detail",
    "summary",
    "name_order",
]


def _content(row: Result) -> list[object]:
    return [getattr(row, "unit_id" if name == "unit" else name) for name in RESULT_CONTENT]


def _digest(content: list[object]) -> str:
    # pickle is only hashed here, never loaded; it is several times faster than JSON, and the same
    # content built by the same code in the same order gives the same bytes.
    return hashlib.sha256(pickle.dumps(content, protocol=5)).hexdigest()


def name_orders(names: Iterable[str]) -> dict[str, int]:
    """Each name's dense rank in Vietnamese alphabetical order; names the collation holds equal share one."""
    keys = {name: collation_key(name) for name in names}
    dense = {key: index for index, key in enumerate(sorted(set(keys.values())), start=1)}
    return {name: dense[key] for name, key in keys.items()}


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
    with writing(period, by):
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
        rescore(period, units=[unit])
    return manual


def do_remove_manual_score(manual: ManualScore, by: User | None, *, expected_version: int | None = None) -> None:
    """Delete the score; VersionConflict when it changed since `expected_version` was read."""
    period, unit = manual.period, manual.unit
    with writing(period, by):
        rows = ManualScore.objects.filter(pk=manual.pk)
        versioned_delete(rows, expected_version, **_named(period, unit, manual.criterion_code))
        rescore(period, units=[unit])


def _named(period: EvaluationPeriod, unit: Unit, criterion_code: str) -> dict[str, object]:
    return {
        "key": criterion_code,
        "lookup": {"unit_id": unit.pk, "period_id": period.pk, "old__criterion_code": criterion_code},
    }
