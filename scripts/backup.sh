#!/usr/bin/env bash
# Back up the PostgreSQL database named by DATABASE_URL with pg_dump (custom format, compressed) into
# BACKUP_DIR (default ./backups) as ecase-YYYYmmddTHHMMSSZ.dump, and keep the newest KEEP (default 14).
# Run it daily from cron or a systemd timer; check the newest dump with `manage.py restore_check`.
# Uploaded documents (MEDIA_ROOT) are files: back them up with the volume (rsync/restic), alongside.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL (postgres://user:pass@host:5432/name)}"
dir="${BACKUP_DIR:-backups}"
keep="${KEEP:-14}"
mkdir -p "$dir"
target="$dir/ecase-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --no-owner --no-privileges --file="$target.partial" "$DATABASE_URL"
mv "$target.partial" "$target"
echo "$target"
# Oldest first; delete all but the newest $keep.
mapfile -t dumps < <(ls -1 "$dir"/ecase-*.dump 2>/dev/null | sort)
if [ "${#dumps[@]}" -gt "$keep" ]; then
    rm -f -- "${dumps[@]:0:${#dumps[@]}-keep}"
fi
