"""The receivers that turn every save and delete of an audited model, every change of a user's roles,
and every log-in into audit rows.

The old values are read from the database just before a save (the instance in memory may already
hold the new ones); deletes keep what the row held, cascades included, since Django sends the
signals for each cascaded row once a receiver listens.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpRequest

from govscore.web.audit.context import ACTOR_MAX, Actor, current_actor, request_actor
from govscore.web.audit.models import AuditEntry, AuditImmutable
from govscore.web.audit.record import (
    AUDITED_MODELS,
    Subject,
    record,
    record_delete,
    record_save,
    subject_of,
    values_of,
)

Action = AuditEntry.Action
_BEFORE = "_govscore_audit_before"
_DELETED = "_govscore_audit_deleted"
_GROUPS = "_govscore_audit_groups"


def _before_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # a fixture or a restore brings rows back as they were, with their own trail
        return
    before = sender._base_manager.filter(pk=instance.pk).first() if instance.pk is not None else None
    setattr(instance, _BEFORE, values_of(before) if before is not None else None)


def _after_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    before = instance.__dict__.pop(_BEFORE, None)
    named = kwargs.get("update_fields")
    # update_fields may name a foreign key by its column ("unit_id"); the trail keys fields by name.
    fields = None if named is None else {sender._meta.get_field(name).name for name in named}
    record_save(instance, before, fields)


def _before_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    # What the row held, and its unit and period, while its related rows still exist.
    setattr(instance, _DELETED, (subject_of(instance), values_of(instance)))


def _after_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    kept: tuple[Subject, dict[str, object]] | None = instance.__dict__.pop(_DELETED, None)
    subject, before = kept if kept is not None else (subject_of(instance), values_of(instance))
    record_delete(subject, before)


def _refuse_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    # A queryset's delete() skips Model.delete(); the signal still fires for every row.
    raise AuditImmutable(str(instance.pk))


def _group_names(user_ids: set[int]) -> dict[int, list[str]]:
    through = get_user_model().groups.through
    names: dict[int, list[str]] = {user_id: [] for user_id in user_ids}
    rows = through.objects.filter(user_id__in=user_ids).values_list("user_id", "group__name")
    for user_id, name in rows.order_by("group__name"):
        names[user_id].append(name)
    return names


def _users_of(instance: Model, reverse: bool, pk_set: set[int] | None) -> set[int]:
    if not reverse:
        return {instance.pk}
    if pk_set is not None:
        return set(pk_set)
    # Clearing a group's members: every member is affected.
    return set(instance.user_set.values_list("pk", flat=True))  # type: ignore[attr-defined]


def _groups_changed(
    sender: type[Model], instance: Model, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """A user's roles are its auth groups: adding or removing one is a change of the user."""
    if action.startswith("pre_"):
        setattr(instance, _GROUPS, _group_names(_users_of(instance, reverse, pk_set)))
        return
    before: dict[int, list[str]] = instance.__dict__.pop(_GROUPS, {})
    after = _group_names(set(before))
    usernames = dict(get_user_model()._base_manager.filter(pk__in=list(before)).values_list("pk", "username"))
    for user_id, names in before.items():
        if after[user_id] != names:
            subject = Subject("auth.user", str(user_id), usernames.get(user_id, ""), None, None)
            record(Action.UPDATE, subject, old={"groups": names}, new={"groups": after[user_id]})


def _user_subject(user: Any) -> Subject:
    return Subject("auth.user", str(user.pk), str(user.get_username())[:255], None, None)


def _logged_in(sender: object, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    actor = request_actor(request, user) if request is not None else current_actor()
    record(Action.LOGIN, _user_subject(user), actor=actor)


def _logged_out(sender: object, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:  # no one was logged in
        return
    actor = request_actor(request, user) if request is not None else current_actor()
    record(Action.LOGOUT, _user_subject(user), actor=actor)


def _login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """The name that was tried, never the password (Django has already masked it; it is not read here)."""
    field = get_user_model().USERNAME_FIELD
    tried = str(credentials.get(field) or credentials.get("username") or "")[:ACTOR_MAX]
    where = request_actor(request) if request is not None else current_actor()
    actor = Actor(name=tried, user_id=None, ip=where.ip, path=where.path, origin=where.origin)
    record(Action.LOGIN_FAILED, Subject("auth.user", "", tried, None, None), actor=actor)


def connect() -> None:
    for label in AUDITED_MODELS:
        model = apps.get_model(label)
        uid = f"audit-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-post-delete")
    m2m_changed.connect(_groups_changed, sender=get_user_model().groups.through, dispatch_uid="audit-user-groups")
    pre_delete.connect(_refuse_delete, sender=AuditEntry, dispatch_uid="audit-append-only")
    user_logged_in.connect(_logged_in, dispatch_uid="audit-logged-in")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logged-out")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
