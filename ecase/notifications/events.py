"""The registry of notice events: what each kind of notice says, whom it asks to act, on which channels.

A notice stores its event key and parameters, never its text: the text is rendered when it is read (or
sent), in the reader's language. Apps register their events in AppConfig.ready():

    from ecase.notifications import events
    events.register(events.EventKind(
        key="approvals.decision_returned",
        label=_("A decision of mine was returned"),
        title=_("Returned for revision: %(kind)s in case %(number)s"),
        body=_("Remarks: %(remarks)s"),
        must_act=True,
    ))

Parameters are JSON values; a value that must itself be translated is stored with `translatable()` (a
message id, translated when read) or `in_languages()` (a text rendered once per language, for texts an app
builds, e.g. a kind's display name), and a moment with `moment()` (shown in Almaty time).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from ecase.choices import DeliveryChannel, NotificationLevel

ALL_CHANNELS: tuple[str, ...] = (DeliveryChannel.IN_APP, DeliveryChannel.EMAIL, DeliveryChannel.SMS)


@dataclass(frozen=True)
class EventKind:
    key: str
    label: str | Promise  # the line on the preferences page
    title: str | Promise  # %(name)s placeholders filled from the notice's parameters
    body: str | Promise = ""
    must_act: bool = False  # in-app is then always on, and the notice counts in the badge until it is done
    level: str = NotificationLevel.INFO
    channels: tuple[str, ...] = ALL_CHANNELS  # the channels a user may choose for it
    email_default: bool = True
    sms_default: bool = False
    roles: frozenset[str] | None = None  # who sees it on the preferences page (None: everyone)

    def offers(self, channel: str) -> bool:
        return channel in self.channels

    def visible_to(self, user: Any) -> bool:
        return self.roles is None or getattr(user, "role", None) in self.roles or bool(user.is_superuser)


_kinds: dict[str, EventKind] = {}


def register(kind: EventKind) -> None:
    _kinds[kind.key] = kind


def kind(key: str) -> EventKind | None:
    return _kinds.get(key)


def kinds() -> list[EventKind]:
    return sorted(_kinds.values(), key=lambda k: k.key)


# --- parameters ------------------------------------------------------------------------------------------


def translatable(text: str | Promise, **params: Any) -> dict[str, Any]:
    """A parameter translated when read: the message id of a gettext_lazy text, with its own parameters."""
    with translation.override(None):  # no active catalogue: str() of a lazy text is its message id
        msgid = str(text)
    return {"_t": msgid, "p": params} if params else {"_t": msgid}


def in_languages(build: Callable[[], Any]) -> dict[str, Any]:
    """A parameter an app builds from translated parts: rendered once per language now, picked when read."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(build())
    return {"_l": texts}


def moment(value: datetime | None) -> dict[str, Any] | str:
    return {"_dt": value.isoformat()} if value is not None else ""


def render_param(value: Any) -> Any:
    if isinstance(value, dict):
        if "_t" in value:
            text = gettext(str(value["_t"]))
            params = {k: render_param(v) for k, v in (value.get("p") or {}).items()}
            return _fill(text, params) if params else text
        if "_l" in value:
            texts = value["_l"]
            language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
            return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or next(iter(texts.values()), "")
        if "_dt" in value:
            try:
                when = datetime.fromisoformat(str(value["_dt"]))
            except ValueError:
                return str(value["_dt"])
            return formats.date_format(timezone.localtime(when), "d.m.Y H:i")
    return value


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template % params
    except (KeyError, ValueError, TypeError):
        return template


def render(key: str, params: dict[str, Any]) -> tuple[str, str] | None:
    """(title, text) of an event in the active language, or None for an unknown key."""
    event = kind(key)
    if event is None:
        return None
    values = {name: render_param(value) for name, value in (params or {}).items()}
    body = _fill(str(event.body), values) if event.body else ""
    return _fill(str(event.title), values), body


def render_in(language: str, key: str, params: dict[str, Any]) -> tuple[str, str]:
    with translation.override(language or settings.LANGUAGE_CODE):
        return render(key, params) or (key, "")


@dataclass(frozen=True)
class Contact:
    """Someone reached without an account (a citizen's complaint contact): one channel, one address."""

    channel: str
    address: str
    language: str = field(default="")
