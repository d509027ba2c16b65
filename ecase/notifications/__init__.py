"""The notification centre: in-app notifications (deadline notices and app events), their pages and API.

services.py writes (notification_create, mark read), selectors.py reads; the deadline notices that create
many of them live in ecase/reminders/. This package imports neither reminders nor audit, so both can use it.
"""
