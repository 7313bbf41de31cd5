"""The organisation's course catalogue."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import member_required
from core.editing import RowKind, RowRegistry

from ..forms.competence import CourseForm
from ..models import Course
from ..services.courses import region_courses


@member_required
def courses(request):
    organisation = request.actor.organisation
    catalogue = Course.objects.for_org(organisation).prefetch_related("themes_built__theme")
    context = {"courses": catalogue, "region_courses": region_courses(organisation)}
    return render(request, "people/courses.html", context)


def _in_training_plans(course: Course) -> str | None:
    if course.training_activities.exists():
        return _("Training plans use this course. Choose another course in those plans first.")
    return None


# The catalogue's courses, kept by the portfolio office (people/urls.py: row_urls).
COURSES: RowRegistry = {
    "course": RowKind(
        Course,
        CourseForm,
        parent=None,
        rule="people.manage_courses",
        back=lambda _organisation: reverse("people:courses"),
        keep_reason=_in_training_plans,
    )
}
