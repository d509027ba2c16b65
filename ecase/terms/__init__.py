"""Statutory terms: the calendar of working days, the terms engine, the term tables and the calculator.

- ``engine``: the public API (``Term``, ``compute``, ``end_moment``, ``EndMemo``, ``time_left``, ``resume``,
  ``add_months``, ``end_of_day``); its docstring lists the rules. ``term``: ``Term`` itself (no database).
- ``workdays``: working days of the Kazakh calendar (weekends, the ``holidays`` package and the editable
  calendar table, which wins); ``day_off_reason`` says why a day is not a working day.
- ``models``: CalendarException, TermRule, InvestigationTerm, InvestigationExtension (``ecase`` app label);
  ``defaults``: the one table in code they are seeded from; ``selectors``: the term in force by code.
- ``rules``: the registry of named rules for the calculator (apps register their own tables' terms).
- ``recalculation``: the registry of deadlines computed from terms and the recomputation after an edit.
- ``api/``, ``views``, ``forms``: the calculator (``/api/v1/terms/...`` and ``/terms/calculator/``).
"""
