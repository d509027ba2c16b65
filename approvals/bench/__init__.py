"""The list-speed benchmark (``manage.py bench_lists``): floor endpoints, a load driver, the runner.

Nothing here is in the product URLs: the floor endpoints live in ``approvals.bench.urls``, a URLconf that only
the benchmark's gunicorn (``approvals.bench.wsgi``) and the tests load.
"""
