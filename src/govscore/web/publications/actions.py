"""Publishing a period, and opening an amendment. Each is one transaction: all of it or none."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from govscore.documents import DocumentOptions, Verification, build_results_document, results_xlsx
from govscore.documents.docx_writer import render_docx
from govscore.documents.pdf_writer import render_pdf
from govscore.scoring.engine import score_in
from govscore.scoring.model import Publication as CorePublication
from govscore.scoring.results import EvaluationResult
from govscore.web.actions import Refused, User, versioned_save, writing
from govscore.web.audit.context import reason as audit_reason
from govscore.web.faults import pause_point
from govscore.web.periods.actions import BadTransition
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.models import DocumentDraft, Publication, PublicationFile
from govscore.web.publications.snapshot import (
    Letter,
    build_snapshot,
    canonical_json,
    changes_between,
    content_hash,
    document_from_data,
)
from govscore.web.scores.mapping import evaluation_for
from govscore.web.text import REASON_MAX, nfc_text, too_long

Status = EvaluationPeriod.Status
REQUIRED_FIELDS = ("place", "issued_on", "letter_number", "letter_date", "title", "signer_title", "signer_name")


class PublishRefused(Refused):
    """The draft lacks what an official document needs; `messages` say what."""


def draft_for(period: EvaluationPeriod) -> DocumentDraft:
    """The period's document details as stored, or empty ones (not stored: reading writes nothing)."""
    return DocumentDraft.objects.filter(period=period).first() or DocumentDraft(period=period, version=0)


def do_save_draft(
    period: EvaluationPeriod, values: Mapping[str, object], expected_version: int | None, by: User | None = None
) -> DocumentDraft:
    """Store the document's details (`values`: field → value). `expected_version` is the version of
    the draft the caller read (0: none was stored; None: not checked); VersionConflict when it has moved
    on since. A published period's details change only through an amendment."""
    with writing(None, by):
        if EvaluationPeriod.objects.select_for_update().get(pk=period.pk).status == Status.PUBLISHED:
            raise BadTransition(Status.PUBLISHED.label)

        def change(draft: DocumentDraft) -> None:
            for name, value in values.items():
                setattr(draft, name, value)

        return versioned_save(
            DocumentDraft.objects.filter(period=period),
            expected_version,
            key="",
            lookup={"period_id": period.pk},
            new=lambda: DocumentDraft(period=period),
            change=change,
        )


def _set_amendment_reason(period: EvaluationPeriod, reason: str) -> None:
    """Through the model (a queryset update would go unrecorded), taking the next version."""

    def change(draft: DocumentDraft) -> None:
        draft.amendment_reason = reason

    versioned_save(
        DocumentDraft.objects.filter(period=period),
        None,
        key="",
        lookup={"period_id": period.pk},
        new=lambda: DocumentDraft(period=period),
        change=change,
    )


def missing_fields(draft: DocumentDraft) -> list[str]:
    return [name for name in REQUIRED_FIELDS if not getattr(draft, name)]


def do_publish(period: EvaluationPeriod, by: User | None) -> Publication:
    """Freeze the period's results as the next edition, render its files, and mark it published."""
    with writing(None, by):
        locked = EvaluationPeriod.objects.select_for_update().get(pk=period.pk)
        if locked.status not in (Status.CLOSED, Status.AMENDING) or locked.is_historical:
            raise BadTransition(locked.get_status_display())
        draft = draft_for(locked)
        missing = missing_fields(draft)
        if missing:
            labels = [str(DocumentDraft._meta.get_field(name).verbose_name) for name in missing]
            raise PublishRefused(gettext("Chưa nhập: %(fields)s.") % {"fields": ", ".join(labels)})
        previous = locked.publications.order_by("-edition").first()
        edition = previous.edition + 1 if previous else 1
        if previous and not draft.amendment_reason:
            raise PublishRefused(gettext("Lần công bố lại phải có lý do đính chính."))
        if previous and draft.letter_number == previous.letter_number:
            raise PublishRefused(
                gettext("Lần công bố lại phải có số công văn mới (lần %(edition)s đã dùng số %(number)s).")
                % {"edition": previous.edition, "number": previous.letter_number}
            )
        if previous and draft.letter_date is not None and draft.letter_date < previous.letter_date:
            raise PublishRefused(
                gettext("Ngày công văn đính chính không được trước ngày của lần %(edition)s (%(date)s).")
                % {"edition": previous.edition, "date": previous.letter_date.strftime("%d/%m/%Y")}
            )
        letter = _letter(draft)
        results, options = scored_for_document(locked, draft, ("vi", "en"))
        snapshot = build_snapshot(
            edition=edition,
            period=_period_data(locked),
            framework_text=locked.framework.yaml_text,
            letter=letter,
            results=results,
            document=build_results_document(results["vi"], options),
            amendment_reason=draft.amendment_reason if previous else "",
        )
        text = canonical_json(snapshot)
        digest = content_hash(text)
        publication = Publication.objects.create(
            period=locked,
            edition=edition,
            published_at=timezone.now(),
            published_by=by if by is not None and by.is_authenticated else None,
            letter_number=letter.letter_number,
            letter_date=letter.letter_date,
            signer_title=letter.signer_title,
            signer_name=letter.signer_name,
            amendment_reason=snapshot["amendment_reason"],
            snapshot_json=text,
            content_hash=digest,
            changes=changes_between(json.loads(previous.snapshot_json), snapshot) if previous else [],
        )
        pause_point("publish.edition_written")
        _store_files(publication, snapshot, results["vi"])
        locked.status = Status.PUBLISHED
        with audit_reason(publication.amendment_reason):
            locked.save(update_fields=["status"])
        _set_amendment_reason(locked, "")
    period.status = Status.PUBLISHED
    return publication


