# eCase: one image for the web server, the Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=ecase.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

WORKDIR /app

RUN groupadd --system ecase \
    && useradd --system --gid ecase --home-dir /app --no-create-home --shell /usr/sbin/nologin ecase

# Dependencies first, so a code change does not reinstall them. psycopg[binary] needs no compiler. The hashed
# lock of the whole tree (scripts/lock.sh): a file whose hash is not in it is refused.
COPY requirements.txt requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY --chown=ecase:ecase . .

# Static assets are collected at build time. The settings need secrets to load; these build-time dummies
# exist only in this RUN step and never reach the running containers. The .mo catalogues are committed.
RUN SECRET_KEY=build-time-dummy-key-only-for-collectstatic-never-used-at-run-time-0123456789 \
    DECISION_SIGNING_KEY=build-time-dummy-signing-key-never-used-at-run-time \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /data/media \
    && chown -R ecase:ecase /data /app/staticfiles

USER ecase
VOLUME ["/data/media"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
    CMD ["python", "scripts/healthcheck.py"]

CMD ["gunicorn", "ecase.wsgi:application", "--config", "gunicorn.conf.py"]
