# The end-to-end workflow's additions to examples/vm (GitHub only, see .github/workflows/e2e.yml):
# root's key for the deploy, and the serial-console host-key line the deploy reads a new VM's SSH
# host key from (examples/deploy/README.md, "What an image must provide"), and the runner's
# registry (the workflow's service container, plain HTTP on libvirt's network) for containerd.
{ pubkeyFile, registry ? "192.168.122.1:5000" }:
{ pkgs, ... }:
{
  hypernix.vm.sshAuthorizedKeys = [ (builtins.readFile pubkeyFile) ];
  virtualisation.containerd.settings.plugins."io.containerd.grpc.v1.cri".registry.config_path =
    "/etc/containerd/certs.d";
  environment.etc."containerd/certs.d/${registry}/hosts.toml".text = ''
    server = "http://${registry}"
    [host."http://${registry}"]
      capabilities = ["pull", "resolve"]
  '';
  systemd.services.hypernix-hostkey = {
    description = "Print the SSH host key fingerprint on the serial console";
    wantedBy = [ "multi-user.target" ];
    after = [ "sshd-keygen.service" "sshd.service" ];
    serviceConfig.Type = "oneshot";
    script = ''
      for key in /etc/ssh/ssh_host_ed25519_key.pub; do
        for _ in $(seq 60); do [ -s "$key" ] && break; sleep 1; done
        fp=$(${pkgs.openssh}/bin/ssh-keygen -lf "$key" | ${pkgs.gawk}/bin/awk '{print $2}')
        echo "hypernix-hostkey: $fp ed25519" > /dev/ttyS0
      done
    '';
  };
}
