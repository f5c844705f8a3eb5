#!/bin/sh
# Installs Debian packages drover needs, when they are missing. With no arguments: what the tests need,
# sshd (one per test host), the process managers the renderers drive, and the tools tests check with;
# else the package:command pairs given. Fast when all is there: no apt-get at all. Without root or apt-get, or when installing fails, it says what is missing and goes on.
# Installing starts no service (a policy-rc.d says no while it runs, unless the machine has one already):
# the tests start their own sshd, supervisord and nginx, and a system cron could run what they put in crontabs.
set -e

# package:command that shows it is there, looked for on the system PATH: test hosts' sessions do not see
# what only the test's user has (a python3 of pyenv under /root, say).
requirements=${*:-openssh-server:sshd supervisor:supervisord nginx-light:nginx s6:s6-svscan execline:execlineb
  systemd:systemd-analyze iproute2:ip procps:ps util-linux:setsid curl:curl python3:python3 git:git passwd:useradd
  cron:crontab postgresql:pg_ctlcluster mariadb-server:mariadbd}
system_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

missing=
for requirement in $requirements; do
  (PATH=$system_path && command -v "${requirement#*:}") >/dev/null 2>&1 || missing="$missing ${requirement%%:*}"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "debian-deps: installing$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    trap 'rm -f "$policy"' EXIT
    printf '#!/bin/sh\n# debian-deps: no service starts while packages are installed\nexit 101\n' >"$policy"
    chmod 755 "$policy"
  fi
  # shellcheck disable=SC2086 # one word per package
  if apt-get update -qq >&2 && apt-get install -qq -y --no-install-recommends $missing >/dev/null; then
    exit 0
  fi
  echo "debian-deps: could not install$missing; what needs them will fail" >&2
else
  echo "debian-deps: missing$missing (apt-get install$missing, as root); what needs them will fail" >&2
fi
