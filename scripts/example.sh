#!/bin/sh
# The main job on the bundled example: deploys fixtures/webapp-nginx (a web application behind nginx) to
# this machine, unprivileged, with drover's own supervisord and its state under /tmp/drover-example.
# The models are copied next to it, so that status.json and ids.json are written there, not here.
# Running it again finds nothing to do.
set -e
cd "$(dirname "$0")/.."
work=/tmp/drover-example
mkdir -p "$work/models"
cp -R fixtures/webapp-nginx/. "$work/models/"
node dist/controller/cli.js apply "$work/models"
port=$(node -e 'console.log(require(process.argv[1]).ids.nginxPorts.nginx)' "$work/models/ids.json")
echo
echo "Open http://127.0.0.1:$port/ : nginx forwards to the webapp. Models, status.json and ids.json: $work/models"
