# Sourced by the lab's set-up scripts: root's way in, and apt-get for only what is missing.

# Root on the lab and in CI; a GitHub-hosted runner's user has sudo.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs the Debian packages among its arguments that are not installed yet, and says which.
install_missing() {
  local package missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  echo "lab: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run (a parallel set-up) may hold the lock for a while: wait for it.
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
