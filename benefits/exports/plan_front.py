"""The plan document's front matter: status, signatures and versions; who the plan names."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from organisations.models import Membership
from portfolio.models import Initiative

from ..models import Benefit, BenefitPlan
from ..services.plans import differences, snapshot
from .plan_context import (
    EMPTY,
    PlanContext,
    date_text,
    field_heading,
    make_table,
    or_empty,
)
from .plan_model import Block, Paragraph, PlanStatus, Section, Signature


def benefit_ids(benefits: list[Benefit]) -> dict[int, str]:
    """Ø1, Ø2 … for priced benefits in our own organisation, V1 … for other public ones, K1 … for the rest."""
    prefixes = {
        Benefit.Kind.BUDGET: "Ø",
        Benefit.Kind.CAPACITY: "Ø",
        Benefit.Kind.OTHER_PUBLIC: "V",
        Benefit.Kind.QUALITATIVE: "K",
    }
    counters: dict[str, int] = defaultdict(int)
    ids = {}
    for benefit in benefits:
        prefix = prefixes.get(benefit.kind, "K")
        counters[prefix] += 1
        ids[benefit.pk] = f"{prefix}{counters[prefix]}"
    return ids


def people_named(initiative: Initiative, benefits: list[Benefit]) -> dict[int, str]:
    """Name, job title and unit of everyone the plan names, as the template asks for owners."""
    user_ids = {initiative.project_owner_id, initiative.project_leader_id, initiative.service_owner_id}
    for b in benefits:
        user_ids |= {b.owner_id, b.responsible_id}
        user_ids |= {m.responsible_id for m in b.measures.all()}
        user_ids |= {i.measured_by_id for i in b.indicators.all()}
    user_ids.discard(None)
    memberships = Membership.objects.for_org(initiative.organisation).filter(user_id__in=user_ids)
    people = {}
    for membership in memberships.select_related("user", "unit"):
        details = ", ".join(
            part for part in (membership.title, membership.unit.name if membership.unit else "") if part
        )
        name = str(membership.user)
        people[membership.user_id] = (
            _("%(name)s (%(details)s)") % {"name": name, "details": details} if details else name
        )
    return people


def plan_status(plans: list[BenefitPlan], approved: BenefitPlan | None) -> PlanStatus:
    """The approved version's signatures when there is one, else the signatures on the draft so far."""
    latest = plans[0] if plans else None
    shown = approved or latest
    if latest is None:
        return PlanStatus(version=None, status=_("Draft, not yet signed"), approved_on="", signatures=())
    if approved and latest.pk != approved.pk:
        status_text = _("Version %(approved)s approved %(date)s; version %(draft)s is a draft being worked on") % {
            "approved": approved.version,
            "date": date_text(approved.approved_on),
            "draft": latest.version,
        }
    elif approved:
        status_text = _("Version %(version)s approved %(date)s") % {
            "version": approved.version,
            "date": date_text(approved.approved_on),
        }
    else:
        status_text = _("Version %(version)s is a draft") % {"version": latest.version}
    # Each signature with its own date: the two people may sign on different days.
    signatures = (
        Signature(_("Project owner"), str(shown.approved_by_owner or ""), date_text(shown.approved_by_owner_on)),
        Signature(
            _("Top management"), str(shown.approved_by_management or ""), date_text(shown.approved_by_management_on)
        ),
    )
    return PlanStatus(
        version=shown.version, status=status_text, approved_on=date_text(shown.approved_on), signatures=signatures
    )


def front_matter(
    c: PlanContext, plans: list[BenefitPlan], approved: BenefitPlan | None, status: PlanStatus
) -> tuple[Section, ...]:
    initiative = c.initiative
    responsible = sorted({c.person(b.responsible) for b in c.benefits if b.responsible_id})
    about = make_table(
        "",
        _("Plan status"),
        [_("Item"), _("Details")],
        [
            [_("Initiative"), initiative.name],
            [_("Organisation"), initiative.organisation.name],
            [_("Plan version"), or_empty(status.version)],
            [_("Status"), status.status],
            [_("Project owner"), c.person(initiative.project_owner)],
            [_("Prepared by (benefit responsible)"), ", ".join(responsible) or EMPTY],
            [_("Produced"), date_text(c.today)],
        ],
        widths=(1, 2),
    )
    signatures = make_table(
        "",
        _("Signatures"),
        [_("Signed as"), _("Name"), _("Date")],
        [[s.role, s.name or _("Not signed"), s.date or EMPTY] for s in status.signatures],
        widths=(2, 3, 1),
        empty_text=_("Nobody has signed the plan yet."),
    )
    history = make_table(
        "",
        _("Version history"),
        [
            field_heading(BenefitPlan, "version"),
            _("Status"),
            field_heading(BenefitPlan, "approved_on"),
            _("Project owner"),
            _("Top management"),
        ],
        [
            [
                str(p.version),
                p.get_status_display(),
                date_text(p.approved_on) or EMPTY,
                or_empty(p.approved_by_owner),
                or_empty(p.approved_by_management),
            ]
            for p in plans
        ],
        widths=(1, 1, 1, 2, 2),
        numeric=frozenset({0}),
        empty_text=_("No version of the plan has been recorded yet."),
    )
    blocks: list[Block] = [about, signatures, history]
    if approved:
        changed = differences(approved.snapshot, snapshot(c.benefits))
        if changed:
            blocks.append(
                Paragraph(
                    _("The plan has changed since version %(version)s was approved:") % {"version": approved.version}
                )
            )
            blocks.append(
                make_table(
                    "",
                    _("Changes since the approved version"),
                    [_("Benefit"), _("What"), _("Approved"), _("Now")],
                    [[d.benefit, d.what, d.approved or EMPTY, d.now or EMPTY] for d in changed],
                    widths=(3, 2, 2, 2),
                )
            )
    return (Section("", _("Approval and versions"), 1, tuple(blocks)),)
