"""The same date formats as English (ecase/formats/en/formats.py): dd.mm.yyyy HH:MM, ISO 8601 accepted."""

from ecase.formats.en.formats import (  # noqa: F401  (read by django.utils.formats.get_format)
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
    MONTH_DAY_FORMAT,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
    YEAR_MONTH_FORMAT,
)
