"""Creating users with exactly one role (auth group) and, for reporters, their unit."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.utils.translation import gettext

from govscore.web.accounts.models import Profile, Role
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
