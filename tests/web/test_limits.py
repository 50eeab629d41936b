"""Numbers larger than a database keeps are refused where they come in, on SQLite and on PostgreSQL: a
URL's id finds no page (404), a form's count is answered 400 with a message, an action refuses it.
None of them is an error page (PostgreSQL's integer stops at 2,147,483,647; SQLite's at 2^63 − 1)."""

from __future__ import annotations

import datetime

import time_machine
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from govscore.web.actions import Refused
from govscore.web.limits import ID_MAX, INTEGER_MAX, IdConverter, parse_id
from govscore.web.orgs.actions import do_set_staff_count
from govscore.web.orgs.models import StaffCount
from govscore.web.reports.actions import do_submit_report
from govscore.web.reports.models import MonthlyReport

from .base import BaseTestCase, PublishedCastTestCase
from .test_urls import EveryUrlTests, named_patterns

TOO_LARGE_FOR_AN_ID = (ID_MAX + 1, 10**30)
# A set-password link's user id and token are Django's base64 and token text, not numbers.
TEXT_PARAMS = {"kind", "digest", "uidb64", "token"}


def converters(resolver: URLResolver | None = None) -> list[tuple[str, str, object]]:
    """(pattern, parameter, converter) of every parameter of the application's URLs; admin's are Django's."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "admin":
            continue
        for name, converter in entry.pattern.converters.items():
            found.append((str(entry.pattern), name, converter))
        if isinstance(entry, URLResolver):
            found.extend(converters(entry))
    return found


class UrlNumberTests(PublishedCastTestCase):
    def test_every_number_in_a_path_is_read_by_the_bounded_converter(self) -> None:
        numbers = [(pattern, name, converter) for pattern, name, converter in converters() if name not in TEXT_PARAMS]
        self.assertGreater(len(numbers), 20)
        self.assertEqual([item for item in numbers if not isinstance(item[2], IdConverter)], [])
        self.assertEqual([item for item in numbers if isinstance(item[2], IntConverter)], [])

    def test_a_number_larger_than_any_id_finds_no_page(self) -> None:
        for role in (None, self.admin):
            self.login(role)
            for name, params in named_patterns():
                valid = EveryUrlTests.kwargs_for(self, params, True)  # type: ignore[arg-type]
                for param in params - TEXT_PARAMS:
                    for number in TOO_LARGE_FOR_AN_ID:
                        url = reverse(name, kwargs={**valid, param: number})
                        with self.subTest(url=url, role=role and role.username):
                            self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_public_pages_of_an_edition_too_large_to_exist_are_missing(self) -> None:
        self.login(None)
        huge = "9" * 30
        for url in (f"/public/periods/{huge}/", f"/public/editions/{huge}/pdf/", f"/public/editions/{huge}/xlsx/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        # An edition asked for by a number of any length shows the latest one.
        response = self.client.get(reverse("public_period", args=[self.period.pk]), {"edition": "9" * 5000})
        self.assertEqual(response.status_code, 200)

    def test_an_id_is_digits_of_at_most_the_largest_id(self) -> None:
        self.assertEqual(parse_id(str(ID_MAX)), ID_MAX)
        for text in (str(ID_MAX + 1), "9" * 5000, "", "-1", "1.0", " 1", "١", "²"):
            with self.subTest(text=text):
                self.assertIsNone(parse_id(text))


class FormNumberTests(BaseTestCase):
    def post_report(self, **data: str) -> tuple[int, str]:
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 2])
        with time_machine.travel(datetime.datetime(2012, 3, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
            response = self.client.post(url, {"content": "Báo cáo tháng 2", **data})
        return response.status_code, response.content.decode()

    def test_a_report_count_larger_than_an_integer_column_is_refused_with_a_message(self) -> None:
        for field in ("documents_sent", "documents_sent_electronic"):
            for number in (INTEGER_MAX + 1, 2**63, 10**30):
                with self.subTest(field=field, number=number):
                    status, page = self.post_report(**{field: str(number), "documents_sent": str(number)})
                    self.assertEqual(status, 400)
                    self.assertIn("Giá trị không được lớn hơn 2147483647.", page)
                    self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=2).exists())

    def test_the_largest_count_a_column_keeps_is_accepted(self) -> None:
        status, _page = self.post_report(documents_sent=str(INTEGER_MAX), documents_sent_electronic=str(INTEGER_MAX))
        self.assertEqual(status, 302)
        report = MonthlyReport.objects.get(unit=self.syt, month=2)
        self.assertEqual((report.documents_sent, report.documents_sent_electronic), (INTEGER_MAX, INTEGER_MAX))

    def test_a_version_larger_than_any_version_is_refused(self) -> None:
        status, page = self.post_report(version=str(INTEGER_MAX + 1))
        self.assertEqual(status, 400)
        self.assertIn("Giá trị không được lớn hơn 2147483647.", page)
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=2).exists())

    def test_the_actions_refuse_counts_no_column_keeps(self) -> None:
        with self.assertRaises(Refused) as refused:
            do_submit_report(self.period, self.syt, 2, content="Báo cáo", documents_sent=INTEGER_MAX + 1)
        self.assertEqual(refused.exception.messages, ["Số văn bản phải từ 0 đến 2147483647."])
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=2).exists())
        with self.assertRaises(Refused) as refused:
            do_set_staff_count(self.syt, 2012, INTEGER_MAX + 1)
        self.assertEqual(refused.exception.messages, ["Năm và số cán bộ phải từ 0 đến 2147483647."])
        self.assertFalse(StaffCount.objects.exists())
