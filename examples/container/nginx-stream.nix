# The same image as nginx.nix, but the result is a script that writes the
# tarball to stdout instead of storing it in /nix/store:
#   nix-build nginx-stream.nix; ./result | docker load
{ pkgs ? import (import ../nixpkgs.nix) { system = "x86_64-linux"; config = { }; overlays = [ ]; }
, name ? "joshrosso/kubecon"
, tag ? "1.4"
}:

pkgs.dockerTools.streamLayeredImage (import ./nginx-common.nix { inherit pkgs name tag; })
