"""The topics questions are grouped by in results, by template kind (``Question.topic`` holds the key).

Change readiness follows five stages in order: a unit's barrier point is the first stage it scores
3 or lower on. The barriers for middle managers are the five of the 2021 report on digital change in
Norwegian municipalities; the maturity areas are those of a municipality's ståstedsanalyse.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

READINESS_STAGES = {
    "why": _("Understanding why"),
    "want": _("Wanting to"),
    "how": _("Knowing how"),
    "able": _("Being able to"),
    "keep": _("Supported to keep it up"),
}

BARRIERS = {
    "resistance": _("Resistance to change among employees and leaders"),
    "top_support": _("Too little support from top management"),
    "training": _("Training needs underestimated"),
    "involvement": _("Not involved in choosing the solution"),
    "follow_up": _("Poor conditions for following up benefits"),
}

MATURITY_AREAS = {
    "leadership": _("Leadership and anchoring"),
    "benefits": _("Benefits work"),
    "competence": _("Competence"),
    "involvement": _("User involvement"),
    "service_design": _("Service design"),
    "governing": _("Governing documents"),
    "data": _("Data and architecture"),
}

ADOPTION = {
    "in_use": _("Working the new way"),
    "obstacles": _("What stops people"),
}

#: Template kind → its topics, in the order results show them.
TOPICS = {
    "readiness": READINESS_STAGES,
    "barriers": BARRIERS,
    "maturity": MATURITY_AREAS,
    "adoption": ADOPTION,
}

#: A stage or barrier scored at or below this (on 1–5) is where the unit is held back.
BARRIER_POINT_AT_OR_BELOW = 3
