"""CSV downloads that open right in the spreadsheet programs the offices use."""

import csv
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from .downloads import CSV, download


def csv_response(filename: str) -> tuple[HttpResponse, Any]:
    """A response to write rows into: semicolons and a byte-order mark, as Finnish
    Excel expects, so that ä and ö survive and columns split right."""
    response = download("\ufeff", filename=filename, content_type=CSV)
    return response, csv.writer(response, delimiter=";")


def cell(value) -> str:
    """A value as a safe cell: text that starts like a formula (= + - @) is quoted
    so a spreadsheet shows it instead of running it; money gets a decimal comma."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
