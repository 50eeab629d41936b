"""The one place that decides who may see and change what.

Every view reaches units, periods, reports and values through these helpers, so a unit reporter
can never address another unit's objects: they are simply not found (404). Role checks that
forbid a whole page raise PermissionDenied (403).

Who may do what:
  administrator  everything (also Django admin); alone closes, publishes and amends a period, sets the
                 stages' dates and accepts consistency findings
  evaluator      reads every unit; enters indicator data and manual scores; appraises self-assessments,
                 answers explanations, records council decisions
  leader         reads every unit, rankings and overviews; changes nothing
  reporter       reads and writes its own unit only (reports, indicator data, self-assessment); sees its
                 own score
  unit head      reads its own unit only, like its reporter, and alone submits the unit's self-assessment
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from govscore.web.accounts.models import Profile, Role
from govscore.web.assessment.models import ExplanationMessage
from govscore.web.indicators.models import EvidenceFile
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.models import ManualScore

AnyUser = AbstractBaseUser | AnonymousUser

STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.EVALUATOR, Role.LEADER})
EDITING_ROLES = frozenset({Role.ADMINISTRATOR, Role.EVALUATOR})
UNIT_ROLES = frozenset({Role.REPORTER, Role.UNIT_HEAD})


def role_of(user: AnyUser) -> Role | None:
    """The user's single role; cached on the user object for the request."""
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_govscore_role", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    role = _role_from_db(user)
    user._govscore_role = role  # type: ignore[union-attr]
    return role


def _role_from_db(user: AbstractBaseUser) -> Role | None:
    if getattr(user, "is_superuser", False):
        return Role.ADMINISTRATOR
    names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    for role in (Role.ADMINISTRATOR, Role.EVALUATOR, Role.LEADER):
        if role.value in names:
            return role
    for role in (Role.UNIT_HEAD, Role.REPORTER):
        if role.value in names and own_unit_id(user) is not None:
            return role
    return None


def own_unit_id(user: AnyUser) -> int | None:
    """The unit a reporter or unit head is bound to (None for everyone else)."""
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_govscore_unit_id", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    unit_id = Profile.objects.filter(user=user).values_list("unit_id", flat=True).first()
    user._govscore_unit_id = unit_id  # type: ignore[union-attr]
    return unit_id


def is_staff_reader(user: AnyUser) -> bool:
    return role_of(user) in STAFF_ROLES


def can_edit_scores(user: AnyUser) -> bool:
    return role_of(user) in EDITING_ROLES


def require_staff_reader(user: AnyUser) -> None:
    if not is_staff_reader(user):
        raise PermissionDenied


def require_score_editor(user: AnyUser) -> None:
    if not can_edit_scores(user):
        raise PermissionDenied


def is_administrator(user: AnyUser) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def require_administrator(user: AnyUser) -> None:
    """Closing, publishing and amending a period are the administrator's alone."""
    if not is_administrator(user):
        raise PermissionDenied


def units_for(user: AnyUser) -> QuerySet[Unit]:
    """Units the user may see: all for staff roles, its own for a reporter or unit head, none otherwise."""
    units = Unit.objects.select_related("group")
    role = role_of(user)
    if role in STAFF_ROLES:
        return units.all()
    if role in UNIT_ROLES:
        return units.filter(pk=own_unit_id(user))
    return units.none()


def get_unit_for(user: AnyUser, pk: int) -> Unit:
    try:
        return units_for(user).get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None


def periods_for(user: AnyUser) -> QuerySet[EvaluationPeriod]:
    if role_of(user) is None:
        return EvaluationPeriod.objects.none()
    return EvaluationPeriod.objects.select_related("framework")


def get_period_for(user: AnyUser, pk: int) -> EvaluationPeriod:
    try:
        return periods_for(user).get(pk=pk)
    except EvaluationPeriod.DoesNotExist:
        raise Http404 from None


