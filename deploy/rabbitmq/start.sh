#!/bin/sh
# The broker's entrypoint in docker-compose.yml: writes RabbitMQ's definitions with the password from .env
# (RABBITMQ_PASSWORD), so none is written in the repository, then starts RabbitMQ as the image would.
# TEMPLATE and DEFINITIONS name the files (ComposeFileTest runs this with its own).
set -eu
: "${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD in .env (see .env.example)}"
template="${TEMPLATE:-/etc/rabbitmq/definitions.template.json}"
definitions="${DEFINITIONS:-/etc/rabbitmq/definitions.json}"
case "$RABBITMQ_PASSWORD" in
  *[!A-Za-z0-9+/=]*) echo "RABBITMQ_PASSWORD: letters, digits, + / = only (openssl rand -base64 48)" >&2; exit 1 ;;
esac
sed "s|@RABBITMQ_PASSWORD@|$RABBITMQ_PASSWORD|" "$template" > "$definitions"
exec "$@"
