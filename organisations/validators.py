from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def orgnr_check_digit(first_eight: str) -> int | None:
    """The mod-11 check digit of a Norwegian organisasjonsnummer, or None if none is possible."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, ORGNR_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    digit = 11 - remainder
    return None if digit == 10 else digit


def validate_orgnr(value: str) -> None:
    if len(value) != 9 or not value.isdigit():
        raise ValidationError(_("An organisation number has exactly nine digits."), code="format")
    if orgnr_check_digit(value[:8]) != int(value[8]):
        raise ValidationError(
            _("The check digit does not match: this is not a valid organisation number."),
            code="checksum",
        )


def validate_municipality_number(value: str) -> None:
    if len(value) != 4 or not value.isdigit():
        raise ValidationError(_("A municipality number has exactly four digits."), code="format")
