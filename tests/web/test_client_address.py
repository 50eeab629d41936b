"""The client's address, as log-in throttling and the audit trail count it: X-Forwarded-For is believed only
from the configured reverse proxies (none outside production), read from the right past each of them."""

from __future__ import annotations

import os
from unittest import mock

from django.conf import settings
from django.test import RequestFactory, SimpleTestCase, override_settings

from govscore.web.security.environment import PRODUCTION_PROXIES, SettingsError, env_networks
from govscore.web.security.network import client_ip


class ClientAddressTests(SimpleTestCase):
    def address(self, remote: str, forwarded: str | None = None) -> str | None:
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return client_ip(RequestFactory().get("/", **extra))  # type: ignore[arg-type]

    def test_outside_production_no_proxy_is_trusted(self) -> None:
        """The demo and development servers are reached directly: a client there, even on the same
        machine, cannot choose the address its failed log-ins are counted under."""
        self.assertEqual(settings.GOVSCORE_TRUSTED_PROXIES, [])
        self.assertEqual(self.address("127.0.0.1", "198.51.100.7"), "127.0.0.1")
        self.assertEqual(self.address("::1", "198.51.100.7"), "::1")

    @override_settings(GOVSCORE_TRUSTED_PROXIES=["127.0.0.1/32", "::1/128"])
    def test_it_believes_x_forwarded_for_only_from_the_trusted_proxy(self) -> None:
        self.assertEqual(self.address("192.0.2.10"), "192.0.2.10")
        self.assertEqual(self.address("192.0.2.10", "198.51.100.7"), "192.0.2.10")
        # Behind our proxy: the address it appended (right-most), not what the client claimed before it.
        self.assertEqual(self.address("127.0.0.1", "203.0.113.5, 198.51.100.7"), "198.51.100.7")
        self.assertEqual(self.address("127.0.0.1", "khong-phai-dia-chi"), "127.0.0.1")
        self.assertEqual(self.address("127.0.0.1"), "127.0.0.1")

    @override_settings(GOVSCORE_TRUSTED_PROXIES=["10.1.0.0/16", "127.0.0.1/32"])
    def test_trusted_proxies_may_be_networks_and_a_chain(self) -> None:
        self.assertEqual(self.address("10.1.2.3", "198.51.100.7"), "198.51.100.7")
        self.assertEqual(self.address("192.0.2.10", "198.51.100.7"), "192.0.2.10")
        # The province's load balancer (10.1.0.5) in front of nginx: the address the balancer saw.
        self.assertEqual(self.address("127.0.0.1", "203.0.113.5, 198.51.100.7, 10.1.0.5"), "198.51.100.7")
        # A made-up entry between our proxies: the last address one of them vouched for.
        self.assertEqual(self.address("127.0.0.1", "198.51.100.7, bia-dat, 10.1.0.5"), "10.1.0.5")

    def test_a_malformed_proxy_stops_the_start(self) -> None:
        malformed = {"GOVSCORE_TRUSTED_PROXIES": "127.0.0.1, nginx.noi-bo"}
        with mock.patch.dict(os.environ, malformed), self.assertRaisesMessage(SettingsError, "TRUSTED_PROXIES"):
            env_networks("GOVSCORE_TRUSTED_PROXIES", PRODUCTION_PROXIES)
        with mock.patch.dict(os.environ, {"GOVSCORE_TRUSTED_PROXIES": "10.1.0.0/16,::1"}):
            self.assertEqual(env_networks("GOVSCORE_TRUSTED_PROXIES", ""), ["10.1.0.0/16", "::1/128"])
