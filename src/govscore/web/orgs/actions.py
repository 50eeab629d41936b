"""Writes of organisations, groups, units and staff counts."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from govscore.scoring.vietnamese import nfc
from govscore.web.actions import Refused, User, writing
from govscore.web.limits import INTEGER_MAX, in_integer_range
from govscore.web.orgs.models import Organisation, StaffCount, Unit, UnitGroup


def do_ensure_organisation(
    name: str, short_name: str = "", province: str = "", *, by: User | None = None
) -> Organisation:
    """The evaluating agency: there is one, created on the first call."""
    with writing(by=by):
        organisation = Organisation.objects.select_for_update().first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=nfc(name), short_name=nfc(short_name), province=nfc(province)
            )
    return organisation


def do_ensure_group(code: str, name: str, order: int = 0, *, by: User | None = None) -> UnitGroup:
    with writing(by=by):
        group, _created = UnitGroup.objects.get_or_create(code=code, defaults={"name": nfc(name), "order": order})
    return group


def do_ensure_unit(
    code: str,
    name: str,
    group: UnitGroup,
    short_name: str = "",
    effective_from: datetime.date | None = None,
    effective_to: datetime.date | None = None,
    *,
    by: User | None = None,
) -> Unit:
    with writing(by=by):
        unit, _created = Unit.objects.get_or_create(
            code=code,
            defaults={
                "name": nfc(name),
                "short_name": nfc(short_name),
                "group": group,
                "effective_from": effective_from,
                "effective_to": effective_to,
            },
        )
    return unit


def do_set_staff_count(
    unit: Unit, year: int, civil_servants: int, public_employees: int = 0, *, by: User | None = None
) -> StaffCount:
    if civil_servants < 0 or public_employees < 0:
        raise Refused(gettext("Số cán bộ không được âm."))
    if not in_integer_range(year, civil_servants, public_employees):
        raise Refused(gettext("Năm và số cán bộ phải từ 0 đến %(max)s.") % {"max": INTEGER_MAX})
    with writing(by=by):
        count, _created = StaffCount.objects.update_or_create(
            unit=unit, year=year, defaults={"civil_servants": civil_servants, "public_employees": public_employees}
        )
    return count
