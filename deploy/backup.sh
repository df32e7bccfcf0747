#!/usr/bin/env bash
# Nightly backup of the assistant's database (calls, search index, alerts, queue): a pg_dump in custom format,
# keeping the last 14. Usage: deploy/backup.sh /var/backups/assistant   (reads ASSISTANT_DATABASE_URL)
set -euo pipefail
dest=${1:?usage: backup.sh DEST_DIR}
url=${ASSISTANT_DATABASE_URL:?set ASSISTANT_DATABASE_URL}
mkdir -p "$dest"
pg_dump --format=custom --file="$dest/assistant-$(date +%F-%H%M).dump" "${url/+psycopg/}"
ls -1t "$dest"/assistant-*.dump | tail -n +15 | xargs -r rm --
