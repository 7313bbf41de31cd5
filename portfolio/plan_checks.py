"""Warnings about planned go-live dates, asked before the dates are saved.

The portfolio keeps the dates (a wave's go-live, an affected unit's date) but not what they cause
on the people side: the change load is the people app's, and people depends on portfolio, never the
other way. So the people app registers its check here from its ``AppConfig.ready()`` (as apps
register their menu items and panels), and the wave and affected-unit forms ask ``warnings_for``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from organisations.models import Organisation

from .models import AffectedUnit

#: (organisation, the affected units as stored, the same units as planned (unsaved), the go-live
#: they would all get, or None for each planned unit's own date) → warnings in words.
PlanCheck = Callable[[Organisation, Sequence[AffectedUnit], Sequence[AffectedUnit], datetime.date | None], list[str]]

_checks: list[PlanCheck] = []


def register(check: PlanCheck) -> PlanCheck:
    if check not in _checks:
        _checks.append(check)
    return check


def warnings_for(
    organisation: Organisation,
    stored: Sequence[AffectedUnit],
    planned: Sequence[AffectedUnit],
    go_live: datetime.date | None = None,
) -> list[str]:
    """What every registered check says about replacing ``stored`` by ``planned``."""
    return [warning for check in _checks for warning in check(organisation, stored, planned, go_live)]
