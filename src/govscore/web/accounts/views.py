"""The administrator's accounts pages: every account by unit and role, the accounts workbook (template,
preview, confirm), deactivating and resetting; and everyone's set-password page, reached by a link.

Administrators only (403 for everyone else), except the set-password pages, which the link itself
authorises (Django's `PasswordResetConfirmView`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from govscore.imports import ImportProblem
from govscore.imports.accounts import build_people_template
from govscore.web import access
from govscore.web.accounts.actions import PeopleOutcome, do_import_people, do_reset_password, do_set_active
from govscore.web.accounts.links import Handover, email_configured, hand_over
from govscore.web.accounts.models import Profile, Role
from govscore.web.accounts.people import role_of_user
from govscore.web.actions import Refused
from govscore.web.i18n import current_language
from govscore.web.imports import pending
from govscore.web.imports.views import UploadForm, problems_table, xlsx_upload_problems
from govscore.web.orgs.models import Unit
from govscore.web.uploads import XLSX

# Previews of the accounts workbook are kept like a period's data files, under no period.
PEOPLE_SCOPE = 0


class PeopleUploadForm(UploadForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].label = gettext("Tệp tài khoản (XLSX)")


@login_required
@require_GET
def account_list(request: HttpRequest) -> HttpResponse:
    """Accounts by unit (reporters under their unit), then the department's staff by role."""
    access.require_administrator(request.user)
    users = list(User.objects.order_by("username").prefetch_related("groups"))
    unit_of = dict(Profile.objects.filter(unit__isnull=False).values_list("user_id", "unit_id"))
    units = {unit.pk: unit for unit in Unit.objects.select_related("group").order_by("group__order", "code")}
    staff: dict[str, list[User]] = {role.value: [] for role in Role if role != Role.REPORTER}
    by_unit: dict[int, list[User]] = {}
    no_role: list[User] = []
    for user in users:
        role = role_of_user(user)
        if role == Role.REPORTER and user.pk in unit_of:
            by_unit.setdefault(unit_of[user.pk], []).append(user)
        elif role in staff:
            staff[role].append(user)
        else:
            no_role.append(user)
    context = {
        "staff": [(Role(role).label, people) for role, people in staff.items()],
        "units": [(unit, by_unit.get(unit.pk, [])) for unit in units.values()],
        "no_role": no_role,
        "email": email_configured(),
    }
    return render(request, "accounts/list.html", context)


def _page(
    request: HttpRequest,
    *,
    form: UploadForm | None = None,
    problems: Sequence[ImportProblem] = (),
    errors: Sequence[str] = (),
    status: int = 200,
) -> HttpResponse:
    lang = current_language()
    context = {
        "form": form or PeopleUploadForm(),
        "errors": errors,
        **problems_table(problems, lang),
        "email": email_configured(),
    }
    return render(request, "accounts/import.html", context, status=status)


@login_required
@require_GET
def people_import(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    return _page(request)


@login_required
@require_GET
def people_template(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    units = [(unit.code, unit.name) for unit in Unit.objects.order_by("code")]
    response = HttpResponse(build_people_template(units), content_type=XLSX.mime)
    response["Content-Disposition"] = 'attachment; filename="tai-khoan.xlsx"'
    return response


@login_required
@require_POST
def people_preview(request: HttpRequest) -> HttpResponse:
    """Check the whole file and show what it would change; nothing is written here."""
    access.require_administrator(request.user)
    form = PeopleUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    file = form.cleaned_data["file"]
    problems = xlsx_upload_problems(file, ImportProblem)
    if problems:
        return _page(request, problems=problems, status=400)
    data = file.read()
    outcome = do_import_people(data, by=request.user, dry_run=True)
    if not outcome.plan.ok:
        return _page(request, problems=outcome.plan.problems, status=400)
    token = pending.save(request, PEOPLE_SCOPE, data) if outcome.plan.writes else ""
    return _preview(request, outcome, token)


def _preview(request: HttpRequest, outcome: PeopleOutcome, token: str, status: int = 200) -> HttpResponse:
    plan = outcome.plan
    context = {
        "plan": plan,
        "new": plan.count("new"),
        "changed": plan.count("changed"),
        "same": plan.count("same"),
        "token": token,
        "stale": status == 409,
        "email": email_configured(),
    }
    return render(request, "accounts/preview.html", context, status=status)


@login_required
@require_POST
def people_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed file if what it changes is still what was shown; then hand the links over."""
    access.require_administrator(request.user)
    token = request.POST.get("token", "")
    data = pending.load(request, PEOPLE_SCOPE, token)
    if data is None:
        message = gettext("Không còn tệp đã xem trước (đã nhập hoặc đã quá hạn). Hãy tải tệp lên lại.")
        return _page(request, errors=[message], status=400)
    outcome = do_import_people(data, by=request.user, expected=request.POST.get("fingerprint", ""))
    if not outcome.plan.ok:
        pending.discard(request, token)
        return _page(request, problems=outcome.plan.problems, status=400)
    if outcome.stale:
        return _preview(request, outcome, token, status=409)
    pending.discard(request, token)
    handovers = hand_over(list(outcome.created), request.build_absolute_uri("/"))
    changed = outcome.plan.count("changed")
    return _handovers(request, handovers, changed)


def _handovers(request: HttpRequest, handovers: list[Handover], changed: int = 0) -> HttpResponse:
    """The links, shown once: a link not e-mailed must be handed to its owner now."""
    context = {
        "handovers": handovers,
        "to_hand": [h for h in handovers if not h.emailed],
        "emailed": [h for h in handovers if h.emailed],
        "changed": changed,
    }
    return render(request, "accounts/links.html", context)


def _account(request: HttpRequest, user_id: int) -> User:
    access.require_administrator(request.user)
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise Http404
    return user


@login_required
@require_POST
def account_set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _account(request, user_id)
    active = request.POST.get("active") == "1"
    try:
        do_set_active(user, active, by=request.user)
    except Refused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("account_list")
    done = gettext("Đã mở lại tài khoản “%(name)s”.") if active else gettext("Đã khoá tài khoản “%(name)s”.")
    messages.success(request, done % {"name": user.username})
    return redirect("account_list")


@login_required
@require_POST
def account_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _account(request, user_id)
    try:
        do_reset_password(user, by=request.user)
    except Refused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("account_list")
    return _handovers(request, hand_over([user], request.build_absolute_uri("/")))


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The page a set-password link opens: Django checks the token and the new password's strength."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("password_set_done")


class SetPasswordDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/set_password_done.html"
