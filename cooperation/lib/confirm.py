"""A confirmation step, as an HTML page, before a destructive or binding action.

A view that does such a thing on POST calls `ask()` first: unless the post
carries `confirmed=1`, it answers with a page that says what will happen and
posts the same fields again, with `confirmed=1`, to the same address; "Cancel"
leads back without doing anything. It works without JavaScript, and what the
person typed in the first form travels in the page's hidden fields."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "confirmed"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRMED}


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


def ask(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    confirm_label: str,
    cancel_url: str,
    details: list[str] | tuple[str, ...] = (),
    danger: bool = True,
) -> HttpResponse | None:
    """None when the person has confirmed; otherwise the confirmation page."""
    if is_confirmed(request):
        return None
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_CARRIED
        for value in values
    ]
    return render(
        request,
        "includes/confirm.html",
        {
            "title": title,
            "question": question,
            "details": details,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "carried": carried,
            "action": request.get_full_path(),
            "danger": danger,
        },
    )
