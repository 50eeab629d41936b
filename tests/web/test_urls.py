"""Every URL pattern, requested as every role, for the user's own unit and for another unit.

A new URL without an expectation here fails `test_it_has_an_expectation_for_every_url`, so no
page can be added without deciding who may open it.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from govscore.web.assessment.models import ExplanationMessage

from .base import BaseTestCase, PublishedCastTestCase
from .samples import pdf_upload

ROLES = ("anonymous", "reporter", "unit_head", "evaluator", "leader", "admin")
LOGIN, OK, FORBIDDEN, MISSING, NOT_ALLOWED = 302, 200, 403, 404, 405

# name → (statuses by role for the reporter's own unit, the same for another unit).
# For staff roles "own" and "other" are the same: they read every unit.
# The unit head reads what its unit's reporter reads.
STAFF_ONLY = {
    "anonymous": LOGIN,
    "reporter": FORBIDDEN,
    "unit_head": FORBIDDEN,
    "evaluator": OK,
    "leader": OK,
    "admin": OK,
}
UNIT_PAGE_OWN = {"anonymous": LOGIN, "reporter": OK, "unit_head": OK, "evaluator": OK, "leader": OK, "admin": OK}
UNIT_PAGE_OTHER = {**UNIT_PAGE_OWN, "reporter": MISSING, "unit_head": MISSING}
POST_ONLY = {**dict.fromkeys(ROLES, NOT_ALLOWED), "anonymous": LOGIN}
EDITORS = {**STAFF_ONLY, "leader": FORBIDDEN}
EVERYONE = dict.fromkeys(ROLES, OK)
LOGGED_IN = {**EVERYONE, "anonymous": LOGIN}
HOME = dict.fromkeys(ROLES, LOGIN)
ADMIN_ONLY = {**dict.fromkeys(ROLES, FORBIDDEN), "anonymous": LOGIN, "admin": OK}

EXPECTED_GET: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    "home": (HOME, HOME),
    "healthz": (EVERYONE, EVERYONE),
    "setup_checklist": (ADMIN_ONLY, ADMIN_ONLY),
    "set_language": (HOME, HOME),  # GET only redirects back; the language changes on POST
    "login": (EVERYONE, EVERYONE),
    "logout": (dict.fromkeys(ROLES, NOT_ALLOWED),) * 2,
    "period_list": (LOGGED_IN, LOGGED_IN),
    "period_open": (ADMIN_ONLY, ADMIN_ONLY),
    "period_overview": (STAFF_ONLY, STAFF_ONLY),
    "ranking": (STAFF_ONLY, STAFF_ONLY),
    "dashboard": (STAFF_ONLY, STAFF_ONLY),
    # A draft framework replayed on the period: the evaluating department's work, as the data import.
    "whatif": (EDITORS, EDITORS),
    "unit_detail": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "report_calendar": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "report_form": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "indicator_form": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "evidence_upload": (POST_ONLY, POST_ONLY),
    "manual_scores": (EDITORS, EDITORS),
    "manual_score_delete": (POST_ONLY, POST_ONLY),
    "ranking_exclusion": (POST_ONLY, POST_ONLY),
    "report_attachment": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "evidence_download": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "publication_manage": (ADMIN_ONLY, ADMIN_ONLY),
    "publication_draft": (POST_ONLY, POST_ONLY),
    "publication_close": (POST_ONLY, POST_ONLY),
    "publication_reopen": (POST_ONLY, POST_ONLY),
    "publication_publish": (POST_ONLY, POST_ONLY),
    # The cast's period is published: its editions have their files, there is no draft to preview.
    "publication_preview": ({**ADMIN_ONLY, "admin": MISSING},) * 2,
    "publication_letter": (ADMIN_ONLY, ADMIN_ONLY),
    "publication_amend": (POST_ONLY, POST_ONLY),
    # Each user's own notifications and e-mail choices.
    "notification_list": (LOGGED_IN, LOGGED_IN),
    "notification_read": (POST_ONLY, POST_ONLY),
    "notification_preferences": (LOGGED_IN, LOGGED_IN),
    # Published results are public: no log-in, the same for everyone.
    "public_index": (EVERYONE, EVERYONE),
    "public_period": (EVERYONE, EVERYONE),
    "public_file": (EVERYONE, EVERYONE),
    "public_verify": (EVERYONE, EVERYONE),
    "imports_page": (EDITORS, EDITORS),
    "imports_template": (EDITORS, EDITORS),
    "imports_preview": (POST_ONLY, POST_ONLY),
    "imports_confirm": (POST_ONLY, POST_ONLY),
    # Frameworks: staff read the versions, their files and differences; the administrator alone uploads,
    # copies and replaces.
    "framework_list": (STAFF_ONLY, STAFF_ONLY),
    "framework_upload": (ADMIN_ONLY, ADMIN_ONLY),
    "framework_compare": (STAFF_ONLY, STAFF_ONLY),
    "framework_version": (STAFF_ONLY, STAFF_ONLY),
    "framework_yaml": (STAFF_ONLY, STAFF_ONLY),
    "framework_xlsx": (STAFF_ONLY, STAFF_ONLY),
    "framework_copy": (POST_ONLY, POST_ONLY),
    "framework_replace": (POST_ONLY, POST_ONLY),
    # Results of past years: the import creates a period (administrator); the tables are for staff.
    "history_list": (STAFF_ONLY, STAFF_ONLY),
    "history_import": (ADMIN_ONLY, ADMIN_ONLY),
    "history_template": (ADMIN_ONLY, ADMIN_ONLY),
    "history_preview": (POST_ONLY, POST_ONLY),
    "history_confirm": (POST_ONLY, POST_ONLY),
    "history_period": (STAFF_ONLY, STAFF_ONLY),
    "history_export": (STAFF_ONLY, STAFF_ONLY),
    "unit_trend": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    # The assessment dialogue: a unit's self-assessment is its own and staff's to read; the appraisal is
    # the evaluators'; the stages are set by the administrator.
    "self_assessment": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "self_assessment_submit": (POST_ONLY, POST_ONLY),
    "appraisal": (EDITORS, EDITORS),
    "evidence_verdict": (POST_ONLY, POST_ONLY),
    "assessment_overview": (STAFF_ONLY, STAFF_ONLY),
    "stage_schedule": (ADMIN_ONLY, ADMIN_ONLY),
    "stage_now": (POST_ONLY, POST_ONLY),
    "finding_accept": (POST_ONLY, POST_ONLY),
    "explanation": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "explanation_attachment": (UNIT_PAGE_OWN, UNIT_PAGE_OTHER),
    "council": (STAFF_ONLY, STAFF_ONLY),
    # A set-password link authorises itself: anyone may open it (an invalid one says so).
    "password_set": (EVERYONE, EVERYONE),
    "password_set_done": (EVERYONE, EVERYONE),
    # Accounts: the administrator alone.
    "account_list": (ADMIN_ONLY, ADMIN_ONLY),
    "people_import": (ADMIN_ONLY, ADMIN_ONLY),
    "people_template": (ADMIN_ONLY, ADMIN_ONLY),
    "people_preview": (POST_ONLY, POST_ONLY),
    "people_confirm": (POST_ONLY, POST_ONLY),
    "account_set_active": (POST_ONLY, POST_ONLY),
    "account_reset": (POST_ONLY, POST_ONLY),
    "province_trends": (STAFF_ONLY, STAFF_ONLY),
    # The unit register: staff read it; its workbook and reorganisations are the administrator's.
    "units_register": (STAFF_ONLY, STAFF_ONLY),
    "units_import": (ADMIN_ONLY, ADMIN_ONLY),
    "units_template": (ADMIN_ONLY, ADMIN_ONLY),
    "units_preview": (POST_ONLY, POST_ONLY),
    "units_confirm": (POST_ONLY, POST_ONLY),
    "units_reorganise": (ADMIN_ONLY, ADMIN_ONLY),
    # The audit trail and its export: the administrator alone.
    "audit_log": (ADMIN_ONLY, ADMIN_ONLY),
    "audit_export": (ADMIN_ONLY, ADMIN_ONLY),
}


def named_patterns(
    resolver: URLResolver | None = None, namespace: str = "", outer: frozenset[str] = frozenset()
) -> Iterator[tuple[str, frozenset[str]]]:
    """Every named pattern with all its URL parameters, flattened; Django admin is tested separately."""
    for entry in (resolver or get_resolver()).url_patterns:
        params = outer | frozenset(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from named_patterns(entry, entry.namespace or namespace, params)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), params


class EveryUrlTests(PublishedCastTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A message with new evidence in each unit's explanation thread (written here directly: the cast's
        # period has no dialogue schedule, and only the download's access is under test).
        cls.syt_message, cls.stp_message = (
            ExplanationMessage.objects.create(
                period=cls.period,
                unit=unit,
                criterion_code="2",
                side=ExplanationMessage.Side.UNIT,
                text="Bổ sung quyết định",
                attachment=pdf_upload("quyet-dinh.pdf"),
                attachment_name="quyet-dinh.pdf",
                attachment_type="application/pdf",
            )
            for unit in (cls.syt, cls.stp)
        )

    def kwargs_for(self, params: frozenset[str], own: bool) -> dict[str, int | str]:
        unit = self.syt if own else self.stp
        message = getattr(self, "syt_message" if own else "stp_message", None)
        values = {
            "period_id": self.period.pk,
            "unit_id": unit.pk,
            "month": 1,
            "report_id": (self.syt_report if own else self.stp_report).pk,
            "evidence_id": (self.syt_evidence if own else self.stp_evidence).pk,
            "score_id": (self.syt_score if own else self.stp_score).pk,
            "publication_id": self.publication.pk,
            "kind": "pdf",
            "digest": self.publication.content_hash,
            "framework_id": self.period.framework_id,
            "user_id": (self.reporter if own else self.stp_reporter).pk,
            "uidb64": "MQ",
            "token": "not-a-token",
            "message_id": message.pk if message is not None else 1,
        }
        # Other audits reuse this method on cases without a historical period (a missing key is theirs to fill).
        historical = getattr(self, "historical", None)
        if historical is not None:
            values["historical_period_id"] = historical.pk
        return {name: values[name] for name in params}

    def user_for(self, role: str):  # type: ignore[no-untyped-def]
        return None if role == "anonymous" else getattr(self, role)

    def test_it_has_an_expectation_for_every_url(self) -> None:
        names = {name for name, _params in named_patterns()}
        self.assertEqual(names - set(EXPECTED_GET), set())

    def test_it_allows_and_denies_every_url_for_every_role(self) -> None:
        for name, params in named_patterns():
            for own, expected in zip((True, False), EXPECTED_GET[name], strict=True):
                url = reverse(name, kwargs=self.kwargs_for(params, own))
                for role in ROLES:
                    with self.subTest(url=url, role=role, own=own):
                        self.login(self.user_for(role))
                        self.assertEqual(self.client.get(url).status_code, expected[role])

    def test_it_lets_only_the_administrator_into_django_admin(self) -> None:
        for role in ROLES:
            with self.subTest(role=role):
                self.login(self.user_for(role))
                status = self.client.get(reverse("admin:index")).status_code
                self.assertEqual(status, OK if role == "admin" else LOGIN)


class WritesByRoleTests(BaseTestCase):
    """POST endpoints: who may write, for the reporter's own unit and for another unit."""

    def post_report(self, unit_pk: int) -> int:
        url = reverse("report_form", args=[self.period.pk, unit_pk, 3])
        return self.client.post(url, {"content": "Báo cáo tháng 3"}).status_code

    def post_values(self, unit_pk: int) -> int:
        url = reverse("indicator_form", args=[self.period.pk, unit_pk])
        return self.client.post(url, {"network_connected": "true"}).status_code

    def post_score(self, unit_pk: int) -> int:
        url = reverse("manual_scores", args=[self.period.pk, unit_pk])
        return self.client.post(url, {"criterion_code": "5", "points": "90", "reason": "Hội đồng"}).status_code

    def test_it_lets_writers_write_and_no_one_else(self) -> None:
        expected = {
            # role: (report own, report other, values own, values other, score own, score other)
            "reporter": (302, 404, 302, 404, 403, 403),
            # The unit head reads its unit and sends its self-assessment; it enters no data.
            "unit_head": (403, 404, 403, 404, 403, 403),
            "evaluator": (403, 403, 302, 302, 302, 302),
            "leader": (403, 403, 403, 403, 403, 403),
            "admin": (302, 302, 302, 302, 302, 302),
        }
        for role, statuses in expected.items():
            with self.subTest(role=role):
                self.login(getattr(self, role))
                actual = (
                    self.post_report(self.syt.pk),
                    self.post_report(self.stp.pk),
                    self.post_values(self.syt.pk),
                    self.post_values(self.stp.pk),
                    self.post_score(self.syt.pk),
                    self.post_score(self.stp.pk),
                )
                self.assertEqual(actual, statuses)