def reports_for(user: AnyUser, period: EvaluationPeriod) -> QuerySet[MonthlyReport]:
    return MonthlyReport.objects.filter(period=period, unit__in=units_for(user))


def get_report_for(user: AnyUser, pk: int) -> MonthlyReport:
    """A monthly report of a unit the user may see (404 otherwise)."""
    report = MonthlyReport.objects.filter(pk=pk, unit__in=units_for(user)).select_related("period", "unit").first()
    if report is None:
        raise Http404
    return report


def get_explanation_for(user: AnyUser, pk: int) -> ExplanationMessage:
    """A message of an explanation thread of a unit the user may see (404 otherwise)."""
    message = ExplanationMessage.objects.filter(pk=pk, unit__in=units_for(user)).first()
    if message is None:
        raise Http404
    return message


def get_evidence_for(user: AnyUser, pk: int) -> EvidenceFile:
    """An evidence file of a unit the user may see (404 otherwise)."""
    evidence = (
        EvidenceFile.objects.filter(pk=pk, indicator_value__unit__in=units_for(user))
        .select_related("indicator_value")
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def get_manual_score_for(user: AnyUser, pk: int, period: EvaluationPeriod, unit: Unit) -> ManualScore:
    """A manual score of the period and unit the URL names, of a unit the user may see (404 otherwise)."""
    manual = ManualScore.objects.filter(pk=pk, period=period, unit=unit, unit__in=units_for(user)).first()
    if manual is None:
        raise Http404
    return manual


def can_write_unit_data(user: AnyUser, unit: Unit) -> bool:
    """Indicator data: the unit's own reporter, evaluators and administrators."""
    role = role_of(user)
    if role in EDITING_ROLES:
        return True
    return role == Role.REPORTER and own_unit_id(user) == unit.pk


def can_submit_report(user: AnyUser, unit: Unit) -> bool:
    """Monthly reports are sent by the unit itself (administrators may file on its behalf)."""
    role = role_of(user)
    if role == Role.ADMINISTRATOR:
        return True
    return role == Role.REPORTER and own_unit_id(user) == unit.pk


def require_unit_writer(user: AnyUser, unit: Unit) -> None:
    if not can_write_unit_data(user, unit):
        raise PermissionDenied


def require_report_submitter(user: AnyUser, unit: Unit) -> None:
    if not can_submit_report(user, unit):
        raise PermissionDenied


def can_self_assess(user: AnyUser, unit: Unit) -> bool:
    """A criterion of the self-assessment: the unit's reporter (administrators on its behalf)."""
    role = role_of(user)
    return role == Role.ADMINISTRATOR or (role == Role.REPORTER and own_unit_id(user) == unit.pk)


def can_submit_self_assessment(user: AnyUser, unit: Unit) -> bool:
    """The whole self-assessment is sent by the unit's head (administrators on its behalf)."""
    role = role_of(user)
    return role == Role.ADMINISTRATOR or (role == Role.UNIT_HEAD and own_unit_id(user) == unit.pk)


def require_self_assessor(user: AnyUser, unit: Unit) -> None:
    if not can_self_assess(user, unit):
        raise PermissionDenied


def require_self_assessment_submitter(user: AnyUser, unit: Unit) -> None:
    if not can_submit_self_assessment(user, unit):
        raise PermissionDenied


def can_answer_for_unit(user: AnyUser, unit: Unit) -> bool:
    """The unit's side of an explanation thread: its reporter or its head."""
    return role_of(user) in UNIT_ROLES and own_unit_id(user) == unit.pk


def roles_context(request: HttpRequest) -> dict[str, Any]:
    """Template context: the user's role, so menus show only what the user may open."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    role = role_of(user)
    return {
        "govscore_role": role.value if role else "",
        "govscore_is_staff_reader": role in STAFF_ROLES,
        "govscore_can_edit_scores": role in EDITING_ROLES,
        "govscore_is_administrator": role == Role.ADMINISTRATOR,
        "govscore_own_unit_id": own_unit_id(user) if role in UNIT_ROLES else None,
    }
