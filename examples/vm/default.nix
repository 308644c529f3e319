# Non-flake entry point, pinned by ../nixpkgs.nix:
#   nix-build examples/vm -A qcow          # make-disk-image; result/nixos.qcow2
#   nix-build examples/vm -A images.qemu   # nixpkgs image modules; result/nixos.qcow2
#   nix-build examples/vm -A toplevel      # the system closure only
{ nixpkgs ? import ../nixpkgs.nix
, system ? "x86_64-linux"
, modules ? [ ] # extra NixOS modules, e.g. one setting hypernix.vm.sshAuthorizedKeys
}:

let
  nixos = import (nixpkgs + "/nixos/lib/eval-config.nix") {
    system = null; # taken from nixpkgs.hostPlatform below
    modules = [
      ./configuration.nix
      ./image.nix
      { nixpkgs.hostPlatform = system; }
    ] ++ modules;
  };
in
{
  inherit (nixos) config options;
  inherit (nixos.config.system.build) qcow images toplevel;
}
