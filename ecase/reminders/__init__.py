"""Deadlines, reminders and escalation: one background mechanism for every clock in the system.

- ``windows``: where each stage (due soon, due, overdue) begins and ends, in hours or Kazakh working days.
- ``selectors``: the scan's indexed reads, the notification centre's reads.
- ``services``: the scan (records notices, enqueues one task per notice after commit), the delivery of
  one notice (in-app notifications and e-mail, exactly once per recipient in the database), mark-as-read.

Apps plug their items in through ``ecase.deadlines.register``; this package imports no app.
"""
