"""Unit groups by their names, for tables that show groups."""

from __future__ import annotations

from govscore.scoring.model import Framework
from govscore.web.orgs.models import UnitGroup


def group_names(framework: Framework) -> dict[str, str]:
    """Each group's name by its code: the framework's groups in its order, then the unit register's
    groups the framework does not name (units it was not written for), never a bare code."""
    names = {group.code: group.name for group in framework.groups}
    for code, name in UnitGroup.objects.order_by("order", "name").values_list("code", "name"):
        names.setdefault(code, name)
    return names
