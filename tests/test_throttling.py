"""Sign-in throttling: per username and address, password spraying, and the address behind a proxy."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from .factories import PASSWORD

pytestmark = pytest.mark.django_db

OFFICE = "192.0.2.10"
HOME = "198.51.100.20"
PROXY = "10.0.0.2"


def sign_in(client, username, password, **meta):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **meta)


def fail(client, username, times, **meta) -> list[int]:
    """Sign in with a wrong password ``times`` times; the status of each answer."""
    return [sign_in(client, username, "wrong", **meta).status_code for _attempt in range(times)]


def test_a_user_locked_out_at_one_address_can_still_sign_in_from_another(world, client):
    user = world.users["employee"]
    assert fail(client, user.username, 5, REMOTE_ADDR=OFFICE) == [200, 200, 200, 200, 429]

    assert sign_in(client, user.username, PASSWORD, REMOTE_ADDR=OFFICE).status_code == 429
    response = sign_in(client, user.username, PASSWORD, REMOTE_ADDR=HOME)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_one_address_trying_many_usernames_is_refused(world, client):
    # Three guesses each for twelve usernames: no single username reaches its limit of five.
    statuses = [status for number in range(12) for status in fail(client, f"guess-{number}", 3, REMOTE_ADDR=OFFICE)]
    # Refused from the 30th failure on: by then they are spread over ten usernames.
    assert statuses == [200] * 29 + [429] * 7

    user = world.users["employee"]
    refused = sign_in(client, user.username, PASSWORD, REMOTE_ADDR=OFFICE)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    # The person themself, elsewhere, is not affected.
    assert sign_in(client, user.username, PASSWORD, REMOTE_ADDR=HOME).status_code == 302


def test_colleagues_behind_one_address_with_typos_are_not_refused(world, client):
    # Nine people behind the town hall's NAT address mistype four times each: 36 failures.
    for number in range(9):
        assert fail(client, f"colleague-{number}", 4, REMOTE_ADDR=OFFICE) == [200] * 4

    user = world.users["employee"]
    assert sign_in(client, user.username, PASSWORD, REMOTE_ADDR=OFFICE).status_code == 302


def test_forwarded_address_is_ignored_without_a_trusted_proxy(world, client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    user = world.users["employee"]
    # An attacker changes the header on every try to dodge the lock.
    for number in range(5):
        assert sign_in(client, user.username, "wrong", REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}
    locked = sign_in(client, user.username, PASSWORD, REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert locked.status_code == 429


def test_forwarded_address_is_honoured_behind_a_trusted_proxy(world, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = world.users["employee"]
    # The client made up the first entry; our proxy appended the address it really saw.
    assert fail(client, user.username, 5, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.7, {OFFICE}")[-1] == 429

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}
    assert sign_in(client, user.username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OFFICE).status_code == 429
    # Another person behind the same proxy is a different address, and not locked.
    at_home = sign_in(client, user.username, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=HOME)
    assert at_home.status_code == 302
