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


class TreeSelect(forms.Select):
    """A choice of one row of a tree (a unit), shown as the tree.

    Rows whose parent is not a choice (units when sectors cannot be chosen) sit in a group named
    after that parent; rows below a row that is a choice are indented under it. The choices must
    come in tree order (django-tree-queries' ``with_tree_fields``) with ``parent`` loaded.
    """

    def optgroups(self, name, value, attrs=None):
        groups: list[tuple[str | None, list[dict], int]] = []
        group_of: dict[int, str | None] = {}
        depth: dict[int, int] = {}
        for index, (choice, label) in enumerate(self.choices):
            row = getattr(choice, "instance", None)
            if row is None:  # the empty choice
                group, indent = None, 0
            elif row.parent_id in depth:
                group, indent = group_of[row.parent_id], depth[row.parent_id] + 1
            else:
                group, indent = (str(row.parent) if row.parent_id else None), 0
            if row is not None:
                group_of[row.pk], depth[row.pk] = group, indent
            option = self.create_option(
                name, choice, "\u00a0\u00a0\u00a0" * indent + str(label), str(choice) in value, index, attrs=attrs
            )
            if group is not None and groups and groups[-1][0] == group:
                groups[-1][1].append(option)
            else:
                groups.append((group, [option], index))
        return groups
