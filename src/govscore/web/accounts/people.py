"""The accounts workbook against the database: what each row would change, and the rows it cannot be.

A row whose user name is new makes an account; one whose user name exists changes its full name,
e-mail, role and unit to the file's (its password and whether it is active stay as they are); a row
that changes nothing is counted, not written. Problems are placed on the file's cell, like the data
import's: an unknown unit code, an administrator changing their own role.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from django.contrib.auth.models import User

from govscore.imports.accounts import PeopleSheet, PersonRow
from govscore.imports.problems import ImportProblem
from govscore.web.accounts.models import Profile, Role
from govscore.web.orgs.models import Unit

Kind = Literal["new", "changed", "same"]


@dataclass(frozen=True)
class PersonChange:
    person: PersonRow
    kind: Kind
    unit: Unit | None

    @property
    def role(self) -> Role:
        return Role(self.person.role)


@dataclass(frozen=True)
class PeoplePlan:
    changes: tuple[PersonChange, ...] = ()
    problems: tuple[ImportProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: Kind) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    @property
    def writes(self) -> tuple[PersonChange, ...]:
        return tuple(change for change in self.changes if change.kind != "same")

    @property
    def fingerprint(self) -> str:
        """What would be written: a confirmation writes only if it is still exactly what was previewed."""
        rows = [
            [c.kind, c.person.username, c.person.full_name, c.person.email, c.person.role, c.person.unit_code]
            for c in self.writes
        ]
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def role_of_user(user: User) -> str:
    if user.is_superuser:
        return Role.ADMINISTRATOR.value
    names = {group.name for group in user.groups.all()}
    return next((role.value for role in Role if role.value in names), "")


def plan_people(sheet: PeopleSheet, acting: User | None) -> PeoplePlan:
    """Every row's change, or every problem (the file is written whole or not at all)."""
    if not sheet.ok:
        return PeoplePlan((), sheet.problems)
    units = {unit.code.casefold(): unit for unit in Unit.objects.select_related("group")}
    names = [person.username for person in sheet.people]
    existing = {
        user.username.casefold(): user for user in User.objects.filter(username__in=names).prefetch_related("groups")
    }
    # Different case, same person to the eye: user names match whatever their case.
    for user in User.objects.exclude(username__in=names).prefetch_related("groups"):
        existing.setdefault(user.username.casefold(), user)
    units_of = dict(Profile.objects.values_list("user_id", "unit_id"))
    changes: list[PersonChange] = []
    problems: list[ImportProblem] = []
    for person in sheet.people:
        unit = units.get(person.unit_code.casefold()) if person.unit_code else None
        if person.unit_code and unit is None:
            problems.append(sheet.problem("people.unit_unknown", {"unit": person.unit_code}, person.row, "unit_code"))
            continue
        user = existing.get(person.username.casefold())
        if user is None:
            changes.append(PersonChange(person, "new", unit))
            continue
        if user.username != person.username:
            args = {"name": person.username, "existing": user.username}
            problems.append(sheet.problem("people.username_case", args, person.row, "username"))
            continue
        if acting is not None and user.pk == acting.pk and role_of_user(user) != person.role:
            problems.append(sheet.problem("people.own_role", {"name": user.username}, person.row, "role"))
            continue
        same = (
            user.first_name == person.full_name
            and user.email == person.email
            and role_of_user(user) == person.role
            and units_of.get(user.pk) == (unit.pk if unit else None)
        )
        changes.append(PersonChange(person, "same" if same else "changed", unit))
    if problems:
        return PeoplePlan((), tuple(problems))
    return PeoplePlan(tuple(changes))
