#!/usr/bin/env bash
# Helpers for .ci/test: install (from Debian packages) and start what the tests need, only when missing.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  echo "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "the .NET 10 SDK is required (dotnet on PATH)" >&2
    exit 1
  fi
}

# RabbitMQ for the bus tests: installed from Debian and started detached when it is not running.
ensure_rabbitmq() {
  apt_install rabbitmq-server
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    echo "starting rabbitmq-server"
    as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
  # The node answers a little after it was launched; await_startup then waits for the broker itself.
  local waited=0
  until rabbitmqctl -q await_startup >/dev/null 2>&1; do
    if [ "$waited" -ge 120 ]; then
      echo "rabbitmq-server did not start (see /var/log/rabbitmq)" >&2
      return 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
  export CAMPAIGNS_TEST_RABBITMQ="${CAMPAIGNS_TEST_RABBITMQ:-amqp://guest:guest@localhost:5672/}"
}

# Postfix's smtp-sink (a fast SMTP sink that injects faults) for the SMTP tests. The package is installed without
# configuring a mail system: the tests start smtp-sink themselves.
ensure_smtp_sink() {
  if [ ! -x /usr/sbin/smtp-sink ]; then
    echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections
    apt_install postfix
  fi
}

# Node and the Kubernetes schema validators (npm package kubernetes-models) for the deploy tests.
ensure_k8s_schemas() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  local dir=tests/Campaigns.Deploy.Tests/KubernetesSchemas
  if [ ! -d "$dir/node_modules" ]; then
    echo "installing the Kubernetes schema validators (npm)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# Dovecot for the bounce mailbox tests: the tests run their own instances by hand (dovecot -c FILE); the system
# service is not needed.
ensure_dovecot() {
  [ -x /usr/sbin/dovecot ] || apt_install dovecot-imapd
}

# The end-to-end tests drive Debian's Chromium through Microsoft.Playwright (no browser is ever downloaded).
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}
