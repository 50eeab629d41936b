"""Who is evaluated: the evaluating organisation, groups of units (khối) and units with their history."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """The evaluating department (e.g. Sở TTTT Đồng Nai); normally one row."""

    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    province = models.CharField(_("tỉnh"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("cơ quan đánh giá")
        verbose_name_plural = _("cơ quan đánh giá")

    def __str__(self) -> str:
        return self.name


class UnitGroup(models.Model):
    """A khối: units ranked together. `code` matches the framework's group code."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("khối")
        verbose_name_plural = _("khối")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """An evaluated agency. Merges, splits and renames keep history through dates and `parent`."""

    code = models.CharField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=64, blank=True)
    group = models.ForeignKey(UnitGroup, on_delete=models.PROTECT, related_name="units", verbose_name=_("khối"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("đơn vị cha")
    )
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="unit_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def active_on(self, day: datetime.date) -> bool:
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to

    def active_months(self, year: int) -> tuple[int, ...]:
        """Months of `year` this unit is expected to report on: those on whose last day it is in force.

        A month is reported by the unit that exists when it ends, so that across a reorganisation in the
        middle of a month exactly one unit owes its report: the new one (docs/units.md).
        """
        return tuple(month for month in range(1, 13) if self.active_on(last_day(year, month)))


def last_day(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return (first + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)


class Reorganisation(models.Model):
    """A decision changing the register from a date: rename, merge, split or dissolution.

    Units are never edited into another: the old units end the day before `effective`, the new ones
    start on it, and `Succession` rows link them, so each period sees the units in force in it and every
    report stays with the unit that sent it.
    """

    class Kind(models.TextChoices):
        RENAME = "rename", _("Đổi tên")
        MERGE = "merge", _("Hợp nhất, sáp nhập")
        SPLIT = "split", _("Chia tách")
        DISSOLVE = "dissolve", _("Giải thể")

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    effective = models.DateField(_("có hiệu lực từ ngày"))
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    # A rename keeps the unit; the names it had before are kept here.
    old_name = models.CharField(_("tên cũ"), max_length=255, blank=True)
    old_short_name = models.CharField(_("tên ngắn cũ"), max_length=64, blank=True)
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        ordering = ["effective", "pk"]
        verbose_name = _("tổ chức lại đơn vị")
        verbose_name_plural = _("tổ chức lại đơn vị")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.decision_number}"


class Succession(models.Model):
    """One link of a reorganisation: `predecessor` continues as `successor` (none: dissolved; the same
    unit on both sides: renamed)."""

    reorganisation = models.ForeignKey(
        Reorganisation, on_delete=models.PROTECT, related_name="links", verbose_name=_("tổ chức lại")
    )
    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successions", verbose_name=_("đơn vị trước")
    )
    successor = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="precedents",
        verbose_name=_("đơn vị sau"),
    )

    class Meta:
        ordering = ["reorganisation", "pk"]
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["reorganisation", "predecessor", "successor"], name="one_link_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor or '—'}"


class StaffCount(models.Model):
    """Staff of a unit in a year: the usual denominator of rate criteria (CBCC, CBCCVC)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="staff_counts", verbose_name=_("đơn vị"))
    year = models.PositiveIntegerField(_("năm"))
    civil_servants = models.PositiveIntegerField(_("số CBCC"), default=0)
    public_employees = models.PositiveIntegerField(_("số viên chức"), default=0)

    class Meta:
        ordering = ["unit", "year"]
        verbose_name = _("số cán bộ")
        verbose_name_plural = _("số cán bộ")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_staff_count_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def total(self) -> int:
        return self.civil_servants + self.public_employees
