# The guide's nginx image as a docker-archive tarball:
#   nix-build nginx.nix [--argstr name REPO --argstr tag TAG]; docker load < result
{ pkgs ? import (import ../nixpkgs.nix) { system = "x86_64-linux"; config = { }; overlays = [ ]; }
, name ? "joshrosso/kubecon"
, tag ? "1.4"
}:

pkgs.dockerTools.buildLayeredImage (import ./nginx-common.nix { inherit pkgs name tag; })
