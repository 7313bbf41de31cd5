"""Surveys about a change, one module per part; each is imported here so Django finds it.

``templates``: what can be asked, versioned. ``rounds``: who is asked, when, and the unit tree as it
was when a round opened. ``responses``: the answers, which nothing links to a person
(``docs/privacy.md``, "Surveys"). ``checklist``: top management's remedies for the barriers leaders
named.
"""

from .checklist import RemedyTask
from .responses import Answer, Response
from .results import ReleasedCell
from .rounds import Invitation, Round, RoundUnit, UnitLink
from .templates import Choice, Question, SurveyTemplate

__all__ = [
    "Answer",
    "Choice",
    "Invitation",
    "Question",
    "ReleasedCell",
    "RemedyTask",
    "Response",
    "Round",
    "RoundUnit",
    "SurveyTemplate",
    "UnitLink",
]
