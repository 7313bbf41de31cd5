from django.shortcuts import render


def render_page_or_partial(request, template: str, partial: str, context: dict):
    """htmx requests get only the part of the page they replace; others the whole page."""
    is_htmx = request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")
    return render(request, partial if is_htmx else template, context)
