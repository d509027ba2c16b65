"""Statutory terms: the calendar of working days, the terms engine and the configuration tables.

- ``ecase.terms.engine``: the public API (``Term``, ``compute``, ``end_moment``, ``time_left``, ...); its
  module docstring lists the rules.
- ``ecase.terms.workdays``: working days of the Kazakh calendar (weekends, the ``holidays`` package and
  the editable calendar table, which wins).
- ``ecase.terms.models``: the calendar table (models in the ``ecase`` app label).
"""
