"""Settings from the environment: strict values, secrets from files, no development key in production."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from omstilling.env import env_bool, env_int, env_list, env_secret

from .production import production_environment, run_python


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[("true", True), ("TRUE", True), ("1", True), ("yes", True), ("on", True)],
        *[("false", False), ("0", False), ("No", False), ("off", False), (" off ", False)],
    ],
)
def test_boolean_words(text, expected):
    assert env_bool("SECURE_COOKIES", not expected, {"SECURE_COOKIES": text}) is expected


def test_missing_or_empty_boolean_is_the_default():
    assert env_bool("DEBUG", True, {}) is True
    assert env_bool("DEBUG", False, {"DEBUG": ""}) is False


@pytest.mark.parametrize("text", ["ja", "flase", "2", "enabled"])
def test_any_other_boolean_is_an_error_naming_the_variable(text):
    with pytest.raises(ImproperlyConfigured, match=r"^SECURE_SSL_REDIRECT must be one of .*" + text):
        env_bool("SECURE_SSL_REDIRECT", True, {"SECURE_SSL_REDIRECT": text})


def test_whole_numbers():
    assert env_int("EMAIL_PORT", 25, {"EMAIL_PORT": " 587 "}) == 587
    assert env_int("EMAIL_PORT", 25, {}) == 25
    with pytest.raises(ImproperlyConfigured, match=r"^EMAIL_PORT must be a whole number; it is '58 7'"):
        env_int("EMAIL_PORT", 25, {"EMAIL_PORT": "58 7"})
    with pytest.raises(ImproperlyConfigured, match=r"^AXES_FAILURE_LIMIT must be at least 1; it is 0"):
        env_int("AXES_FAILURE_LIMIT", 5, {"AXES_FAILURE_LIMIT": "0"}, minimum=1)


def test_lists_drop_blanks():
    environ = {"ALLOWED_HOSTS": " omstilling.fjordvik.kommune.no, ,localhost,"}
    assert env_list("ALLOWED_HOSTS", [], environ) == ["omstilling.fjordvik.kommune.no", "localhost"]
    assert env_list("ALLOWED_HOSTS", ["a"], {}) == ["a"]


def test_secret_from_its_file(tmp_path):
    secret_file = tmp_path / "password"
    secret_file.write_text("s3cret with spaces\n", encoding="utf-8")

    assert env_secret("EMAIL_HOST_PASSWORD", "", {"EMAIL_HOST_PASSWORD_FILE": str(secret_file)}) == "s3cret with spaces"
    assert env_secret("EMAIL_HOST_PASSWORD", "", {"EMAIL_HOST_PASSWORD": "direct"}) == "direct"
    assert env_secret("EMAIL_HOST_PASSWORD", "fallback", {}) == "fallback"


def test_secret_file_that_is_missing_empty_or_doubled_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")

    with pytest.raises(ImproperlyConfigured, match=r"^SECRET_KEY_FILE names .*missing.*cannot be read"):
        env_secret("SECRET_KEY", "", {"SECRET_KEY_FILE": str(tmp_path / "missing")})
    with pytest.raises(ImproperlyConfigured, match=r"^SECRET_KEY_FILE names .*empty.*, which is empty"):
        env_secret("SECRET_KEY", "", {"SECRET_KEY_FILE": str(empty)})
    with pytest.raises(ImproperlyConfigured, match=r"^Set either SECRET_KEY or SECRET_KEY_FILE, not both"):
        env_secret("SECRET_KEY", "", {"SECRET_KEY": "x" * 60, "SECRET_KEY_FILE": str(empty)})


def failed_start(tmp_path, **changes) -> str:
    """Start Django in the production environment with ``changes``; the error it stopped with."""
    environment = production_environment(tmp_path)
    environment.update(changes)
    started = run_python(environment, "manage.py", "check")
    assert started.returncode != 0
    return started.stderr.strip().splitlines()[-1]


def test_production_refuses_the_development_key(tmp_path):
    error = failed_start(tmp_path, SECRET_KEY_FILE="", SECRET_KEY="dev-only-insecure-key-change-me-in-production")
    assert error.startswith("django.core.exceptions.ImproperlyConfigured: With DEBUG=false, set SECRET_KEY")


def test_production_refuses_a_short_key(tmp_path):
    error = failed_start(tmp_path, SECRET_KEY_FILE="", SECRET_KEY="short-but-not-the-development-key")
    assert error.startswith("django.core.exceptions.ImproperlyConfigured: With DEBUG=false, set SECRET_KEY")


def test_a_bad_value_in_the_environment_stops_the_start_naming_it(tmp_path):
    assert "ImproperlyConfigured: SECURE_SSL_REDIRECT must be one of" in failed_start(
        tmp_path, SECURE_SSL_REDIRECT="ja"
    )
    assert "ImproperlyConfigured: EMAIL_PORT must be a whole number; it is 'smtp'" in failed_start(
        tmp_path, EMAIL_PORT="smtp"
    )
