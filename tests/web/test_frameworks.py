"""A framework whose values do not fit the database is refused with located messages, never a server error."""

from __future__ import annotations

from django.urls import reverse

from govscore.web.frameworks.actions import FrameworkRejected, check_framework_text
from govscore.web.frameworks.models import FrameworkVersion

from .base import BaseTestCase, framework_text


class FrameworkTextTests(BaseTestCase):
    def test_values_longer_than_their_columns_are_refused(self) -> None:
        long_grade = "Xuất sắc toàn diện về mọi mặt"
        text = framework_text().replace('grade: "A+"', f'grade: "{long_grade}"', 1)
        self.assertIn(long_grade, text)
        with self.assertRaises(FrameworkRejected) as raised:
            check_framework_text(text)
        (message,) = raised.exception.messages
        self.assertIn(f"xếp loại “{long_grade}” dài {len(long_grade)} ký tự; tối đa 16.", message)

    def test_the_admin_cannot_change_a_version(self) -> None:
        version = FrameworkVersion.objects.create(code="thu", version="1", title="Thử", yaml_text=framework_text())
        self.login(self.admin)
        url = reverse("admin:frameworks_frameworkversion_change", args=[version.pk])
        self.assertEqual(self.client.post(url, {"yaml_text": "kind: framework\nformat: 1\n"}).status_code, 403)
        version.refresh_from_db()
        self.assertEqual(version.yaml_text, framework_text())
