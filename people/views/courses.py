"""The organisation's course catalogue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.editing import RowKind, RowRegistry

from ..forms.competence import CourseForm
from ..models import Course
from ..services.courses import adopt_region_course, region_courses


@member_required
def courses(request):
    organisation = request.actor.organisation
    catalogue = Course.objects.for_org(organisation).prefetch_related("themes_built__theme")
    context = {"courses": catalogue, "region_courses": region_courses(organisation)}
    return render(request, "people/courses.html", context)


@require_POST
@member_required
def adopt_region_course_view(request, pk: int):
    """Copy a course the region shares into the catalogue, where training plans can choose it."""
    require(request.actor, "people.manage_courses")
    try:
        course = adopt_region_course(request.actor.organisation, pk)
    except Course.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("people:courses")
    done = _("%(title)s is in your catalogue: check its price and themes.") % {"title": course.title}
    messages.success(request, done)
    return redirect(f"{reverse('people:courses')}#course-{course.pk}-section")


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