def scored_for_document(
    period: EvaluationPeriod, draft: DocumentDraft, languages: tuple[str, ...], *, draft_mark: bool = False
) -> tuple[dict[str, EvaluationResult], DocumentOptions]:
    """The period scored with the letter's details, and the document's options: what a publication
    freezes, and what its preview shows (marked as a draft)."""
    evaluation = dataclasses.replace(evaluation_for(period), publication=_core_publication(_letter(draft)))
    layout = draft.layout
    options = DocumentOptions(layout=layout, publication=evaluation.publication, draft=draft_mark)  # type: ignore[arg-type]
    return score_in(evaluation, languages), options


def do_open_amendment(period: EvaluationPeriod, reason: str, by: User | None) -> EvaluationPeriod:
    """Reopen a published period for corrections; the next publication is a new edition with this reason."""
    reason = nfc_text(reason)
    if not reason:
        raise PublishRefused(gettext("Phải ghi lý do đính chính."))
    # The reason is printed in every edition from now on.
    if problems := too_long(gettext("Lý do đính chính"), reason, REASON_MAX):
        raise PublishRefused(*problems)
    with writing(None, by, reason=reason):
        locked = EvaluationPeriod.objects.select_for_update().get(pk=period.pk)
        # A past year's table has no data to correct or rescore: it stays as it was printed.
        if locked.status != Status.PUBLISHED or locked.is_historical:
            raise BadTransition(locked.get_status_display())
        _set_amendment_reason(locked, reason)
        locked.status = Status.AMENDING
        with audit_reason(reason):
            locked.save(update_fields=["status"])
    period.status = Status.AMENDING
    return period


def verification_url(digest: str) -> str:
    return settings.GOVSCORE_PUBLIC_URL.rstrip("/") + reverse("public_verify", args=[digest])


def _store_files(publication: Publication, snapshot: dict[str, object], result: EvaluationResult) -> None:
    # The document is rendered from the snapshot itself, so the files say exactly what was hashed,
    # and each carries the hash and where to check it.
    mark = Verification(publication.content_hash, verification_url(publication.content_hash))
    document = dataclasses.replace(document_from_data(snapshot["document"]), verification=mark)  # type: ignore[arg-type]
    rendered = {
        PublicationFile.Kind.DOCX: render_docx(document),
        PublicationFile.Kind.PDF: render_pdf(document),
        PublicationFile.Kind.XLSX: results_xlsx(result, mark),
    }
    PublicationFile.objects.bulk_create(
        PublicationFile(
            publication=publication,
            kind=kind,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
        )
        for kind, content in rendered.items()
    )


def _letter(draft: DocumentDraft) -> Letter:
    return Letter(
        place=draft.place,
        issued_on=draft.issued_on,  # type: ignore[arg-type]
        letter_number=draft.letter_number,
        letter_date=draft.letter_date,  # type: ignore[arg-type]
        issuer=draft.issuer,
        title=draft.title,
        signer_title=draft.signer_title,
        signer_name=draft.signer_name,
    )


def _core_publication(letter: Letter) -> CorePublication:
    return CorePublication(
        place=letter.place,
        date=letter.issued_on,
        letter_number=letter.letter_number,
        letter_date=letter.letter_date,
        issuer=letter.issuer,
        title=letter.title,
        signer_title=letter.signer_title,
        signer_name=letter.signer_name,
    )


def _period_data(period: EvaluationPeriod) -> dict[str, object]:
    return {
        "id": period.pk,
        "year": period.year,
        "title": period.title,
        "data_from": period.data_from.isoformat(),
        "data_to": period.data_to.isoformat(),
    }
