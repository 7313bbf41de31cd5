"""The organisation's course catalogue."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import member_required, require
from core.editing import delete_object, edit_object
from core.tenancy import get_for_org_or_404

from ..forms.competence import CourseForm
from ..models import Course


@member_required
def courses(request):
    catalogue = Course.objects.for_org(request.actor.organisation).prefetch_related("themes_built__theme")
    return render(request, "people/courses.html", {"courses": catalogue})


@member_required
def course_add(request):
    require(request.actor, "people.manage_courses")
    return edit_object(request, CourseForm, Course(), title=_("Add course"))


@member_required
def course_edit(request, pk: int):
    require(request.actor, "people.manage_courses")
    course = get_for_org_or_404(Course, request.actor.organisation, pk=pk)
    return edit_object(request, CourseForm, course, title=_("Edit course"))


@require_POST
@member_required
def course_delete(request, pk: int):
    require(request.actor, "people.manage_courses")
    course = get_for_org_or_404(Course, request.actor.organisation, pk=pk)
    return delete_object(request, course, "people:courses")
