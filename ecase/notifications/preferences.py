"""Each user's channels per event: reads (with the events' defaults) and the one write that changes them.

In-app is always on for events that ask for action; a channel an event does not offer is always off; SMS
needs a phone number. Bad input raises ValidationError naming the field, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecase.models import DeliveryChannel, NotificationPreference, User
from ecase.notifications import events
from ecase.validators import normalize_kz_phone

CHANNEL_FIELDS = ("in_app", "email", "sms")


@dataclass(frozen=True)
class Choice:
    event: events.EventKind
    in_app: bool
    email: bool
    sms: bool

    def enabled(self, channel: str) -> bool:
        return bool(getattr(self, channel)) and self.event.offers(channel)


def _choice(event: events.EventKind, row: NotificationPreference | None) -> Choice:
    in_app = event.must_act or (row.in_app if row is not None else True)
    email = (row.email if row is not None else event.email_default) and event.offers(DeliveryChannel.EMAIL)
    sms = (row.sms if row is not None else event.sms_default) and event.offers(DeliveryChannel.SMS)
    return Choice(event=event, in_app=in_app, email=email, sms=sms)


def preferences_of(*, user: User) -> list[Choice]:
    """The user's choice for every event they may receive (two queries at most: the rows, nothing else)."""
    rows = {row.event: row for row in NotificationPreference.objects.filter(user=user)}
    return [_choice(event, rows.get(event.key)) for event in events.kinds() if event.visible_to(user)]


def choices_for(*, event: events.EventKind, user_ids: Iterable[int]) -> dict[int, Choice]:
    """The choice of each of the users for one event (one query)."""
    ids = list(user_ids)
    rows = {row.user_id: row for row in NotificationPreference.objects.filter(event=event.key, user_id__in=ids)}
    return {pk: _choice(event, rows.get(pk)) for pk in ids}


def _as_bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    raise ValidationError({where: _("Must be true or false.")}, code="invalid")


def preferences_update(
    *, user: User, items: Sequence[dict[str, Any]], language: str | None = None, phone: str | None = None
) -> list[Choice]:
    """Replace the user's choices for the events in `items` ({"event", "in_app", "email", "sms"}); set the
    preferred language and the phone number when given. All or nothing."""
    errors: dict[str, list[str]] = {}
    if phone is not None:
        try:
            phone = normalize_kz_phone(phone)
        except ValidationError as exc:
            errors["phone"] = list(exc.messages)
    if language is not None and language not in {code for code, _name in settings.LANGUAGES} | {""}:
        errors["language"] = [_("Choose one of the offered languages.")]
    wanted: dict[str, dict[str, bool]] = {}
    for index, item in enumerate(items):
        where = f"events[{index}]"
        if not isinstance(item, dict):
            errors[where] = [_("Each entry is an object with event, in_app, email and sms.")]
            continue
        event = events.kind(str(item.get("event", "")))
        if event is None or not event.visible_to(user):
            errors[f"{where}.event"] = [_("Unknown event: %(event)s.") % {"event": item.get("event", "")}]
            continue
        if event.key in wanted:
            errors[f"{where}.event"] = [_("The event %(event)s is listed twice.") % {"event": event.key}]
            continue
        values: dict[str, bool] = {}
        for channel in CHANNEL_FIELDS:
            if channel not in item:
                continue
            try:
                values[channel] = _as_bool(item[channel], f"{where}.{channel}")
            except ValidationError as exc:
                errors[f"{where}.{channel}"] = list(exc.messages)
                continue
            if values[channel] and not event.offers(channel):
                errors[f"{where}.{channel}"] = [_("This event is not sent by this channel.")]
        if event.must_act and values.get("in_app") is False:
            errors[f"{where}.in_app"] = [_("This event asks you to act: it always appears in the app.")]
        wanted[event.key] = values
    has_phone = bool(phone if phone is not None else user.phone)
    if not has_phone and any(v.get("sms") for v in wanted.values()):
        errors.setdefault("phone", []).append(_("Give a phone number to receive SMS."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = {row.event: row for row in NotificationPreference.objects.select_for_update().filter(user=user)}
        for key, values in wanted.items():
            event = events.kind(key)
            assert event is not None  # noqa: S101 - checked above
            base = _choice(event, current.get(key))
            NotificationPreference.objects.update_or_create(
                user=user,
                event=key,
                defaults={channel: values.get(channel, getattr(base, channel)) for channel in CHANNEL_FIELDS},
            )
        changed = []
        if phone is not None and phone != user.phone:
            user.phone = phone
            changed.append("phone")
        if language is not None and language != user.language:
            user.language = language
            changed.append("language")
        if changed:
            user.save(update_fields=changed)
    return preferences_of(user=user)
