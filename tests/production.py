"""The documented production environment (docs/deployment.md), for tests that run Django in it."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

DEPLOYMENT_DOC = Path(settings.BASE_DIR) / "docs" / "deployment.md"
ENV_FILE_BLOCK = re.compile(r"```sh\n# /etc/omstilling/omstilling\.env\n(.*?)```", re.DOTALL)


def documented_environment() -> dict[str, str]:
    """The variables of the production environment file shown in the deployment guide."""
    block = ENV_FILE_BLOCK.search(DEPLOYMENT_DOC.read_text(encoding="utf-8"))
    assert block, "docs/deployment.md has no /etc/omstilling/omstilling.env block"
    pairs = (line.split("=", 1) for line in block.group(1).splitlines() if line and not line.startswith("#"))
    return {name: value for name, value in pairs}


def production_environment(folder: Path) -> dict[str, str]:
    """The documented environment, with its secret files written into ``folder`` and static files there.

    Only this environment reaches the child process, so nothing from the test run (such as
    DATABASE_URL) leaks into it.
    """
    environment = documented_environment()
    secret_values = {
        "SECRET_KEY_FILE": secrets.token_urlsafe(64),
        "DATABASE_URL_FILE": f"sqlite:///{folder / 'production.sqlite3'}",
        "EMAIL_HOST_PASSWORD_FILE": "smtp-password",
    }
    for name, value in secret_values.items():
        path = folder / name.lower()
        path.write_text(value + "\n", encoding="utf-8")
        environment[name] = str(path)
    environment["STATIC_ROOT"] = str(folder / "static")
    environment["PATH"] = "/usr/bin:/bin"
    environment["LANG"] = "C.UTF-8"
    return environment


def run_python(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    """Run the project's Python in ``environment`` from the project folder (``manage.py …`` or ``-c``)."""
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "omstilling.settings", **environment},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
