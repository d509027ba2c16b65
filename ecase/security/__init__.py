"""Security and operations hardening (issue 16): login lockout, second factor, input guard, headers,
health probes, structured logs and error reporting. Wired in ecase/settings/base.py and ecase/apps.py."""
