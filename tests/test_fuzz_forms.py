"""Every form of the app, posted generated values as the administrator: never a 500, nothing saved when refused.

The forms are read from the pages themselves (field names and kinds from the HTML), for every
page in ``tests/urls_under_test.py`` that shows a form, so a new form is fuzzed without a change here.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.tenancy import TenantModel
from organisations.models import Organisation

from .urls_under_test import POST_ONLY, id_urls, plain_urls

pytestmark = pytest.mark.django_db

# Few examples per form keep the sweep within a minute per database; CI may ask for more.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "6")),
    deadline=None,
    database=None,  # hypothesis writes nothing into the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
APPS = ("organisations", "portfolio", "benefits", "people")


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, date, number, hidden, select, checkbox, radio, file, password
    value: str = ""
    options: list[str] = field(default_factory=list)


class _FormReader(HTMLParser):
    """The page's own forms (POST, no action of another page), each as its fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, FormField]] = []
        self._current: dict[str, FormField] | None = None
        self._select: FormField | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            own = a.get("method", "").lower() == "post" and not a.get("action")
            self._current = {} if own else None
            return
        if self._current is None:
            return
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            if kind == "text" and a.get("inputmode") in ("numeric", "decimal"):
                kind = "number"
            known = self._current.get(name)
            if known and kind in ("checkbox", "radio"):
                known.options.append(a.get("value", "on"))
            else:
                self._current[name] = FormField(name, kind, a.get("value", ""), [a.get("value", "on")])
        elif tag == "textarea" and name:
            self._current[name] = FormField(name, "textarea")
        elif tag == "select" and name:
            self._select = self._current[name] = FormField(name, "select")
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._current is not None:
            if self._current:
                self.forms.append(self._current)
            self._current = None


def page_forms(html: str) -> list[dict[str, FormField]]:
    reader = _FormReader()
    reader.feed(html)
    return reader.forms


CONTROL = st.sampled_from(["\x00", "\x0b", "\x1b", "\x7f", "\x85", "\r\n", "\t"])
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1", "450 000", "450\u00a0000,50", "450\u202f000", "1.234,5", "1e400", "NaN", "∞"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: str(d).replace(".", ",")),
)
TEXTS = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.text(max_size=5), CONTROL), max_size=8).map("".join),
    st.integers(min_value=0, max_value=12_000).map(lambda n: "æ" * n),
    NUMBERS,
)
DATES = st.one_of(
    st.dates().map(lambda d: d.strftime("%Y-%m-%d") if d.year >= 1000 else f"{d.year:04}-{d.month:02}-{d.day:02}"),
    st.dates().map(lambda d: f"{d.day:02}.{d.month:02}.{d.year}"),
    st.sampled_from(["31.02.2026", "2026-13-01", "i morgen", "", "0000-00-00", "99999-01-01"]),
    TEXTS,
)


def id_values(object_ids: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(object_ids), st.sampled_from(["", "0", "-1", str(2**63), str(10**30), "abc"]))


def value_for(form_field: FormField, object_ids: list[str]) -> st.SearchStrategy:
    kind = form_field.kind
    if kind == "textarea" or kind in ("text", "email", "password", "file"):
        return TEXTS
    if kind == "date":
        return DATES
    if kind == "number":
        return NUMBERS
    if kind == "hidden":
        return st.one_of(st.just(form_field.value), NUMBERS, TEXTS)
    choices = st.sampled_from(form_field.options or [""])
    if kind in ("select", "radio"):
        return st.one_of(choices, id_values(object_ids))
    return st.lists(st.one_of(choices, id_values(object_ids)), max_size=4)  # checkboxes


def fingerprint(organisation: Organisation) -> str:
    """A checksum of every row (and many-to-many link) the organisation owns, and of the organisation."""
    digest = hashlib.sha256()
    digest.update(repr(list(Organisation.objects.filter(pk=organisation.pk).values_list())).encode())
    people = get_user_model().objects.filter(memberships__organisation=organisation).order_by("pk")
    digest.update(repr(list(people.values_list())).encode())
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if not issubclass(model, TenantModel):
                continue
            links = [f.name for f in model._meta.many_to_many]
            rows = model.objects.for_org(organisation).order_by("pk")
            digest.update(repr(list(rows.values_list()) + list(rows.values_list("pk", *links))).encode())
    return digest.hexdigest()


def form_pages(world) -> list[str]:
    urls = [url for _name, url in plain_urls()]
    urls += [url for name, url, _id in id_urls(world) if name not in POST_ONLY]
    return urls


def object_ids(world) -> list[str]:
    objects = [world.org, world.sector, world.unit, world.department, world.other_unit, world.initiative]
    objects += [world.affected, world.stakeholder, world.report, world.idea, world.programme, world.change]
    objects += [world.benefit, world.indicator, world.cost, world.training, world.prerequisite, world.measure]
    return sorted({str(o.pk) for o in objects} | {str(u.pk) for u in world.users.values()})


def forms_on(client, url: str) -> list[dict[str, FormField]]:
    response = client.get(url)
    html = response.status_code == 200 and response["Content-Type"].startswith("text/html")
    return page_forms(response.content.decode()) if html else []


@pytest.fixture
def admin_client(world, client):
    client.force_login(world.users["administrator"])
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def fuzz_page(client, organisations: list[Organisation], url: str, forms: list[dict[str, FormField]], ids: list[str]):
    @FUZZ
    @given(data=st.data())
    def post_generated_values(data):
        form = data.draw(st.sampled_from(forms), label="form")
        values = {name: data.draw(value_for(f, ids), label=name) for name, f in form.items()}
        before = [fingerprint(o) for o in organisations]
        response = client.post(url, values)
        assert response.status_code in (200, 302), (url, values)
        if response.status_code == 200:  # the form again: nothing may have changed
            assert [fingerprint(o) for o in organisations] == before, (url, values)

    post_generated_values()


def test_generated_input_never_breaks_a_form(world, other_world, admin_client):
    pages = [(url, forms) for url in form_pages(world) if (forms := forms_on(admin_client, url))]
    assert len(pages) >= 30  # the sweep reaches the app's forms, or it proves nothing
    ids = object_ids(world) + object_ids(other_world)  # another municipality's rows are never a choice
    for url, forms in pages:
        fuzz_page(admin_client, [world.org, other_world.org], url, forms, ids)
