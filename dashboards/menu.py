"""The main menu, built from the places the apps contribute.

An app lists its places as ``MenuItem``s in its own ``navigation.py`` and registers them from its
``AppConfig.ready()``, as it does its start-page panels. ``menu_for(actor, path)`` gives the places
this person may use, in order, with the current page marked. The registry knows nothing about any app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from core.permissions import can
from organisations.actor import Actor


@dataclass(frozen=True)
class MenuItem:
    key: str  # "app.name"
    label: str
    url_name: str
    #: The permission rule (``core.permissions``, asked without an object) a person needs to see the
    #: place; None for pages every member reads.
    rule: str | None = None
    order: int = 100  # lower comes first
    #: Where the place is for this person (e.g. their own unit); None leaves the item out for them.
    url_for: Callable[[Actor], str | None] | None = None

    def url(self, actor: Actor) -> str | None:
        return self.url_for(actor) if self.url_for else reverse(self.url_name)


@dataclass(frozen=True)
class MenuLink:
    key: str
    label: str
    url: str
    current: bool


_items: dict[str, MenuItem] = {}


def register(item: MenuItem) -> MenuItem:
    if item.key in _items and _items[item.key] is not item:
        raise ValueError(f"A menu item named {item.key!r} is already registered")
    _items[item.key] = item
    return item


def registered() -> list[MenuItem]:
    return sorted(_items.values(), key=lambda item: (item.order, item.key))


def menu_for(actor: Actor, path: str) -> list[MenuLink]:
    """The places ``actor`` may use, in menu order; the first one at ``path`` is current."""
    links = []
    for item in registered():
        if item.rule is not None and not can(actor, item.rule):
            continue
        url = item.url(actor)
        if url:
            current = url == path and not any(link.current for link in links)
            links.append(MenuLink(item.key, str(item.label), url, current))
    return links
