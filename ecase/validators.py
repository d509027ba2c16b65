"""Validators for Kazakh identifiers."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecase.dates import format_day

_IIN_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_IIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_check_digit(first_eleven: str) -> int | None:
    """The 12th digit of an IIN, or None when no valid check digit exists (such numbers are never issued)."""
    digits = [int(c) for c in first_eleven]
    check = sum(d * w for d, w in zip(digits, _IIN_WEIGHTS_1, strict=True)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, _IIN_WEIGHTS_2, strict=True)) % 11
        if check == 10:
            return None
    return check


def iin_birth_date(iin: str) -> date | None:
    """Birth date encoded in an IIN (YYMMDD + century/sex digit), or None if it is not a real date."""
    century_digit = int(iin[6])
    centuries = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
    if century_digit not in centuries:
        return None
    try:
        return date(centuries[century_digit] + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def validate_iin(value: str) -> None:
    """A 12-digit Kazakh individual identification number with a correct check digit."""
    if not (isinstance(value, str) and len(value) == 12 and value.isdigit()):
        raise ValidationError(_("An IIN is exactly 12 digits."), code="iin_format")
    if iin_birth_date(value) is None:
        raise ValidationError(_("The IIN does not encode a valid birth date."), code="iin_date")
    if iin_check_digit(value[:11]) != int(value[11]):
        raise ValidationError(_("The IIN check digit is wrong."), code="iin_checksum")


def make_iin(birth: date, serial: int, *, male: bool = True) -> str:
    """Build a valid IIN for a birth date (used by demo data and tests)."""
    century = {18: 1, 19: 3, 20: 5}[birth.year // 100] + (0 if male else 1)
    for s in range(serial, serial + 50):
        body = f"{birth:%y%m%d}{century}{s % 10000:04d}"
        check = iin_check_digit(body)
        if check is not None:
            return f"{body}{check}"
    raise ValueError("no valid IIN found")  # pragma: no cover


def iin_sex(iin: str) -> str:
    """ "male" or "female" from the IIN's 7th digit (odd: male, even: female)."""
    return "male" if int(iin[6]) % 2 == 1 else "female"


def validate_iin_matches(iin: str, *, birth_date: date | None = None, sex: str | None = None) -> None:
    """An entered birth date (and sex, where a form records one) must agree with what the IIN encodes."""
    if not iin:
        return
    errors: dict[str, ValidationError] = {}
    encoded = iin_birth_date(iin)
    if birth_date is not None and encoded is not None and birth_date != encoded:
        errors["birth_date"] = ValidationError(
            _("The birth date contradicts the IIN, which encodes %(date)s."),
            code="iin_birth_date_mismatch",
            params={"date": format_day(encoded)},
        )
    if sex and sex != iin_sex(iin):
        errors["sex"] = ValidationError(_("The sex contradicts the IIN."), code="iin_sex_mismatch")
    if errors:
        raise ValidationError(errors)


_PHONE_SEPARATORS = str.maketrans("", "", " -()\u00a0")


def normalize_kz_phone(value: str) -> str:
    """A Kazakhstan phone number in the form +7XXXXXXXXXX ("" stays ""). Spaces, dashes and brackets are
    dropped and a leading 8 (the domestic prefix) becomes +7; anything else raises ValidationError."""
    raw = (value or "").strip()
    if not raw:
        return ""
    digits = raw.translate(_PHONE_SEPARATORS)
    if len(digits) == 11 and digits.startswith("8") and digits.isdigit():
        digits = "+7" + digits[1:]
    elif len(digits) == 11 and digits.startswith("7") and digits.isdigit():
        digits = "+" + digits
    if not (len(digits) == 12 and digits.startswith("+7") and digits[1:].isdigit()):
        raise ValidationError(
            _("Enter a Kazakhstan phone number: +7 and 10 digits, e.g. +77011234567."), code="phone_format"
        )
    return digits


def validate_kz_phone(value: str) -> None:
    """A stored phone number: empty, or exactly +7 and 10 digits."""
    if value and normalize_kz_phone(value) != value:
        raise ValidationError(
            _("Enter a Kazakhstan phone number: +7 and 10 digits, e.g. +77011234567."), code="phone_format"
        )
