#!/bin/sh
# STAND-IN API server endpoint (busybox httpd CGI on the control plane): checks a join's token
# against the tokens `kubeadm token create` stored, with their TTL, and registers the node.
echo "Content-Type: text/plain"; echo
q=$QUERY_STRING; get() { echo "&$q" | sed -n "s/.*&$1=\([A-Za-z0-9.-]*\).*/\1/p"; }
id=$(get id); hash=$(get hash); name=$(get name); version=$(get version)
f=/var/lib/standin/www/tokens/$id
[ -n "$id" ] && [ -f "$f" ] || { echo "unknown token id"; exit 0; }
read -r want expiry < "$f"
[ "$want" = "$hash" ] || { echo "wrong token"; exit 0; }
[ "$(date +%s)" -lt "$expiry" ] || { echo "expired token"; exit 0; }
# The real join stops here too: the kubelet cannot register a name the cluster already has.
[ -f "/var/lib/standin/nodes/$name" ] && { echo "a Node with name \"$name\" and status \"Ready\" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node"; exit 0; }
echo "worker $version" > "/var/lib/standin/nodes/$name"
echo ok
