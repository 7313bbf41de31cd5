"""The competence framework every organisation starts with; the organisation edits it as it likes.

Themes 1–7 are those the municipalities in the Kompetanseløft Trøndelag study (2019) ranked
highest. Themes 8–12 follow the five competence areas of the EU's DigComp 2.2 framework for
citizens' digital competence (Vuorikari, Kluzer and Punie 2022, CC BY-SA 4.0): we use its
structure and write our own descriptions and levels. The texts are stored in the organisation's
written language when it is created, so each municipality can then change them.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The values of ``Theme.Source``; plain strings so the data migration can use this module too.
KOMPETANSELOFT = "kompetanseloft"
DIGCOMP = "digcomp"

#: (source, name, description, five level texts)
DEFAULT_THEMES = [
    (
        KOMPETANSELOFT,
        _("Benefits work"),
        _("Planning, taking out and following up the benefits of a change."),
        (
            _("I know that changes should give benefits, but not how we plan them."),
            _("I can describe the benefits a change should give in my own work."),
            _("I can take part in a benefits plan and measure what we agreed to measure."),
            _("I can lead the benefits work in my unit and turn freed time into something useful."),
            _("I can guide others in benefits realisation and judge whether a business case holds."),
        ),
    ),
    (
        KOMPETANSELOFT,
        _("Anchoring"),
        _("Getting support from management, politicians, employees and union representatives."),
        (
            _("I know that a change needs support, but not how to get it."),
            _("I can explain why a change is made to my colleagues."),
            _("I can plan who must be involved and when, and follow it through."),
            _("I can win the support of management and union representatives for a change."),
            _("I can anchor large changes across sectors and with elected politicians."),
        ),
    ),
    (
        KOMPETANSELOFT,
        _("Service design"),
        _("Designing services from the needs of the people who use them."),
        (
            _("I have heard of service design."),
            _("I can describe a service as the user meets it, step by step."),
            _("I can use simple methods such as interviews and user journeys."),
            _("I can lead a service design process from insight to a tested solution."),
            _("I can teach service design and build it into how we work."),
        ),
    ),
    (
        KOMPETANSELOFT,
        _("Change management"),
        _("Leading people through a change so the new way of working lasts."),
        (
            _("I know changes affect people, but not how to lead them."),
            _("I can explain what changes, why, and what it means for us."),
            _("I can spot resistance and change fatigue and talk about it openly."),
            _("I can plan and lead a change in my unit, with training and follow-up."),
            _("I can lead several changes at once and support other leaders in theirs."),
        ),
    ),
    (
        KOMPETANSELOFT,
        _("User involvement"),
        _("Involving residents, patients, pupils and employees in developing services."),
        (
            _("I know users should be involved, but not how."),
            _("I can collect users' views in a simple way."),
            _("I can plan involvement and report back what was done with the input."),
            _("I can involve users throughout a project, also those who are hard to reach."),
            _("I can build lasting ways of involving users in the organisation."),
        ),
    ),
    (
        KOMPETANSELOFT,
        _("Governing documents"),
        _("Strategies, plans and decisions that steer the digital work."),
        (
            _("I do not know which documents steer our digital work."),
            _("I know where to find our strategies and plans."),
            _("I can link my own work to the goals in our governing documents."),
            _("I can write proposals and plans that fit our strategies."),
            _("I can develop strategies and governing documents with management and politicians."),
        ),
    ),
    (
        KOMPETANSELOFT,
        _("Service and organisation development"),
        _("Changing work processes, roles and organisation, not only systems."),
        (
            _("I do my work as it has always been done."),
            _("I can suggest improvements to how we work."),
            _("I can map a work process and find what can be done in a better way."),
            _("I can lead changes in processes, roles and organisation in my unit."),
            _("I can lead development across units and sectors."),
        ),
    ),
    (
        DIGCOMP,
        _("Information and data literacy"),
        _("Finding, judging and managing information and data (DigComp area 1)."),
        (
            _("I can search for information with help."),
            _("I can find what I need in the systems I use every day."),
            _("I can judge whether a source is reliable and keep information in order."),
            _("I can organise, analyse and present data for others."),
            _("I can set up how data is managed and shared in my area."),
        ),
    ),
    (
        DIGCOMP,
        _("Communication and collaboration"),
        _("Working together and sharing through digital tools (DigComp area 2)."),
        (
            _("I can use e-mail and messages with help."),
            _("I can take part in video meetings and shared documents."),
            _("I can choose suitable tools for working with colleagues and users."),
            _("I can organise digital collaboration for a team."),
            _("I can help the organisation choose and use collaboration tools well."),
        ),
    ),
    (
        DIGCOMP,
        _("Digital content creation"),
        _("Making and editing digital content, with respect for copyright (DigComp area 3)."),
        (
            _("I can write a simple text on the computer with help."),
            _("I can make documents and presentations on my own."),
            _("I can make content for others, with images and tables, and respect copyright."),
            _("I can make content that everyone can use, also with disabilities."),
            _("I can make automations or forms that change how we work."),
        ),
    ),
    (
        DIGCOMP,
        _("Safety"),
        _("Protecting devices, personal data, health and the environment (DigComp area 4)."),
        (
            _("I know that passwords and personal data must be protected."),
            _("I follow our rules for passwords, locking the screen and sharing data."),
            _("I recognise phishing and know how to report a security incident."),
            _("I can help colleagues handle personal data and security in daily work."),
            _("I can assess risk and privacy in new solutions."),
        ),
    ),
    (
        DIGCOMP,
        _("Problem solving"),
        _("Solving technical problems and using technology to improve work (DigComp area 5)."),
        (
            _("I need help when something does not work."),
            _("I can solve common problems such as restarting or signing in again."),
            _("I can find out what is wrong and know where to get help."),
            _("I can find digital solutions to needs in my unit."),
            _("I can lead the work of finding new technology that solves our needs."),
        ),
    ),
]


def default_themes(theme_model, organisation) -> list:
    """Unsaved themes of the default framework for ``organisation``, in its written language.

    ``theme_model`` is ``people.Theme`` (or its historical version in a migration).
    """
    with translation.override(organisation.language):
        return [
            theme_model(
                organisation_id=organisation.pk,
                source=source,
                order=10 * number,
                name=str(name),
                description=str(description),
                **{f"level_{level}": str(text) for level, text in enumerate(levels, start=1)},
            )
            for number, (source, name, description, levels) in enumerate(DEFAULT_THEMES, start=1)
        ]
