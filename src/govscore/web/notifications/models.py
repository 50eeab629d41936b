"""What the application tells its users: in-app notifications, the e-mails sent for them (at most one a
day per user and kind), and the kinds of e-mail each user has turned off."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_DUE = "report_due", _("Nhắc hạn gửi báo cáo tháng")
    REPORT_MISSING = "report_missing", _("Báo cáo tháng quá hạn chưa gửi")
    STAGE = "stage", _("Mở và đóng các giai đoạn đánh giá")
    THREAD = "thread", _("Tiêu chí bị trả lại và trao đổi giải trình")
    DIGEST = "digest", _("Tổng hợp hằng tuần cho cán bộ thẩm định")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("người nhận")
    )
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    # A path inside the site (never another site's address): what the notification is about.
    path = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject


class Email(models.Model):
    """An e-mail to send for a notification. The unique day is the rule "at most one e-mail per user per
    kind per day", kept by the database even when two jobs run at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người nhận")
    )
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    day = models.DateField(_("ngày"))
    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="email", verbose_name=_("thông báo")
    )
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    error = models.TextField(_("lỗi khi gửi"), blank=True)

    class Meta:
        verbose_name = _("thư điện tử")
        verbose_name_plural = _("thư điện tử")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "day"], name="one_email_per_user_kind_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.day}"


class EmailOptOut(models.Model):
    """A kind of e-mail the user does not want; the in-app notification is still made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs", verbose_name=_("người dùng")
    )
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)

    class Meta:
        verbose_name = _("loại thư không nhận")
        verbose_name_plural = _("loại thư không nhận")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_user_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"


class ScheduledRun(models.Model):
    """A periodic job done for a day (reminders, the weekly digest): a second worker, or the same job
    enqueued twice, finds the row and does nothing."""

    job = models.CharField(_("công việc"), max_length=64)
    day = models.DateField(_("ngày"))
    done_at = models.DateTimeField(_("xong lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần chạy định kỳ")
        verbose_name_plural = _("lần chạy định kỳ")
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="one_run_per_job_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"
