"""Domain errors raised by services. The API's exception handler and the web views map them to statuses."""

from django.utils.translation import gettext_lazy as _


class Conflict(Exception):  # noqa: N818 - a domain name, mapped to HTTP 409
    """The action is not possible in the object's current state, or it lost to a concurrent action."""

    default_message = _("This action is not allowed in the current state.")

    def __init__(self, message: str | None = None) -> None:
        self.message = message or str(self.default_message)
        super().__init__(self.message)


class FileTooLarge(Exception):  # noqa: N818 - mapped to HTTP 413
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.message = str(_("The file is larger than the limit of %(mb)s MB.") % {"mb": round(limit / 1048576, 1)})
        super().__init__(self.message)
