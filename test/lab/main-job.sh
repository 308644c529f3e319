#!/usr/bin/env bash
# The kit's main job on the embedded local lab, run as a GitHub runner runs it: the bundled
# hypernix/build-image action builds the guide's two images (stand-ins, since nixpkgs cannot be
# downloaded here: the lab's bootable guest as the qcow2, a dockerTools-layout layered image) with
# the local Nix and pushes them to a local registry (Docker's distribution, started here and
# stopped at the end): the image as an image, the qcow2 as an OCI artifact. The store cache runs
# twice; skopeo reads the pushed image back; then the deploy action makes VMs from the pushed
# qcow2 on the lab's hypervisor, twice (the second changes nothing), and removes them at the end.
set -euo pipefail
cd "$(dirname -- "$0")/../.."

bash test/lab/setup.sh
# The lab's own Nix settings (see setup.sh); a machine's /etc/nix/nix.conf is not changed.
export NIX_CONF_DIR="$PWD/.tmp/lab/nix"
PATH="$PWD/node_modules/.bin:$PATH"

work=$(mktemp -d "${TMPDIR:-/tmp}/hypernix-main-job.XXXXXX")
registry_pid=
cleanup() {
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A registry of our own on a free loopback port.
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
registry="127.0.0.1:$port"
cat > "$work/registry.yml" <<YML
version: 0.1
log: {level: error}
storage:
  cache: {blobdescriptor: inmemory}
  filesystem: {rootdirectory: $work/registry}
  delete: {enabled: true}
http:
  addr: $registry
YML
/usr/bin/docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -sf "http://$registry/v2/" > /dev/null && break; sleep 0.1; done
echo "── local registry on $registry"

# Runs one action step: inputs as INPUT_* variables, outputs and summary through the runner's files.
step() {
  local name=$1 action=$2
  shift 2
  local dir="$work/$name"
  mkdir -p "$dir"
  : > "$dir/output" && : > "$dir/summary.md" && : > "$dir/state" && : > "$dir/path"
  echo "── step: $name ($action)"
  env "$@" GITHUB_OUTPUT="$dir/output" GITHUB_STEP_SUMMARY="$dir/summary.md" GITHUB_STATE="$dir/state" \
    GITHUB_PATH="$dir/path" GITHUB_WORKSPACE="$PWD" RUNNER_TEMP="$dir" RUNNER_TOOL_CACHE="$work/tool-cache" \
    node "$(node -e "const y=require('fs').readFileSync('$action/action.yml','utf8');console.log('$action/'+/main: *(\S+)/.exec(y)[1])")" \
    | grep -v '^::debug::' | sed -e '/^::group::/d' -e '/^::endgroup::/d' -e '/^::add-mask::/d'
  # The post phase runs at the end of the job, with the state main saved (the store cache's save).
  if [ -s "$dir/state" ] && grep -qE '^\s+post:' "$action/action.yml"; then
    local state=() post_log
    post_log=$(mktemp "$dir/post.XXXXXX")
    while IFS= read -r line; do
      case "$line" in
        *'<<'*) key=${line%%<<*}; IFS= read -r value; state+=("STATE_$key=$value") ;;
      esac
    done < "$dir/state"
    env "$@" "${state[@]}" GITHUB_OUTPUT="$dir/output" GITHUB_STEP_SUMMARY="$dir/summary.md" \
      GITHUB_STATE="$dir/post-state" GITHUB_PATH="$dir/path" GITHUB_WORKSPACE="$PWD" RUNNER_TEMP="$dir" \
      node "$(node -e "const y=require('fs').readFileSync('$action/action.yml','utf8');console.log('$action/'+/post: *(\S+)/.exec(y)[1])")" \
      | { grep -v '^::debug::' || true; } | sed -e '/^::group::/d' -e '/^::endgroup::/d' > "$post_log"
    # A post phase with nothing to say (no store cache to save) gets no section.
    if [ -s "$post_log" ]; then echo "── post: $name"; cat "$post_log"; fi
  fi
  echo "── job summary"
  cat "$dir/summary.md"
  echo "── outputs"
  local names width
  names=$(sed -n 's/^\([a-z0-9-]*\)<<.*/\1/p' "$dir/output")
  width=$(awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }' <<< "$names")
  while read -r output; do
    [ -n "$output" ] || continue
    printf '  %-*s  %s\n' "$width" "$output" "$(sed -n "/^$output<</{n;p}" "$dir/output")"
  done <<< "$names"
  echo
}

fixtures=test/fixtures/nix/images.nix
push=(INPUT_PUSH=true INPUT_PLAIN-HTTP=true INPUT_CONCURRENCY=4 GITHUB_SHA="$(git rev-parse HEAD 2>/dev/null || echo 0000000)" GITHUB_REF_NAME=main)
# The qcow2 is the lab's guest (test/lab/guest: a small Linux from Debian's packages that boots
# under TCG, standing in for the NixOS image nixpkgs would build), built through Nix as a fixture.
step qcow2 qcow2 INPUT_FILE=test/lab/guest/guest.nix INPUT_PRESET=qcow2 INPUT_KIND=qcow2 \
  INPUT_IMAGE="$registry/hypernix/k8s-node" "${push[@]}"
