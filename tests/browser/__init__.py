"""Browser tests: real Chromium driven by Playwright against the live Django server."""
