"""Bulk writes store exactly what the ORM stores, in any number of rows, on both databases."""

from __future__ import annotations

import datetime

from django.utils import timezone

from govscore.web.audit.models import AuditEntry
from govscore.web.bulk import insert_objects, insert_rows, update_rows
from govscore.web.indicators.models import IndicatorValue

from .base import BaseTestCase

# One of each stored shape: a number as text, a yes/no, a ratio, a list, and Vietnamese text.
VALUES = ["12", True, {"numerator": "3", "denominator": "40"}, ["attt", "thu"], "Có — đã triển khai"]
WHEN = datetime.datetime(2012, 11, 30, 16, 45, 7, 123456, tzinfo=datetime.UTC)


class BulkWriteTests(BaseTestCase):
    def setUp(self) -> None:
        IndicatorValue.objects.filter(period=self.period).delete()

    def stored(self) -> list[tuple[object, ...]]:
        rows = IndicatorValue.objects.filter(period=self.period).order_by("unit__code", "code")
        return list(rows.values_list("unit_id", "code", "value", "source", "entered_by", "entered_at", "version"))

    def test_it_inserts_what_the_orm_would(self) -> None:
        shared = {"period": self.period.pk, "source": "import", "entered_by": self.evaluator.pk, "entered_at": WHEN}
        rows = [(self.syt.pk, f"i{index}", value) for index, value in enumerate(VALUES)]
        insert_rows(IndicatorValue, ("unit", "code", "value"), rows, shared)
        by_bulk = self.stored()
        IndicatorValue.objects.filter(period=self.period).delete()
        for unit_id, code, value in rows:
            row = IndicatorValue.objects.create(
                period=self.period, unit_id=unit_id, code=code, value=value, source="import", entered_by=self.evaluator
            )
            IndicatorValue.objects.filter(pk=row.pk).update(entered_at=WHEN)  # auto_now would set the clock's
        self.assertEqual(by_bulk, self.stored())
        self.assertEqual([row[2] for row in by_bulk], VALUES)

    def test_it_updates_the_fields_given_and_counts_the_version_up(self) -> None:
        first = IndicatorValue.objects.create(period=self.period, unit=self.syt, code="a", value="1")
        second = IndicatorValue.objects.create(period=self.period, unit=self.syt, code="b", value=False)
        update_rows(
            IndicatorValue,
            ("value",),
            [(first.pk, (VALUES[2],)), (second.pk, (True,))],
            {"source": "import", "entered_at": WHEN},
            increment="version",
        )
        first.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual((first.value, first.source, first.entered_at, first.version), (VALUES[2], "import", WHEN, 2))
        self.assertEqual((second.value, second.version), (True, 2))

    def test_it_writes_more_rows_than_one_statement_may_carry(self) -> None:
        # SQLite takes at most 999 parameters: 2,000 rows of 4 fields need several statements.
        rows = [(self.syt.pk, f"i{index:04}", str(index)) for index in range(2000)]
        insert_rows(IndicatorValue, ("unit", "code", "value"), rows, {"period": self.period.pk})
        stored = self.stored()
        self.assertEqual(len(stored), 2000)
        self.assertEqual(stored[-1][1:3], ("i1999", "1999"))
        # Fields not named take the database's defaults.
        self.assertEqual({row[3:5] + row[6:] for row in stored}, {("unit", None, 1)})

    def test_fields_named_nowhere_are_filled_as_save_fills_them(self) -> None:
        before = timezone.now()
        insert_rows(AuditEntry, ("action", "actor"), [("update", "một"), ("update", "hai")])
        rows = AuditEntry.objects.filter(actor__in=["một", "hai"])
        # A callable default (the time) per row, a plain default, and "" for text without a default.
        self.assertEqual({(row.origin, row.path, row.old) for row in rows}, {("web", "", None)})
        self.assertTrue(all(row.at >= before for row in rows))
        self.assertEqual(rows.count(), 2)

    def test_objects_leave_database_defaults_to_the_database(self) -> None:
        objects = [
            IndicatorValue(period=self.period, unit=self.stp, code=f"o{index}", value=index) for index in range(3)
        ]
        insert_objects(objects)
        self.assertEqual(
            list(
                IndicatorValue.objects.filter(period=self.period, code__startswith="o").values_list(
                    "version", flat=True
                )
            ),
            [1, 1, 1],
        )
