"""What an administrator does in Django admin is in the audit trail as it happened: permissions given to
or taken from a user or a group, a log-in lock-out lifted; and a save that changes nothing records
nothing (a date and time shown in local time is the same instant as the one stored in UTC)."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse

from govscore.web.audit.context import acting_as
from govscore.web.audit.models import AuditEntry

from .html_forms import form_of
from .test_audit import ADDRESS, AuditTestCase, latest

Action = AuditEntry.Action


def permission(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


class AdminChangesTests(AuditTestCase):
    def admin_form(self, url: str, **changes: Any) -> int:
        """The admin's form (of a user or a group) as the page gives it, with `changes`, sent back from ADDRESS."""
        containing = "username" if "/auth/user/" in url else "name"
        action, data = form_of(self.client.get(url).content, containing=containing, url=url)
        data.update({name: value if isinstance(value, list) else [value] for name, value in changes.items()})
        data["_save"] = ["Lưu"]
        return self.client.post(action, data, REMOTE_ADDR=ADDRESS).status_code

    def setUp(self) -> None:
        super().setUp()
        self.login(self.admin)
        # Whole seconds, as the admin's form keeps a time (a save there drops a stored fraction of a
        # second, which is a change): what is left to compare is the instant.
        joined = self.leader.date_joined.replace(microsecond=0)
        User.objects.filter(pk=self.leader.pk).update(date_joined=joined)

    def user_rows(self) -> list[AuditEntry]:
        return list(AuditEntry.objects.filter(model="auth.user", object_id=str(self.leader.pk)).order_by("pk"))

    def test_saving_a_user_unchanged_records_nothing(self) -> None:
        before = self.user_rows()
        self.assertEqual(self.admin_form(reverse("admin:auth_user_change", args=[self.leader.pk])), 302)
        self.assertEqual(self.user_rows(), before)

    def test_a_changed_date_joined_is_recorded_once_not_every_save(self) -> None:
        url = reverse("admin:auth_user_change", args=[self.leader.pk])
        self.assertEqual(self.admin_form(url, date_joined_0="01/02/2012", date_joined_1="08:30:00"), 302)
        changed = latest(model="auth.user", action=Action.UPDATE, object_id=str(self.leader.pk))
        self.assertEqual(list(changed.new), ["date_joined"])
        # 08:30 in Hồ Chí Minh City is 01:30 UTC: the same instant, whatever the zone it is written in.
        self.assertEqual(changed.new["date_joined"], "2012-02-01T01:30:00+00:00")
        self.assert_by(changed, self.admin)
        count = AuditEntry.objects.count()
        self.assertEqual(self.admin_form(url), 302)
        self.assertEqual(AuditEntry.objects.count(), count)

    def test_permissions_given_to_and_taken_from_a_user(self) -> None:
        url = reverse("admin:auth_user_change", args=[self.leader.pk])
        added = [str(permission("change_user").pk), str(permission("view_unit").pk)]
        self.assertEqual(self.admin_form(url, user_permissions=added), 302)
        given = latest(model="auth.user", action=Action.UPDATE, object_id=str(self.leader.pk))
        self.assertEqual(
            (given.old, given.new),
            ({"user_permissions": []}, {"user_permissions": ["auth.change_user", "orgs.view_unit"]}),
        )
        self.assert_by(given, self.admin)
        self.assertEqual(given.object_repr, "leader")

        self.assertEqual(self.admin_form(url, user_permissions=[str(permission("view_unit").pk)]), 302)
        taken = latest(model="auth.user", action=Action.UPDATE, object_id=str(self.leader.pk))
        self.assertEqual(
            (taken.old, taken.new),
            ({"user_permissions": ["auth.change_user", "orgs.view_unit"]}, {"user_permissions": ["orgs.view_unit"]}),
        )

    def test_permissions_given_to_and_taken_from_a_group(self) -> None:
        group = Group.objects.get(name="leader")
        url = reverse("admin:auth_group_change", args=[group.pk])
        self.assertEqual(self.admin_form(url, permissions=[str(permission("delete_user").pk)]), 302)
        given = latest(model="auth.group", action=Action.UPDATE, object_id=str(group.pk))
        self.assertEqual((given.old, given.new), ({"permissions": []}, {"permissions": ["auth.delete_user"]}))
        self.assertEqual(given.object_repr, "leader")
        self.assert_by(given, self.admin)

        # From the permission's side, and cleared from the group's: the group's row says so each time.
        with acting_as("manage.py shell"):
            permission("view_user").group_set.add(group)
            group.permissions.clear()
        rows = AuditEntry.objects.filter(model="auth.group", object_id=str(group.pk)).order_by("-pk")[:2]
        self.assertEqual(
            [(row.old, row.new, row.actor) for row in reversed(rows)],
            [
                (
                    {"permissions": ["auth.delete_user"]},
                    {"permissions": ["auth.delete_user", "auth.view_user"]},
                    "manage.py shell",
                ),
                ({"permissions": ["auth.delete_user", "auth.view_user"]}, {"permissions": []}, "manage.py shell"),
            ],
        )

    def test_a_group_made_renamed_and_deleted_in_the_admin(self) -> None:
        self.assertEqual(self.admin_form(reverse("admin:auth_group_add"), name="kiem-tra"), 302)
        group = Group.objects.get(name="kiem-tra")
        self.assertEqual(latest(model="auth.group", action=Action.CREATE).new, {"id": group.pk, "name": "kiem-tra"})
        self.assertEqual(self.admin_form(reverse("admin:auth_group_change", args=[group.pk]), name="kiem-tra-2"), 302)
        renamed = latest(model="auth.group", action=Action.UPDATE, object_id=str(group.pk))
        self.assertEqual((renamed.old, renamed.new), ({"name": "kiem-tra"}, {"name": "kiem-tra-2"}))
        url = reverse("admin:auth_group_delete", args=[group.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}, REMOTE_ADDR=ADDRESS).status_code, 302)
        deleted = latest(model="auth.group", action=Action.DELETE)
        self.assertEqual((deleted.object_id, deleted.old["name"]), (str(group.pk), "kiem-tra-2"))


