"""Norwegian number and money formats: 1 234 567 kr, 12,5 — whatever the UI language."""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\xa0"


def format_number(value, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "−" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NBSP.join(groups) or "0"
    if decimals:
        text += "," + fraction
    return sign + text


def format_money(value) -> str:
    if value is None or value == "":
        return ""
    return f"{format_number(value)}{NBSP}kr"
