"""Writes of the assessment dialogue: the stage schedule, a unit's self-assessment and its appraisal.

Each action checks, inside its transaction and with the server's clock, that the stage it belongs to is
open (`stages.require_open`); who may call it is decided by `web.access` before.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from govscore.scoring.model import Criterion
from govscore.scoring.vietnamese import format_number
from govscore.web.actions import Refused, User, writing
from govscore.web.assessment.consistency import live_findings
from govscore.web.assessment.models import (
    AcceptedFinding,
    Appraisal,
    CouncilDecision,
    CriterionAssessment,
    EvidenceVerdict,
    ExplanationMessage,
    SelfAssessment,
    Stage,
)
from govscore.web.assessment.stages import ORDER, moment_text, require_open, schedule_problems
from govscore.web.i18n import current_language
from govscore.web.indicators.models import EvidenceFile
from govscore.web.notifications import events
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.actions import do_set_manual_score
from govscore.web.scores.rescoring import rescoring
from govscore.web.text import REASON_MAX, nfc_text, too_long
from govscore.web.uploads import kind_of, original_name, upload_problems

Kind = Stage.Kind
Status = SelfAssessment.Status
Decision = Appraisal.Decision


def _author(by: User | None) -> User | None:
    return by if by is not None and by.is_authenticated else None


def do_set_schedule(
    period: EvaluationPeriod, schedule: dict[str, tuple[datetime.datetime, datetime.datetime]], by: User | None
) -> None:
    """Set every stage's opening and closing time (the administrator's)."""
    problems = schedule_problems(schedule)
    if problems:
        raise Refused(*problems)
    with writing(None, by):
        for kind in ORDER:
            opens, closes = schedule[kind]
            Stage.objects.update_or_create(
                period=period, kind=kind, defaults={"opens_at": opens, "closes_at": closes, "changed_by": _author(by)}
            )


def do_move_stage_now(period: EvaluationPeriod, kind: str, opening: bool, by: User | None) -> Stage:
    """Open a stage now, before its date (the stages before it close now), or close an open one now."""
    now = timezone.now()
    with writing(None, by):
        stage = Stage.objects.select_for_update().filter(period=period, kind=kind).first()
        if stage is None:
            require_open(period, kind, now)  # refuses: no schedule
        assert stage is not None
        if opening:
            if stage.is_open_at(now) or stage.closes_at <= now:
                raise Refused(gettext("Giai đoạn “%(stage)s” không còn chờ mở.") % {"stage": stage.get_kind_display()})
            for before in Stage.objects.filter(period=period, kind__in=ORDER[: ORDER.index(kind)], closes_at__gt=now):
                before.closes_at = max(now, before.opens_at + datetime.timedelta(seconds=1))
                before.changed_by = _author(by)  # type: ignore[assignment]
                before.save()
            stage.opens_at = now
        else:
            require_open(period, kind, now)
            stage.closes_at = now
        stage.changed_by = _author(by)  # type: ignore[assignment]
        stage.save()
        events.stage_moved(period, stage.kind, stage.get_kind_display(), opening, now)
    return stage


def _criterion(period: EvaluationPeriod, unit: Unit, code: str) -> Criterion:
    try:
        criterion = period.framework.parsed().criterion(code)
    except KeyError:
        raise Refused(gettext("Không có tiêu chí mã %(code)s.") % {"code": code}) from None
    if criterion.children or not criterion.applies_to_group(unit.group.code):
        raise Refused(gettext("Tiêu chí “%(title)s” không tự đánh giá được.") % {"title": criterion.title})
    return criterion


def _bounds_problem(criterion: Criterion, points: Decimal) -> list[str]:
    if criterion.min_points <= points <= criterion.max_points:
        return []
    lang = current_language()
    return [
        gettext("Điểm phải nằm trong khoảng từ %(low)s đến %(high)s.")
        % {
            "low": format_number(criterion.min_points, lang=lang),
            "high": format_number(criterion.max_points, lang=lang),
        }
    ]


def self_assessment_of(period: EvaluationPeriod, unit: Unit, *, lock: bool = False) -> SelfAssessment:
    rows = SelfAssessment.objects.select_for_update() if lock else SelfAssessment.objects
    found = rows.filter(period=period, unit=unit).first()
    return found or SelfAssessment(period=period, unit=unit)


def returned_codes(period: EvaluationPeriod, unit: Unit) -> set[str]:
    rows = Appraisal.objects.filter(period=period, unit=unit, decision=Decision.RETURN)
    return set(rows.values_list("criterion_code", flat=True))


def _require_unit_may_change(assessment: SelfAssessment, code: str | None) -> None:
    """A draft changes while self-assessment is open; a returned one, in its returned criteria, while
    appraisal is open; a submitted one not at all."""
    if assessment.status == Status.SUBMITTED:
        assert assessment.submitted_at is not None
        raise Refused(
            gettext("Đơn vị đã gửi bản tự đánh giá lúc %(when)s; chỉ sửa được khi bị trả lại.")
            % {"when": moment_text(assessment.submitted_at)}
        )
    if assessment.status == Status.RETURNED:
        require_open(assessment.period, Kind.APPRAISAL)
        if code is not None and code not in returned_codes(assessment.period, assessment.unit):
            raise Refused(gettext("Chỉ sửa được các tiêu chí bị trả lại."))
    else:
        require_open(assessment.period, Kind.SELF_ASSESSMENT)


def do_save_criterion(
    period: EvaluationPeriod, unit: Unit, code: str, points: Decimal | None, note: str, by: User | None
) -> CriterionAssessment:
    """The unit's proposed points (self-assessed criteria only) and note for one criterion."""
    note = nfc_text(note).strip()
    with writing(period, by):
        _require_unit_may_change(self_assessment_of(period, unit, lock=True), code)
        criterion = _criterion(period, unit, code)
        problems = too_long(gettext("Thuyết minh"), note, REASON_MAX)
        if points is not None and not criterion.self_assessed:
            problems.append(gettext("Tiêu chí này không tự chấm điểm; hãy nhập số liệu, minh chứng và thuyết minh."))
        elif points is not None:
            problems += _bounds_problem(criterion, points)
        if problems:
            raise Refused(*problems)
        entry, _created = CriterionAssessment.objects.update_or_create(
            period=period,
            unit=unit,
            criterion_code=code,
            defaults={"proposed_points": points, "note": note, "entered_by": _author(by)},
        )
    return entry


