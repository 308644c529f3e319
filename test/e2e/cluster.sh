#!/usr/bin/env bash
# The end-to-end workflow's cluster stage on the deployed VMs (GitHub only): the real kubeadm
# init on the control plane, join of the worker with a short-lived token, flannel, the nginx Pod
# by the pushed digest, and the smoke test through the API server's proxy. When the deploy action
# forms the cluster itself (issue 19), this script gives way to its outputs.
#   cluster.sh VMS_JSON IMAGE_REF KEY_FILE OUT_DIR
set -euo pipefail
vms=$1 image=$2 key=$3 out=$4
mkdir -p "$out"
ssh_to() { ssh -i "$key" -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$out/known_hosts" "root@$1" -- "${@:2}"; }
cp_addr=$(jq -r '[.[] | select(.role == "control-plane")][0].address' <<<"$vms")
# Each VM's key as the deploy read it from its serial console: a scanned key must match it.
for addr in $(jq -r '.[].address' <<<"$vms"); do
  ssh-keyscan -t ed25519 "$addr" 2>/dev/null > "$out/scan"
  want=$(jq -r --arg a "$addr" '.[] | select(.address == $a) | .hostKeys[0].fingerprint' <<<"$vms")
  got=$(ssh-keygen -lf "$out/scan" | awk '{print $2}')
  [ "$want" = "$got" ] || { echo "::error::host key of $addr is $got, the serial console said $want"; exit 1; }
  cat "$out/scan" >> "$out/known_hosts"
done

ssh_to "$cp_addr" kubeadm init --pod-network-cidr=10.244.0.0/16 --skip-token-print
ssh_to "$cp_addr" cat /etc/kubernetes/admin.conf > "$out/kubeconfig"
chmod 600 "$out/kubeconfig"
export KUBECONFIG=$out/kubeconfig
join=$(ssh_to "$cp_addr" kubeadm token create --ttl 10m --print-join-command)
echo "::add-mask::$(awk '{for (i = 1; i <= NF; i++) if ($i == "--token") print $(i + 1)}' <<<"$join")"
for addr in $(jq -r '.[] | select(.role == "worker") | .address' <<<"$vms"); do
  ssh_to "$addr" "$join"
done
kubectl apply -f https://github.com/flannel-io/flannel/releases/download/v0.26.7/kube-flannel.yml
kubectl wait --for=condition=Ready nodes --all --timeout=600s
sed "s|image: .*|image: $image|" examples/k8s/pod.yaml | kubectl apply -f -
kubectl apply -f examples/k8s/service.yaml
kubectl wait --for=condition=Ready pod --all --timeout=300s
service=$(kubectl get -f examples/k8s/service.yaml -o jsonpath='{.metadata.name}')
kubectl get --raw "/api/v1/namespaces/default/services/$service:80/proxy/" > "$out/page.html"
grep -q 'all ur PODZ is belong to ME' "$out/page.html"
echo "smoke test: the Pod serves the page"
