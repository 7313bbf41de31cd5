"""The links people answer with: a token made here, stored only as a hash, and never in a URL the
server sees (it travels after ``#``)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.urls import reverse
from django.utils.crypto import salted_hmac

from ..models import Round

# A token is random text and a signature of it: a token we made but no longer find was used (its
# invitation is deleted when the person answers); one we did not make is forged. Nothing is stored
# to tell the two apart.
_RANDOM_LENGTH = 22  # secrets.token_urlsafe(16)
_SIGNATURE_LENGTH = 10


def _signature(random_part: str, purpose: str) -> str:
    return salted_hmac(f"surveys.{purpose}", random_part).hexdigest()[:_SIGNATURE_LENGTH]


def new_token(purpose: str) -> str:
    random_part = secrets.token_urlsafe(16)
    return random_part + _signature(random_part, purpose)


def is_genuine(token: str, purpose: str) -> bool:
    """Whether this application made ``token`` (for ``purpose``), whether or not it is still usable."""
    if len(token) != _RANDOM_LENGTH + _SIGNATURE_LENGTH:
        return False
    random_part, signature = token[:_RANDOM_LENGTH], token[_RANDOM_LENGTH:]
    return hmac.compare_digest(signature, _signature(random_part, purpose))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


INVITATION = "invitation"
UNIT_LINK = "unit-link"


def answer_link(round_: Round, token: str, base_url: str) -> str:
    """The link sent by e-mail: the token after ``#`` never reaches the server, so no log holds it
    (``static/js/survey-code.js`` posts it)."""
    return f"{base_url}{reverse('surveys:answer', args=[round_.organisation_id])}#{token}"


def unit_link_url(round_: Round, token: str, base_url: str) -> str:
    return f"{base_url}{reverse('surveys:unit_answer', args=[round_.organisation_id])}#{token}"


def is_answerable(round_: Round, today: datetime.date) -> bool:
    return round_.state == Round.State.OPEN and round_.opens_on <= today <= round_.closes_on


#: The values of a statement on the scale.
SCALE = range(1, 6)
