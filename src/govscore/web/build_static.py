"""Copy htmx from the npm package `htmx.org` into web/static/vendor (run at build time; no CDN).

python -m govscore.web.build_static [version]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent / "static" / "vendor" / "htmx.min.js"
DEFAULT_VERSION = "2.0.4"


def fetch_htmx(version: str = DEFAULT_VERSION) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", f"htmx.org@{version}", "--silent"], cwd=folder, check=True, capture_output=True)
        archive = next(Path(folder).glob("htmx.org-*.tgz"))
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/dist/htmx.min.js")
            assert member is not None, "htmx.org package without dist/htmx.min.js"
            TARGET.parent.mkdir(parents=True, exist_ok=True)
            with TARGET.open("wb") as out:
                shutil.copyfileobj(member, out)
    return TARGET


if __name__ == "__main__":
    print(fetch_htmx(*sys.argv[1:2]))