def do_submit(period: EvaluationPeriod, unit: Unit, by: User | None) -> SelfAssessment:
    """The unit head sends the whole self-assessment; the unit can no longer change it."""
    with writing(period, by):
        assessment = self_assessment_of(period, unit, lock=True)
        _require_unit_may_change(assessment, None)
        assessment.status = Status.SUBMITTED
        assessment.submitted_by = _author(by)  # type: ignore[assignment]
        assessment.submitted_at = timezone.now()
        assessment.save()
    return assessment


def do_appraise(
    period: EvaluationPeriod,
    unit: Unit,
    code: str,
    decision: str,
    points: Decimal | None,
    reason: str,
    by: User | None,
) -> Appraisal:
    """Accept the self-assessment of a criterion, adjust its points (a reason is required), or return it
    to the unit with a question; the points that count are rescored at once."""
    reason = nfc_text(reason).strip()
    with writing(period, by), rescoring(period, [unit], indicators=()):
        require_open(period, Kind.APPRAISAL)
        assessment = self_assessment_of(period, unit, lock=True)
        if assessment.status == Status.DRAFT:
            raise Refused(gettext("Đơn vị chưa gửi bản tự đánh giá."))
        criterion = _criterion(period, unit, code)
        problems = _decision_problems(criterion, decision, points, reason)
        if problems:
            raise Refused(*problems)
        appraisal, _created = Appraisal.objects.update_or_create(
            period=period,
            unit=unit,
            criterion_code=code,
            defaults={
                "decision": decision,
                "points": points if decision == Decision.ADJUST else None,
                "reason": reason,
                "decided_by": _author(by),
            },
        )
        if decision == Decision.RETURN and assessment.status != Status.RETURNED:
            assessment.status = Status.RETURNED
            assessment.save()
        if decision == Decision.RETURN:
            events.criterion_returned(period, unit, criterion.title, reason)
    return appraisal


def _decision_problems(criterion: Criterion, decision: str, points: Decimal | None, reason: str) -> list[str]:
    if decision not in Decision.values:
        return [gettext("Hãy chọn chấp nhận, điều chỉnh hoặc trả lại.")]
    problems = too_long(gettext("Lý do"), reason, REASON_MAX)
    if decision == Decision.ADJUST:
        if points is None:
            problems.append(gettext("Hãy nhập điểm điều chỉnh."))
        else:
            problems += _bounds_problem(criterion, points)
        if not reason:
            problems.append(gettext("Phải ghi lý do khi điều chỉnh điểm."))
    if decision == Decision.RETURN and not reason:
        problems.append(gettext("Hãy ghi câu hỏi hoặc nội dung cần đơn vị bổ sung."))
    return problems


