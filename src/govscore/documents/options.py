"""What a caller may choose about the results document beyond the evaluation itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from govscore.documents.content import Verification
from govscore.scoring.model import Publication

Layout = Literal["seed", "summary"]
LAYOUTS: tuple[Layout, ...] = get_args(Layout)


@dataclass(frozen=True)
class DocumentOptions:
    """Per-document choices.

    `layout` is a parameter because the framework model carries no document setting yet.
    `publication` replaces the evaluation's own block (the web app edits it before issuing).
    `reasons` and `notes` fill the seed layout's free-text columns, keyed by unit code.
    `verification` marks a published document: the snapshot's hash and the page that confirms it.
    `draft` marks a preview before publication on every page (never together with `verification`).
    """

    layout: Layout = "seed"
    publication: Publication | None = None
    reasons: Mapping[str, str] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    verification: Verification | None = None
    draft: bool = False