class LockoutTests(AuditTestCase):
    def lock_out(self, username: str = "leader") -> AccessAttempt:
        for _ in range(5):
            self.client.post(reverse("login"), {"username": username, "password": "sai"}, REMOTE_ADDR=ADDRESS)
        return AccessAttempt.objects.get(username=username)

    def test_lifting_a_lock_out_in_the_admin_is_recorded(self) -> None:
        attempt = self.lock_out()
        self.assertEqual(attempt.failures_since_start, 5)
        self.login(self.admin)
        url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}, REMOTE_ADDR="198.51.100.2").status_code, 302)
        self.assertFalse(AccessAttempt.objects.exists())
        lifted = latest(model="axes.accessattempt", action=Action.DELETE)
        self.assertEqual(lifted.object_id, str(attempt.pk))
        self.assertEqual(lifted.object_repr, f"leader — {ADDRESS}")
        self.assertEqual(
            {key: lifted.old[key] for key in ("username", "ip_address", "failures_since_start")},
            {"username": "leader", "ip_address": ADDRESS, "failures_since_start": 5},
        )
        # What was posted with the failed log-ins is not copied into the trail.
        self.assertFalse({"post_data", "get_data", "http_accept"} & set(lifted.old))
        self.assert_by(lifted, self.admin, "198.51.100.2")

    def test_lifting_lock_outs_in_bulk_or_by_command_is_recorded(self) -> None:
        first, second = self.lock_out("leader"), self.lock_out("evaluator")
        self.login(self.admin)
        changelist = reverse("admin:axes_accessattempt_changelist")
        data = {"action": "delete_selected", "_selected_action": [first.pk], "post": "yes"}
        self.assertEqual(self.client.post(changelist, data, REMOTE_ADDR=ADDRESS).status_code, 302)
        self.assertEqual(latest(model="axes.accessattempt", action=Action.DELETE).object_id, str(first.pk))
        with acting_as("manage.py axes_reset_username"):
            call_command("axes_reset_username", "evaluator", verbosity=0)
        lifted = latest(model="axes.accessattempt", action=Action.DELETE)
        self.assertEqual((lifted.object_id, lifted.actor), (str(second.pk), "manage.py axes_reset_username"))

    def test_the_trail_can_be_searched_for_lifted_lock_outs(self) -> None:
        self.lock_out()
        self.login(self.admin)
        AccessAttempt.objects.all().delete()
        response = self.client.get(reverse("audit_log"), {"model": "axes.accessattempt"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"leader — {ADDRESS}")
