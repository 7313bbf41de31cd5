"""The people side's models, one module per part; each is imported here so Django finds it."""

from .agents import ChangeAgent
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
from .training import ReadinessSettings, TrainingActivity

__all__ = [
    "LEVELS",
    "ChangeAgent",
    "CompetenceRequirement",
    "Course",
    "CourseTheme",
    "EmployeeInformation",
    "InputItem",
    "InvolvementActivity",
    "InvolvementWarning",
    "Level",
    "ReadinessSettings",
    "SelfAssessment",
    "SelfAssessmentAnswer",
    "Theme",
    "TrainingActivity",
]
