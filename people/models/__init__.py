"""The people side's models, one module per part; each is imported here so Django finds it."""

from .competence import (
    LEVELS,
    CompetenceRequirement,
    Course,
    CourseTheme,
    Level,
    SelfAssessment,
    SelfAssessmentAnswer,
    Theme,
)
from .information import EmployeeInformation
from .involvement import InputItem, InvolvementActivity, InvolvementWarning

__all__ = [
    "LEVELS",
    "CompetenceRequirement",
    "Course",
    "CourseTheme",
    "EmployeeInformation",
    "InputItem",
    "InvolvementActivity",
    "InvolvementWarning",
    "Level",
    "SelfAssessment",
    "SelfAssessmentAnswer",
    "Theme",
]
