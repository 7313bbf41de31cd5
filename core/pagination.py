"""Long lists in pages, with the list's filters kept in every page link and a way to see all rows.

A page costs two queries (the count and the rows shown) whatever the size of the list; "see all"
(``?all=1``) costs one and shows every row, for the person who asked for it. Several lists on one
page each take a ``prefix`` for their parameters (``?due_page=2``), so their links keep each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict

PAGE_SIZE = 50
PAGE = "page"
SHOW_ALL = "all"


@dataclass(frozen=True)
class PageLink:
    """A link to one page; a number of None is the gap between far-apart page numbers."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class ListPage:
    rows: Sequence
    count: int
    first: int  # position of the first row shown, counted from 1 (0 when there are none)
    last: int
    showing_all: bool
    links: list[PageLink]
    previous_url: str
    next_url: str
    all_url: str
    paged_url: str

    def with_rows(self, build: Callable[[list], Sequence]) -> ListPage:
        """The same page with its rows turned into what the list shows (e.g. worded rows)."""
        return replace(self, rows=build(list(self.rows)))

    @property
    def has_pages(self) -> bool:
        """More rows than fit on one page: page links, or the way back to them, are worth showing."""
        return self.count > PAGE_SIZE


def paginate(rows: QuerySet | Sequence, params: QueryDict, per_page: int = PAGE_SIZE, *, prefix: str = "") -> ListPage:
    """The page of `rows` that `params` ask for (``page``, or ``all``, each after ``prefix``), with
    links that keep every other parameter."""
    page_key, all_key = prefix + PAGE, prefix + SHOW_ALL

    def url(**changes: str | int) -> str:
        query = params.copy()
        for key in (page_key, all_key):
            query.pop(key, None)
        for key, value in changes.items():
            query[key] = str(value)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    paged_url = url()
    all_url = url(**{all_key: 1})
    if params.get(all_key):
        shown = list(rows)
        return ListPage(shown, len(shown), 1 if shown else 0, len(shown), True, [], "", "", all_url, paged_url)
    page = Paginator(rows, per_page).get_page(params.get(page_key))
    links = [
        PageLink(None)
        if number == Paginator.ELLIPSIS
        else PageLink(number, url(**{page_key: number}), number == page.number)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return ListPage(
        rows=page.object_list,
        count=page.paginator.count,
        first=page.start_index(),
        last=page.end_index(),
        showing_all=False,
        links=links,
        previous_url=url(**{page_key: page.previous_page_number()}) if page.has_previous() else "",
        next_url=url(**{page_key: page.next_page_number()}) if page.has_next() else "",
        all_url=all_url,
        paged_url=paged_url,
    )
