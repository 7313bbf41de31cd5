"""What helps, per readiness stage and per barrier for middle managers, shown with the results.

A unit's barrier point is the first readiness stage it scores 3 or lower on: working on a later
stage first is wasted (training people who do not see why is training nobody wants). The barrier
remedies are those of the 2021 report on digital change in Norwegian municipalities, in our own
words, as a checklist for top management.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

READINESS_REMEDIES = {
    "why": [
        _("Explain what will change, how it will happen and why, in plain words and more than once."),
        _("Let the leader of the unit tell the story at a staff meeting, and answer questions there."),
        _("Show the problem the change solves, with examples from the unit's own work."),
    ],
    "want": [
        _("Say what is in it for each group: less double work, fewer trips, more time with people."),
        _("Give champions in the unit time to try it first and tell colleagues how it went."),
        _("Listen to the worries and answer them openly; say what will not change."),
    ],
    "how": [
        _("Use another mix of training: short sessions close to the work, e-learning and side-by-side help."),
        _("Spread the training over time, next to the first real use, rather than one long course."),
        _("Make short guides for the tasks people do most often."),
    ],
    "able": [
        _("Make sure the equipment, access and time are in place before people are expected to use it."),
        _("Have super-users or champions on every shift in the first weeks."),
        _("Remove the old way of working once the new one works, so nobody has to keep both."),
    ],
    "keep": [
        _("Leader support: ask about the new way of working in regular meetings and follow it up."),
        _("Share what has improved, and fix what people report as getting in the way."),
        _("Keep champions and super-users in place after go-live, with time set aside for them."),
    ],
}

BARRIER_REMEDIES = {
    "resistance": [
        _("Explain what, how and why, and what is in it for each employee."),
        _("Take on few, carefully chosen initiatives at a time."),
        _("Use champions, and roll out in waves starting with the most motivated units."),
    ],
    "top_support": [
        _("Top management shows visible ownership of the change."),
        _("Give a clear vision, with goals and benefits people can see."),
        _("Set aside resources for implementation and training."),
    ],
    "training": [
        _("Plan and budget the cost of implementation (training, substitutes) when the solution is chosen."),
        _("Combine training methods, and spread training over time alongside the first use."),
        _("Train the residents and users who will meet the new solution too."),
    ],
    "involvement": [
        _("Involve middle managers and employees early: before, during and after the choice."),
        _("Gather input from users, and use groups across the line organisation."),
    ],
    "follow_up": [
        _("Top and middle managers agree what the benefit is, how it is reached and how it is measured."),
        _("Write benefits into leader agreements, and appoint benefit owners."),
        _("Plan benefits before the start, and follow them up over time."),
    ],
}
