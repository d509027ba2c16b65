"""Web pages: the citizen's (public.py) and the office's (staff.py)."""
