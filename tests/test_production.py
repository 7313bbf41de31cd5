"""Production serving: the deploy checks, static files, error logging, the CSP and the health check."""

import json
import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from .production import production_environment, run_python

HOST = "omstilling.fjordvik.kommune.no"

SERVE_STATIC = f"""
import json, django
django.setup()
from django.conf import settings
from django.templatetags.static import static
from django.test import Client
client = Client(HTTP_HOST="{HOST}")
url = static("vendor/htmx/htmx.min.js")
response = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
plain_http = client.get("/accounts/login/")
through_proxy = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
health = client.get("/health/")
print(json.dumps({{
    "url": url,
    "status": response.status_code,
    "encoding": response.get("Content-Encoding"),
    "cache": response.get("Cache-Control"),
    "plain_http": [plain_http.status_code, plain_http.get("Location")],
    "through_proxy": [through_proxy.status_code, through_proxy.get("Strict-Transport-Security")],
    "health": health.status_code,
    "secret_key": settings.SECRET_KEY,
    "email_password": settings.EMAIL_HOST_PASSWORD,
}}))
"""

FAIL_ONE_REQUEST = f"""
import types, django
django.setup()
from django.test import Client, override_settings
from django.urls import path

def broken(request):
    raise RuntimeError("the reminder table is missing")

urls = types.ModuleType("broken_urls")
urls.urlpatterns = [path("broken/", broken)]
with override_settings(ROOT_URLCONF=urls):
    response = Client(raise_request_exception=False, HTTP_HOST="{HOST}").get("/broken/", secure=True)
print(response.status_code)
"""


def test_documented_production_environment_passes_the_deploy_checks_and_serves_static_files(tmp_path):
    environment = production_environment(tmp_path)

    collected = run_python(environment, "manage.py", "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr
    check = run_python(environment, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert check.returncode == 0, check.stderr
    assert "System check identified no issues" in check.stdout

    served = run_python(environment, "-c", SERVE_STATIC)
    assert served.returncode == 0, served.stderr
    result = json.loads(served.stdout)
    # A hashed name, served compressed by the application and cached for good.
    assert re.fullmatch(r"/static/vendor/htmx/htmx\.min\.[0-9a-f]{12}\.js", result["url"])
    assert result["status"] == 200
    assert result["encoding"] == "gzip"
    assert "immutable" in result["cache"]
    # Plain HTTP is sent to HTTPS; the trusted proxy's X-Forwarded-Proto counts as HTTPS, with HSTS.
    assert result["plain_http"] == [301, f"https://{HOST}/accounts/login/"]
    assert result["through_proxy"] == [200, "max-age=31536000; includeSubDomains; preload"]
    # The load balancer's plain-HTTP probe of the health check is not redirected.
    assert result["health"] == 200
    # The secrets came from the *_FILE files, without their trailing newline.
    assert result["secret_key"] == (tmp_path / "secret_key_file").read_text().strip()
    assert result["email_password"] == "smtp-password"


def test_a_server_error_in_production_is_logged_with_its_traceback_to_stderr(tmp_path):
    failed = run_python(production_environment(tmp_path), "-c", FAIL_ONE_REQUEST)

    assert failed.returncode == 0, failed.stderr
    assert failed.stdout.strip() == "500"
    assert "ERROR django.request: Internal Server Error: /broken/" in failed.stderr
    assert "Traceback (most recent call last)" in failed.stderr
    assert "RuntimeError: the reminder table is missing" in failed.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    html = response.content.decode()
    # Every script is a file of our own; no inline script or event handler for the policy to block.
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(' src="/static/' in tag for tag in scripts)
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert not re.search(r"\shx-on", html)
    assert '"allowEval": false' in html


@pytest.mark.django_db
def test_health_check_answers_ok_without_a_session_or_redirect(client):
    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_check_is_503_when_the_database_does_not_answer(client):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("connection refused")

    with mock.patch("core.views.connection", broken):
        response = client.get(reverse("core:health"))

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_the_embedded_sqlite_database_lets_readers_and_a_writer_work_at_once(tmp_path):
    """WAL mode: a page being read does not make a measurement wait, nor the other way round."""
    environment = {"DATABASE_URL": f"sqlite:///{tmp_path / 'omstilling.sqlite3'}", "PATH": "/usr/bin:/bin"}
    shown = run_python(
        environment,
        "-c",
        "import django; django.setup(); from django.db import connection; "
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode'); print(cursor.fetchone()[0]); "
        "cursor.execute('PRAGMA busy_timeout'); print(cursor.fetchone()[0])",
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["wal", "20000"]