qcow2_ref=$(sed -n '/^qcow2-ref<</{n;p}' "$work/qcow2/output")
step container container INPUT_FILE="$fixtures" INPUT_ATTRIBUTE=layered INPUT_PRESET=container INPUT_KIND=container \
  INPUT_IMAGE="$registry/hypernix/nginx" "${push[@]}"

# The store cache in a directory, as on a self-hosted runner: the first job misses, builds and
# saves the build's inputs in its post step; the build's paths are then collected away (a fresh
# runner), and the second job restores the inputs and rebuilds only the disk image from them.
cache_dir="$work/store-cache"
nonce="main-job-$(date +%s)"
cache=(INPUT_CACHE=dir INPUT_CACHE-DIR="$cache_dir" "INPUT_ARGSTRS=nonce=$nonce")
step cache-first qcow2 INPUT_FILE="$fixtures" INPUT_ATTRIBUTE=qcowFromInput INPUT_PRESET=qcow2 INPUT_KIND=qcow2 "${cache[@]}"
built=$(sed -n '/^out-path<</{n;p}' "$work/cache-first/output")
nix-store --delete "$built" $(nix-store -qR --include-outputs "$(nix-store -qd "$built")" | grep -v '\.drv$') > /dev/null 2>&1 || true
echo "── collected $built and its closure: the next job starts as a fresh runner would"
step cache-second qcow2 INPUT_FILE="$fixtures" INPUT_ATTRIBUTE=qcowFromInput INPUT_PRESET=qcow2 INPUT_KIND=qcow2 "${cache[@]}"

echo "── skopeo reads the pushed image back"
skopeo inspect --tls-verify=false "docker://$registry/hypernix/nginx:main" | grep -E '"(Name|Digest)"|sha256' | head -6

# Deploy: the lab's hypervisor (libvirtd, br0 and dnsmasq in a network namespace, reached over
# SSH with a pinned host key, as a remote hypervisor is) makes the VMs from the qcow2 pushed
# above, pulled by its digest; the cluster step forms a cluster on them and applies the nginx Pod
# with the container image pushed above, by digest, then runs the smoke test. kubeadm and kubectl
# on the lab's guest are stand-ins of the test suite (test/lab/guest/standins: no Kubernetes can
# be installed here); everything from this runner to the guests is the kit's real code. A second
# apply changes nothing; the VMs are removed at the end.
hypervisor_started=
if ! bash test/lab/hypervisor.sh status > /dev/null 2>&1; then
  bash test/lab/hypervisor.sh start > /dev/null
  hypervisor_started=1
fi
# shellcheck disable=SC1091
. /tmp/hypernix-lab-hv/facts.env
# The CNI manifest: the lab's stand-in kubectl applies only what kubeadm's flow needs of it (the
# network of flannel's ConfigMap, checked against the pod subnet), pinned by its sha256 as a real one is.
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kube-flannel-cfg\n  namespace: kube-flannel\ndata:\n  net-conf.json: |\n    {"Network": "10.244.0.0/16"}\n' > "$work/flannel.yml"
flannel_sha=$(sha256sum "$work/flannel.yml" | cut -d' ' -f1)
image_ref=$(sed -n '/^image-ref<</{n;p}' "$work/container/output")
cat > "$work/hypernix.yaml" <<YAML
deployment: main-job
hypervisor:
  ssh: {host: $HV_SSH_HOST, port: $HV_SSH_PORT, user: root, known-hosts: $HV_SSH_KNOWN_HOSTS, key-file: $HV_SSH_CLIENT_KEY}
  pool: $POOL_DIR
  virt-type: qemu
image: {ref: "$qcow2_ref", firmware: uefi, plain-http: true}
defaults: {memory: 384MiB, vcpus: 1}
ssh: {key-file: $GUEST_CLIENT_KEY, via-hypervisor: true}
vms:
  - {name: main-cp, role: control-plane}
  - {name: main-w1, role: worker}
cluster:
  pod-subnet: 10.244.0.0/16
  cni: {name: flannel, manifest: $work/flannel.yml, sha256: "$flannel_sha"}
  workload: {manifests: [$PWD/examples/k8s/pod.yaml, $PWD/examples/k8s/service.yaml], ready-timeout: 120}
  smoke-test: {url: /api/v1/namespaces/default/services/a-message-from-the-underworld:80/proxy/, expect-body: underworld}
  kubeconfig: $work/kubeconfig
  ready-timeout: 120
YAML
undeploy() {
  node dist/cli/index.js deploy destroy -f "$work/hypernix.yaml" --plain-http > /dev/null 2>&1 || true
  if [ -n "$hypervisor_started" ]; then bash test/lab/hypervisor.sh stop > /dev/null 2>&1 || true; fi
  cleanup
}
trap undeploy EXIT
deploy=(INPUT_CONFIG="$work/hypernix.yaml" INPUT_QCOW2-REF="$qcow2_ref" INPUT_IMAGE="$image_ref")
step deploy deploy INPUT_COMMAND=apply "${deploy[@]}"
step deploy-again deploy INPUT_COMMAND=apply "${deploy[@]}"
echo "── done: built, pushed, and deployed; the second apply changed $(sed -n '/^changed<</{n;p}' "$work/deploy-again/output")"