def do_judge_evidence(evidence: EvidenceFile, accepted: bool, reason: str, by: User | None) -> EvidenceVerdict:
    """Mark an evidence file accepted, or rejected with a reason."""
    reason = nfc_text(reason).strip()
    value = evidence.indicator_value
    with writing(value.period, by):
        require_open(value.period, Kind.APPRAISAL)
        problems = too_long(gettext("Lý do"), reason, REASON_MAX)
        if not accepted and not reason:
            problems.append(gettext("Phải ghi lý do khi không chấp nhận minh chứng."))
        if problems:
            raise Refused(*problems)
        verdict, _created = EvidenceVerdict.objects.update_or_create(
            evidence=evidence,
            defaults={
                "period": value.period,
                "unit": value.unit,
                "accepted": accepted,
                "reason": reason,
                "decided_by": _author(by),
            },
        )
    return verdict


def do_accept_finding(period: EvaluationPeriod, fingerprint: str, reason: str, by: User | None) -> AcceptedFinding:
    """Accept a finding of the consistency check with a reason, so that it no longer blocks publication."""
    reason = nfc_text(reason).strip()
    problems = too_long(gettext("Lý do"), reason, REASON_MAX)
    if not reason:
        problems.append(gettext("Phải ghi lý do khi chấp nhận một điểm không nhất quán."))
    if problems:
        raise Refused(*problems)
    with writing(None, by, reason=reason):
        found = next((item for item in live_findings(period) if item.fingerprint == fingerprint), None)
        if found is None:
            raise Refused(gettext("Điểm không nhất quán này không còn nữa (số liệu đã thay đổi)."))
        accepted, _created = AcceptedFinding.objects.update_or_create(
            period=period,
            fingerprint=fingerprint,
            defaults={"text": found.finding.message("vi"), "reason": reason, "accepted_by": _author(by)},
        )
    return accepted


def do_explain(
    period: EvaluationPeriod,
    unit: Unit,
    code: str,
    text: str,
    side: str,
    by: User | None,
    attachment: UploadedFile | None = None,
) -> ExplanationMessage:
    """Add the unit's answer, or the evaluator's response, to the thread of an appraised criterion, with
    new evidence if any; only while the explanation window is open."""
    text = nfc_text(text).strip()
    with writing(period, by):
        require_open(period, Kind.EXPLANATION)
        _criterion(period, unit, code)
        if not Appraisal.objects.filter(period=period, unit=unit, criterion_code=code).exists():
            raise Refused(gettext("Tiêu chí này chưa được thẩm định nên chưa có gì để giải trình."))
        problems = too_long(gettext("Nội dung"), text, REASON_MAX)
        if not text:
            problems.append(gettext("Hãy viết nội dung giải trình."))
        if attachment is not None:
            problems += upload_problems(attachment)
        if problems:
            raise Refused(*problems)
        message = ExplanationMessage(
            period=period, unit=unit, criterion_code=code, side=side, text=text, written_by=_author(by)
        )
        if attachment is not None:
            kind = kind_of(attachment)
            message.attachment_type = kind.mime
            message.attachment_name = original_name(attachment, kind)
            message.attachment = attachment  # type: ignore[assignment]
        message.save()
        title = _criterion(period, unit, code).title
        events.thread_message(period, unit, title, text, from_unit=side == ExplanationMessage.Side.UNIT)
        return message


def do_council_decide(
    period: EvaluationPeriod,
    unit: Unit,
    code: str,
    points: Decimal | None,
    reason: str,
    minutes: tuple[str, datetime.date | None],
    by: User | None,
) -> CouncilDecision:
    """Record the council's points for a criterion with the meeting's minutes (number, date); the points
    count as the criterion's manual score, whose reason — printed as "Lý do" — names the minutes."""
    reason, number = nfc_text(reason).strip(), nfc_text(minutes[0]).strip()
    day = minutes[1]
    with writing(period, by):
        require_open(period, Kind.COUNCIL)
        criterion = _criterion(period, unit, code)
        problems = too_long(gettext("Lý do"), reason, REASON_MAX) + too_long(gettext("Số biên bản"), number, 64)
        problems += [gettext("Hãy nhập điểm của hội đồng.")] if points is None else _bounds_problem(criterion, points)
        if not reason:
            problems.append(gettext("Phải ghi lý do của hội đồng."))
        if not number or day is None:
            problems.append(gettext("Hãy nhập số và ngày của biên bản họp hội đồng."))
        if problems:
            raise Refused(*problems)
        assert points is not None and day is not None
        # The document's language: this reason is printed in the official document.
        printed = f"{reason.rstrip('.')} (biên bản họp Hội đồng số {number} ngày {day:%d/%m/%Y})"
        do_set_manual_score(period, unit, code, points, printed, by)
        decision, _created = CouncilDecision.objects.update_or_create(
            period=period,
            unit=unit,
            criterion_code=code,
            defaults={
                "points": points,
                "reason": reason,
                "minutes_number": number,
                "minutes_date": day,
                "decided_by": _author(by),
            },
        )
    return decision
