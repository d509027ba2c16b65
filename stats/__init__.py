"""Statistics of the prosecutor's filter: indicators computed from the register, the decisions and the
complaints (stats/indicators/), rendered as a page with SVG charts, a CSV export and an API.

The app only reads: it has no models, no services and no admin. It imports ecase, approvals and complaints;
none of them imports it (it plugs in its navigation entry and its demo seeder through ecase's registries).
"""
