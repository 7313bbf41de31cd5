"""The course catalogue: the organisation's own courses and those its region shares."""

from __future__ import annotations

from django.db.models import QuerySet

from organisations.models import Organisation

from ..models import Course, CourseTheme


def region_courses(organisation: Organisation) -> QuerySet[Course]:
    """Courses other organisations of the same region chose to share, to read and not to change.

    The one deliberate read across organisations on the people side: only courses marked
    ``shared_with_region`` by their owner, in the organisation's own region.
    """
    if organisation.region_id is None:
        return Course.objects.none()
    return (
        Course.objects.across_organisations()
        .filter(shared_with_region=True, organisation__region_id=organisation.region_id)
        .exclude(organisation=organisation)
        .select_related("organisation")
        .prefetch_related("themes_built__theme")
    )


def region_course_themes(organisation: Organisation) -> QuerySet[CourseTheme]:
    """The themes the region's shared courses build (matched to the organisation's themes by name)."""
    return (
        CourseTheme.objects.across_organisations()
        .filter(course__in=region_courses(organisation).values("pk"))
        .select_related("course__organisation", "theme")
    )
