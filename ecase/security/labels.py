"""Timeline labels of the security package's audit events."""

from django.utils.translation import gettext_lazy as _

from ecase.audit_labels import Label

ACTIONS: dict[str, Label] = {
    "login.locked_out": _("Log-in locked out after repeated failures"),
    "login.lockout_lifted": _("Log-in lockout lifted by an administrator"),
    "otp.enrolled": _("Second factor enrolled"),
    "otp.recovery_codes_issued": _("Recovery codes issued"),
    "otp.recovery_code_used": _("Recovery code used"),
}
