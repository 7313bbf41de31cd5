import pytest
from django.conf import settings

from .factories import make_world


def pytest_configure(config):
    # A fast hasher: the tests create many people; production keeps Django's strong default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return make_world("a", "Fjordvik")


@pytest.fixture
def other_world(db):
    return make_world("b", "Havlund")


@pytest.fixture
def login(client):
    """Sign a user in with the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
