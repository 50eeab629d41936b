"""The receivers that turn every save and delete of an audited model, every change of a user's roles
and permissions and of a group's permissions, every lifted log-in lock-out, and every log-in into
audit rows.

The old values are read from the database just before a save (the instance in memory may already
hold the new ones); deletes keep what the row held, cascades included, since Django sends the
signals for each cascaded row once a receiver listens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.db.models import ManyToManyField, Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpRequest

from govscore.web.audit.context import ACTOR_MAX, Actor, current_actor, request_actor
from govscore.web.audit.models import AuditEntry, AuditImmutable
from govscore.web.audit.record import (
    AUDITED_MODELS,
    DELETIONS_AUDITED,
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
_RELATED = "_govscore_audit_related_"


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


@dataclass(frozen=True)
class _Related:
    """A many-to-many field whose changes are changes of the record holding it: a user's roles (auth
    groups) and permissions, a group's permissions. Recorded by the names of the related rows."""

    field: ManyToManyField[Any, Any]
    names: tuple[str, ...]  # lookups on the related row that make its name, joined by "."

    @property
    def owner(self) -> type[Model]:
        return self.field.model  # type: ignore[no-any-return]

    def named(self, owner_ids: set[int]) -> dict[int, list[str]]:
        """Each owner's related rows by name, in order; [] for an owner with none."""
        owner, related = self.field.m2m_field_name(), self.field.m2m_reverse_field_name()
        lookups = [f"{related}__{name}" for name in self.names]
        rows = self.field.remote_field.through.objects.filter(**{f"{owner}_id__in": owner_ids})
        names: dict[int, list[str]] = {owner_id: [] for owner_id in owner_ids}
        for owner_id, *parts in rows.values_list(f"{owner}_id", *lookups):
            names[owner_id].append(".".join(parts))
        return {owner_id: sorted(items) for owner_id, items in names.items()}

    def owners(self, instance: Model, reverse: bool, pk_set: set[int] | None) -> set[int]:
        if not reverse:
            return {instance.pk}
        if pk_set is not None:
            return set(pk_set)
        # Cleared from the related row's side (a group's members, a permission's holders): all its owners.
        owner, related = self.field.m2m_field_name(), self.field.m2m_reverse_field_name()
        through = self.field.remote_field.through.objects.filter(**{f"{related}_id": instance.pk})
        return set(through.values_list(f"{owner}_id", flat=True))

    def changed(
        self, sender: type[Model], instance: Model, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
    ) -> None:
        """Receiver of m2m_changed: the names before a change, a row per owner whose names it changed."""
        key = f"{_RELATED}{self.field.name}"
        if action.startswith("pre_"):
            setattr(instance, key, self.named(self.owners(instance, reverse, pk_set)))
            return
        before: dict[int, list[str]] = instance.__dict__.pop(key, {})
        after = self.named(set(before))
        shown = {row.pk: str(row)[:255] for row in self.owner._base_manager.filter(pk__in=list(before))}
        label = self.owner._meta.label_lower
        for owner_id, names in before.items():
            if after[owner_id] != names:
                subject = Subject(label, str(owner_id), shown.get(owner_id, ""), None, None)
                record(Action.UPDATE, subject, old={self.field.name: names}, new={self.field.name: after[owner_id]})


def _related_fields() -> tuple[_Related, ...]:
    user, group = get_user_model(), apps.get_model("auth.Group")
    permission = ("content_type__app_label", "codename")
    return (
        _Related(user._meta.get_field("groups"), ("name",)),  # type: ignore[arg-type]
        _Related(user._meta.get_field("user_permissions"), permission),  # type: ignore[arg-type]
        _Related(group._meta.get_field("permissions"), permission),  # type: ignore[arg-type]
    )


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
    for related in _related_fields():
        uid = f"audit-{related.owner._meta.label_lower}-{related.field.name}"
        # Held strongly: the bound method of a dataclass made here would otherwise be collected at once.
        m2m_changed.connect(related.changed, sender=related.field.remote_field.through, weak=False, dispatch_uid=uid)
    for label in DELETIONS_AUDITED:
        model = apps.get_model(label)
        uid = f"audit-{model._meta.label_lower}"
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-post-delete")
    pre_delete.connect(_refuse_delete, sender=AuditEntry, dispatch_uid="audit-append-only")
    user_logged_in.connect(_logged_in, dispatch_uid="audit-logged-in")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logged-out")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
