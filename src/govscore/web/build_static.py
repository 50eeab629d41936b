"""Copy the front-end packages the pages use from the npm registry into web/static/vendor (run at build
time, the result committed; pages never load anything from a CDN: government intranets have none).

python -m govscore.web.build_static

- htmx.org: the page interactions;
- @picocss/pico: the base stylesheet (type scale, spacing, forms, tables, buttons) that govscore.css
  builds on;
- @fontsource/be-vietnam-pro: a sans-serif drawn for Vietnamese, its Latin and Vietnamese letters only;
- axe-core: the accessibility checker the browser tests inject into each page (no page loads it).
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "static" / "vendor"
WEIGHTS = (400, 600, 700)
FONT_FILES = {
    f"package/files/be-vietnam-pro-{subset}-{weight}-normal.woff2": f"fonts/be-vietnam-pro-{subset}-{weight}.woff2"
    for subset in ("latin", "vietnamese")
    for weight in WEIGHTS
}
# package@version → {member of its tarball: path under static/vendor}
PACKAGES: dict[str, dict[str, str]] = {
    "htmx.org@2.0.4": {"package/dist/htmx.min.js": "htmx.min.js"},
    "@picocss/pico@2.1.1": {"package/css/pico.min.css": "pico.min.css", "package/LICENSE.md": "pico.LICENSE.md"},
    "@fontsource/be-vietnam-pro@5.2.8": {**FONT_FILES, "package/LICENSE": "fonts/be-vietnam-pro.LICENSE"},
    "axe-core@4.14.1": {"package/axe.min.js": "axe.min.js", "package/LICENSE": "axe.LICENSE"},
}


def fetch(spec: str, members: dict[str, str]) -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, check=True, capture_output=True)
        (archive,) = Path(folder).glob("*.tgz")
        with tarfile.open(archive) as tar:
            for member, target in members.items():
                source = tar.extractfile(member)
                assert source is not None, f"{spec} has no {member}"
                path = VENDOR / target
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(source.read())
                written.append(path)
    return written


if __name__ == "__main__":
    for spec, members in PACKAGES.items():
        for path in fetch(spec, members):
            print(path.relative_to(VENDOR.parent))
