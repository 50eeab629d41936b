"""The mixed workload of bench/load.py: unit reporters send reports and data, evaluators browse rankings
and unit pages and enter manual scores, leaders read. Configured by environment variables set by load.py."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from locust import HttpUser, between, task

# What a browser sends back for a form, as the web tests compute it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.web.html_forms import form_data

PERIOD = os.environ.get("LOAD_PERIOD", "1")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
# "code:id" pairs of the province's units.
UNITS = [tuple(item.split(":")) for item in os.environ.get("LOAD_UNITS", "").split(",") if item]
EVALUATORS = int(os.environ.get("LOAD_EVALUATORS", "3"))
LEADERS = int(os.environ.get("LOAD_LEADERS", "3"))
# "code:type" of the indicators a reporter changes in the data form (numbers, counts, ratios).
FIELDS = [tuple(item.split(":")) for item in os.environ.get("LOAD_FIELDS", "").split(",") if item]
# A leaf criterion an evaluator scores by hand, and the points it may get.
MANUAL = os.environ.get("LOAD_MANUAL", "1.4")


class GovscoreUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def log_in(self, username: str) -> None:
        self.client.get("/accounts/login/", name="login page")
        response = self.client.post(
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            name="log in",
            allow_redirects=False,
        )
        if response.status_code != 302:
            response.failure(f"log-in of {username} answered {response.status_code}")  # type: ignore[attr-defined]

    def csrf(self) -> str:
        return str(self.client.cookies.get("csrftoken", ""))

    def post(self, url: str, data: dict[str, str] | dict[str, list[str]], name: str) -> None:
        with self.client.post(
            url, {**data, "csrfmiddlewaretoken": self.csrf()}, name=name, allow_redirects=False, catch_response=True
        ) as response:
            # A saved form redirects; anything else (a refused form, a server error) counts as an error.
            if response.status_code != 302:
                response.failure(f"{name} answered {response.status_code}")

    def unit_page(self) -> None:
        _code, unit_id = random.choice(UNITS)
        self.client.get(f"/periods/{PERIOD}/units/{unit_id}/", name="unit page")

    def ranking(self) -> None:
        self.client.get(f"/periods/{PERIOD}/ranking/", name="ranking")


class Reporter(GovscoreUser):
    weight = 6

    def on_start(self) -> None:
        code, self.unit_id = random.choice(UNITS)
        self.log_in(f"bc-{code.lower()}")

    @task(3)
    def calendar(self) -> None:
        self.client.get(f"/periods/{PERIOD}/units/{self.unit_id}/reports/", name="report calendar")

    @task(2)
    def own_score(self) -> None:
        self.client.get(f"/periods/{PERIOD}/units/{self.unit_id}/", name="unit page")

    @task(1)
    def send_report(self) -> None:
        month = random.randint(1, 10)
        url = f"/periods/{PERIOD}/units/{self.unit_id}/reports/{month}/"
        self.client.get(url, name="report form")
        content = f"Báo cáo ứng dụng CNTT tháng {month}: {random.randint(1, 10**6)}"
        self.post(url, {"content": content, "documents_sent": str(random.randint(10, 300))}, "send report")

    @task(1)
    def enter_data(self) -> None:
        """The whole form sent back with one value changed, as a browser does."""
        url = f"/periods/{PERIOD}/units/{self.unit_id}/indicators/"
        page = self.client.get(url, name="data form")
        data = form_data(page.content, containing="csrfmiddlewaretoken")
        code, kind = random.choice(FIELDS)
        if kind == "ratio":
            staff = random.randint(20, 400)
            data[f"{code}__numerator"], data[f"{code}__denominator"] = [str(random.randint(0, staff))], [str(staff)]
            data.pop(f"{code}__percent", None)
        else:
            data[code] = [str(random.randint(0, 100))]
        data.pop("csrfmiddlewaretoken", None)
        self.post(url, data, "send data")


class Evaluator(GovscoreUser):
    weight = 2

    def on_start(self) -> None:
        self.log_in(f"evaluator{random.randint(1, EVALUATORS)}")

    @task(4)
    def browse_ranking(self) -> None:
        self.ranking()

    @task(3)
    def browse_units(self) -> None:
        self.unit_page()

    @task(1)
    def score_by_hand(self) -> None:
        _code, unit_id = random.choice(UNITS)
        url = f"/periods/{PERIOD}/units/{unit_id}/scores/"
        self.client.get(url, name="manual score form")
        data = {"criterion_code": MANUAL, "points": str(random.choice([5, 10])), "reason": "Hội đồng thẩm định lại"}
        self.post(url, data, "save manual score")


class Leader(GovscoreUser):
    weight = 2

    def on_start(self) -> None:
        self.log_in(f"leader{random.randint(1, LEADERS)}")

    @task(3)
    def read_ranking(self) -> None:
        self.ranking()

    @task(2)
    def read_units(self) -> None:
        self.unit_page()

    @task(1)
    def read_overview(self) -> None:
        self.client.get(f"/periods/{PERIOD}/", name="reporting overview")
