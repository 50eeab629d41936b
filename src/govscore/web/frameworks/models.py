"""Framework versions: the YAML text as issued, parsed by the core whenever it is needed."""

from __future__ import annotations

import functools

from django.db import models
from django.utils.translation import gettext_lazy as _

from govscore.scoring.loading.framework_file import framework_from_data
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.scoring.model import Framework


class FrameworkVersion(models.Model):
    """One version of a criteria framework. Immutable once an evaluation period uses it."""

    code = models.CharField(_("mã"), max_length=128)
    version = models.CharField(_("phiên bản"), max_length=32)
    title = models.TextField(_("tên"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    yaml_text = models.TextField(_("nội dung YAML"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["code", "version"]
        verbose_name = _("phiên bản bộ tiêu chí")
        verbose_name_plural = _("phiên bản bộ tiêu chí")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="one_framework_version")]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def parsed(self) -> Framework:
        """The core's Framework; the text was validated when it was stored."""
        return _parse(self.yaml_text, f"{self.code}-{self.version}.yaml")

    @property
    def in_use(self) -> bool:
        return self.periods.exists()


@functools.lru_cache(maxsize=32)
def _parse(yaml_text: str, name: str) -> Framework:
    # Every page needs the framework; the core's Framework is immutable, so one parse per text serves all.
    data, source = parse_yaml_text(yaml_text, name)
    return framework_from_data(data, source)
