"""Widgets the shared form renderer offers beyond Django's own."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms


@dataclass
class TreeNode:
    option: dict
    children: list[TreeNode] = field(default_factory=list)


class TreeCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes for the rows of a tree (units: sector → unit → department), nested as the tree is.

    Each choice's row needs ``parent_id``; a row whose parent is not among the choices is shown at
    the top level. A filter box and "ticking a unit ticks the units below it" come from
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
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.option["value"].instance.parent_id)
        (parent.children if parent else roots).append(node)
    return roots
