"""The people side's models, one module per part; importing them here registers them with Django."""

from .competence import (  # noqa: F401
    LEVELS,
    CompetenceRequirement,
    Course,
    CourseTheme,
    Level,
    SelfAssessment,
    SelfAssessmentAnswer,
    Theme,
)
