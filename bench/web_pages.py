"""Times the ranking and unit pages in-process: `python bench/web_pages.py [units ...]`.

Each size gets a fresh temporary SQLite database: a province (150 units) or a national set (5,000
units) in a few groups, under the bundled Đồng Nai 2012 framework, with generated indicator values,
monthly reports received on time, late or not at all, and a few manual scores, so that every
criterion is scored. After one `recompute` (timed) and a warm-up, the pages are requested many times
through Django's test client as a logged-in leader; the figures are the p50 and p95 of those requests.
"""

# The Django ban guards the pure scoring core; this script times the web app, so it needs Django.

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

SEED = 2012
YEAR = 2012
REPORTED_MONTHS = range(1, 11)  # criterion 4 covers January to October
REGULATIONS = ("attt", "thu_dien_tu", "van_ban_dien_tu", "mang_chuyen_dung")
# The framework's substitute criterion 4T applies to this unit code only.
BROADCASTER = "DPTTH"

DEPARTMENTS = (
    "Sở Y tế",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Nội vụ",
    "Sở Giáo dục và Đào tạo",
    "Sở Giao thông - Vận tải",
    "Sở Kế hoạch và Đầu tư",
    "Sở Khoa học và Công nghệ",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Ban Dân tộc",
    "Ban Quản lý các khu công nghiệp",
    "Văn phòng UBND tỉnh",
    "Bảo hiểm xã hội tỉnh",
)
PLACES = (
    "Biên Hòa",
    "Long Khánh",
    "Long Thành",
    "Nhơn Trạch",
    "Trảng Bom",
    "Thống Nhất",
    "Vĩnh Cửu",
    "Định Quán",
    "Tân Phú",
    "Xuân Lộc",
    "Cẩm Mỹ",
    "Ấp Bắc",
    "Đồng Xoài",
    "Ea Súp",
    "Ô Môn",
    "Yên Thế",
)
# (group code, group name, unit name pattern, share of the units)
GROUPS = (
    ("so-nganh", "Sở, ban, ngành và đơn vị sự nghiệp trực thuộc UBND tỉnh", "{department} ({place})", 0.3),
    ("huyen", "UBND huyện, thị xã, thành phố", "UBND huyện {place} số {index}", 0.2),
    ("xa", "UBND xã, phường, thị trấn", "UBND xã {place} số {index}", 0.5),
)


def configure(data_dir: Path) -> None:
    """Django against a fresh SQLite file; production-like (DEBUG off, so no query log)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "govscore.web.settings"
    os.environ["GOVSCORE_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "false"
    # Whitenoise warns about a never-collected static root; the pages are timed without static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()


@dataclass(frozen=True)
class Loaded:
    period_id: int
    unit_id: int
    leader_username: str


def unit_specs(size: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(code, name, group code) for `size` units; the first one is the broadcaster (criterion 4T)."""
    specs = [(BROADCASTER, "Đài Phát thanh - Truyền hình", "so-nganh")]
    index = 1
    while len(specs) < size:
        group, _name, pattern, _share = rng.choices(GROUPS, weights=[g[3] for g in GROUPS])[0]
        name = pattern.format(department=rng.choice(DEPARTMENTS), place=rng.choice(PLACES), index=index)
        specs.append((f"U{index:05d}", name, group))
        index += 1
    return specs


