"""Widgets the shared form renderer offers beyond Django's own."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms


@dataclass
class TreeNode:
    """A choice (``option``, Django's option dict) or, when ``option`` is None, the heading of a
    parent that is not itself a choice (``label``): units under a sector that cannot be chosen."""

    option: dict | None
    label: str = ""
    children: list[TreeNode] = field(default_factory=list)


class TreeCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes for the rows of a tree (units: sector → unit → department), nested as the tree is.

    Each choice's row needs ``parent_id``. A row whose parent is not among the choices is shown
    under a heading naming that parent (load it with ``select_related("parent")``), or at the top
    when it has none. A filter box and "ticking a unit ticks the units below it" come from
    ``static/js/tree-checkboxes.js``; without script the nested checkboxes work as they are.
    """

    template_name = "forms/widgets/tree_checkboxes.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [
            option for _group, group_options, _index in context["widget"]["optgroups"] for option in group_options
        ]
        context["widget"]["tree"] = nest(options)
        return context


def nest(options: list[dict]) -> list[TreeNode]:
    """Django's option dicts (values carrying their model instance) as a tree, in their order."""
    nodes = {option["value"].instance.pk: TreeNode(option) for option in options}
    headings: dict[int, TreeNode] = {}
    roots: list[TreeNode] = []
    for node in nodes.values():
        row = node.option["value"].instance
        if row.parent_id in nodes:
            nodes[row.parent_id].children.append(node)
        elif row.parent_id is None:
            roots.append(node)
        else:
            if row.parent_id not in headings:
                headings[row.parent_id] = TreeNode(None, label=str(row.parent))
                roots.append(headings[row.parent_id])
            headings[row.parent_id].children.append(node)
    return roots
