"""The course catalogue: the organisation's own courses and those its region shares."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.validation import create_valid
from organisations.models import Organisation

from ..models import Course, CourseTheme, Theme


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


def adopt_region_course(organisation: Organisation, shared_pk: int) -> Course:
    """Copy a course the region shares into the organisation's own catalogue, so training plans can
    use it with the organisation's own price. Themes are matched by name (case aside); a theme the
    organisation does not have is left out. Refused when the catalogue already has the title."""
    shared = region_courses(organisation).filter(pk=shared_pk).first()
    if shared is None:
        raise Course.DoesNotExist
    if Course.objects.for_org(organisation).filter(title__iexact=shared.title).exists():
        raise ValidationError(_("Your catalogue already has a course called %(title)s.") % {"title": shared.title})
    copied = {field: getattr(shared, field) for field in Course.DETAILS}
    with transaction.atomic():
        course = create_valid(Course, organisation=organisation, shared_with_region=False, **copied)
        own_themes = {theme.name.casefold(): theme for theme in Theme.objects.for_org(organisation)}
        for built in shared.themes_built.all():
            theme = own_themes.get(built.theme.name.casefold())
            if theme is not None:
                create_valid(CourseTheme, organisation=organisation, course=course, theme=theme, level=built.level)
    return course