def unit_values(rng: random.Random, code: str) -> dict[str, object]:
    """One unit's indicator values, as a unit or an evaluator would enter them."""
    staff = rng.randint(20, 400)
    values: dict[str, object] = {
        "staff_term": rng.choice(("CBCC", "CBCCVC")),
        "email_accounts": {"numerator": rng.randint(staff // 3, staff), "denominator": staff},
        "network_connected": rng.random() < 0.85,
        "regulations": sorted(rng.sample(REGULATIONS, rng.randint(0, len(REGULATIONS)))),
        "edoc_sent": {"percent": Decimal(0) if rng.random() < 0.05 else Decimal(rng.randint(100, 1000)) / 10},
        "other_criteria": {"points": Decimal(rng.randint(600, 1550)) / 10, "reason": "Hội đồng chấm các tiêu chí khác"},
    }
    if code == BROADCASTER:
        values["frequency_licensed"] = True
    return values


def load(size: int, seed: int = SEED) -> Loaded:
    """A period with `size` units, their values, reports and a few manual scores (not yet scored)."""
    from django.db import transaction

    from govscore.examples import example_path
    from govscore.scoring.rules.reporting import due_date
    from govscore.web.accounts.actions import do_ensure_user
    from govscore.web.accounts.models import Role
    from govscore.web.demo import LOCAL
    from govscore.web.frameworks.actions import do_store_framework
    from govscore.web.indicators.actions import check_values
    from govscore.web.indicators.models import IndicatorValue
    from govscore.web.orgs.actions import do_ensure_group, do_ensure_organisation
    from govscore.web.orgs.models import Unit
    from govscore.web.periods.actions import do_ensure_period
    from govscore.web.reports.models import MonthlyReport
    from govscore.web.scores.mapping import stored_value
    from govscore.web.scores.models import ManualScore

    rng = random.Random(seed)
    framework_path = example_path("dongnai-2012").parent / "framework.yaml"  # type: ignore[union-attr]
    with transaction.atomic():
        do_ensure_organisation("Sở Thông tin và Truyền thông tỉnh Đồng Nai", "Sở TTTT", "Đồng Nai")
        version = do_store_framework(framework_path.read_text(encoding="utf-8"))
        framework = version.parsed()
        period = do_ensure_period(YEAR, version, title=f"Đánh giá năm {YEAR}", report_due_day=5)
        groups = {code: do_ensure_group(code, name, order) for order, (code, name, _p, _s) in enumerate(GROUPS)}
        specs = unit_specs(size, rng)
        Unit.objects.bulk_create(Unit(code=code, name=name, group=groups[group]) for code, name, group in specs)
        units = {unit.code: unit for unit in Unit.objects.all()}
        values, reports, manual = [], [], []
        for code, _name, _group in specs:
            unit = units[code]
            entered = unit_values(rng, code)
            problems = check_values(framework, entered)
            assert not problems, (code, problems)
            values += [
                IndicatorValue(period=period, unit=unit, code=key, value=stored_value(value), source="import")
                for key, value in entered.items()
            ]
            for month in REPORTED_MONTHS:
                fate = rng.random()
                if fate < 0.08:
                    continue  # not reported
                # Late reports arrive up to three weeks after the due day, timely ones up to four days before.
                days = rng.randint(1, 21) if fate < 0.2 else -rng.randint(0, 4)
                day = due_date(YEAR, month, 5) + datetime.timedelta(days=days)
                stamp = datetime.datetime(day.year, day.month, day.day, rng.randint(7, 16), 30, tzinfo=LOCAL)
                reports.append(
                    MonthlyReport(
                        period=period,
                        unit=unit,
                        month=month,
                        received_at=stamp,
                        content=f"Báo cáo ứng dụng CNTT tháng {month}/{YEAR}.",
                        documents_sent=rng.randint(20, 400),
                    )
                )
            if rng.random() < 0.03:
                manual.append(
                    ManualScore(
                        period=period,
                        unit=unit,
                        criterion_code="1.2",
                        points=Decimal(5),
                        reason="Kết nối chưa ổn định, hội đồng chấm một nửa số điểm",
                    )
                )
        IndicatorValue.objects.bulk_create(values, batch_size=2000)
        MonthlyReport.objects.bulk_create(reports, batch_size=2000)
        ManualScore.objects.bulk_create(manual)
        leader = do_ensure_user("leader", "bench-password", Role.LEADER)
    return Loaded(period.pk, units[specs[len(specs) // 2][0]].pk, leader.username)


def timed_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def percentiles(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def page_timings(url: str, username: str, requests: int, warm_up: int = 5) -> tuple[float, float]:
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))

    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    for _ in range(warm_up):
        get()
    return percentiles([timed_ms(get) for _ in range(requests)])


def run(size: int) -> None:
    from django.core.management import call_command
    from django.urls import reverse

    from govscore.web.periods.models import EvaluationPeriod
    from govscore.web.scores.actions import recompute
    from govscore.web.scores.models import Result

    call_command("flush", interactive=False, verbosity=0)
    loaded = load(size)
    period = EvaluationPeriod.objects.select_related("framework").get(pk=loaded.period_id)
    recomputed = timed_ms(lambda: recompute(period))
    assert Result.objects.filter(period=period).count() == size
    requests = 200 if size <= 1000 else 60
    pages = {
        "ranking": reverse("ranking", args=[loaded.period_id]),
        "unit": reverse("unit_detail", args=[loaded.period_id, loaded.unit_id]),
    }
    print(f"recompute {size}: {recomputed:.0f} ms")
    for name, url in pages.items():
        p50, p95 = page_timings(url, loaded.leader_username, requests)
        print(f"{name} {size}: {p50:.1f} ms p50, {p95:.1f} ms p95")


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="govscore-bench-") as data_dir:
        configure(Path(data_dir))
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        for size in sizes:
            run(size)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [150, 5000])
