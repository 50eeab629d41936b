"""Accounts: each with exactly one role (auth group) and, for reporters, their unit; the accounts
workbook; deactivating an account and resetting its password."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.utils.translation import gettext

from govscore.imports.accounts import read_people
from govscore.web.accounts.models import Profile, Role
from govscore.web.accounts.people import PeoplePlan, PersonChange, plan_people
from govscore.web.actions import Refused, writing
from govscore.web.actions import User as Acting
from govscore.web.orgs.models import Unit

# Roles bound to one unit: they see that unit only.
UNIT_ROLES = frozenset({Role.REPORTER, Role.UNIT_HEAD})


def do_ensure_groups() -> dict[Role, Group]:
    return {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def do_ensure_user(
    username: str,
    password: str,
    role: Role,
    unit: Unit | None = None,
    *,
    full_name: str = "",
    by: Acting | None = None,
) -> User:
    """Create the user if absent (an existing user keeps its password); bind reporters to their unit."""
    if role in UNIT_ROLES and unit is None:
        raise Refused(gettext("Cán bộ báo cáo phải thuộc một đơn vị."))
    with writing(by=by):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=password, first_name=full_name[:150])
        if role == Role.ADMINISTRATOR and not user.is_superuser:
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        user.groups.set([do_ensure_groups()[role]])
        Profile.objects.update_or_create(user=user, defaults={"unit": unit if role in UNIT_ROLES else None})
    return user


@dataclass(frozen=True)
class PeopleOutcome:
    plan: PeoplePlan
    created: tuple[User, ...] = ()
    written: bool = False
    # The accounts changed between the preview and its confirmation: nothing was written.
    stale: bool = False


def do_import_people(
    data: bytes, *, by: Acting | None = None, dry_run: bool = False, expected: str | None = None
) -> PeopleOutcome:
    """The accounts workbook, checked whole and then written whole, or not at all. New accounts have no
    usable password: their owners set one through a link (`links.hand_over`). With `expected` (the
    previewed plan's fingerprint) nothing is written unless the plan is still the one previewed."""
    sheet = read_people(data)
    acting = by if isinstance(by, User) else None
    if dry_run:
        return PeopleOutcome(plan_people(sheet, acting))
    with writing(by=by):
        plan = plan_people(sheet, acting)
        if not plan.ok:
            return PeopleOutcome(plan)
        if expected is not None and plan.fingerprint != expected:
            return PeopleOutcome(plan, stale=True)
        groups = do_ensure_groups()
        created = [user for change in plan.writes if (user := _write_person(change, groups)) is not None]
    return PeopleOutcome(plan, tuple(created), written=True)


def _write_person(change: PersonChange, groups: dict[Role, Group]) -> User | None:
    """Create or change the account; the new account, or None for a changed one."""
    person = change.person
    user = User.objects.filter(username=person.username).first()
    new = user is None
    if user is None:
        user = User(username=person.username)
        user.set_unusable_password()
    user.first_name = person.full_name
    user.email = person.email
    user.is_superuser = user.is_staff = change.role == Role.ADMINISTRATOR
    user.save()
    user.groups.set([groups[change.role]])
    unit = change.unit if change.role == Role.REPORTER else None
    Profile.objects.update_or_create(user=user, defaults={"unit": unit})
    return user if new else None


def _other_account(user: User, by: Acting | None) -> None:
    if isinstance(by, User) and by.pk == user.pk:
        raise Refused(gettext("Không tự khoá hay đặt lại mật khẩu tài khoản đang dùng."))


def do_set_active(user: User, active: bool, *, by: Acting | None = None) -> User:
    """Deactivate an account (it can no longer log in; its history stays) or activate it again."""
    _other_account(user, by)
    with writing(by=by):
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user


def do_reset_password(user: User, *, by: Acting | None = None) -> User:
    """The password stops working at once; the owner sets a new one through a link (`links.hand_over`)."""
    _other_account(user, by)
    with writing(by=by):
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
