"""A full disk during an upload leaves no half file and a clear error, and writes no row.

As root (CI) the uploads folder is a real 256 KB tmpfs that fills up; otherwise the process's file
size limit (RLIMIT_FSIZE) makes the write fail the same way, with EFBIG instead of ENOSPC.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from govscore.web.indicators.models import EvidenceFile
from govscore.web.reports.models import MonthlyReport

from . import samples
from .base import BaseTestCase

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it


LIMIT = 256 * 1024


@contextlib.contextmanager
def small_disk() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="govscore-full-") as folder:
        if os.geteuid() == 0:
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={LIMIT}", "tmpfs", folder], check=True)
            try:
                yield Path(folder)
            finally:
                subprocess.run(["umount", folder], check=True)
        else:
            soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
            previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
            resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, hard))
            try:
                yield Path(folder)
            finally:
                resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
                signal.signal(signal.SIGXFSZ, previous)


def big_pdf() -> bytes:
    return samples.PDF + b"%" + b"0" * (2 * LIMIT) + b"\n"


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


class DiskFullTests(BaseTestCase):
    def test_an_evidence_upload_on_a_full_disk_leaves_nothing_behind(self) -> None:
        self.login(self.reporter)
        rows = EvidenceFile.objects.count()
        with small_disk() as media, override_settings(MEDIA_ROOT=str(media)):
            url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
            upload = samples.upload("ke-hoach.pdf", big_pdf())
            response = self.client.post(url, {"indicator": "email_accounts", "file": upload})
            self.assertContains(response, "hết chỗ lưu tệp", status_code=507)
            self.assertEqual(files_under(media), [])
        self.assertEqual(EvidenceFile.objects.count(), rows)

    def test_a_report_with_an_attachment_on_a_full_disk_is_not_received(self) -> None:
        self.login(self.reporter)
        with small_disk() as media, override_settings(MEDIA_ROOT=str(media)):
            url = reverse("report_form", args=[self.period.pk, self.syt.pk, 6])
            data = {"content": "Báo cáo tháng 6", "attachment": samples.upload("bao-cao.pdf", big_pdf())}
            response = self.client.post(url, data)
            self.assertContains(response, "hết chỗ lưu tệp", status_code=507)
            self.assertEqual(files_under(media), [])
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=6).exists())

    def test_a_file_that_fits_is_stored_whole(self) -> None:
        self.login(self.reporter)
        with small_disk() as media, override_settings(MEDIA_ROOT=str(media)):
            url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
            self.client.post(url, {"indicator": "email_accounts", "file": samples.pdf_upload("nho.pdf")})
            (stored,) = files_under(media)
            self.assertEqual(stored.read_bytes(), samples.PDF)
            self.assertNotIn(".part-", stored.name)
