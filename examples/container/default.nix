# Non-flake entry point, pinned by ../nixpkgs.nix:
#   nix-build examples/container -A image    # docker-archive tarball
#   nix-build examples/container -A stream   # script that streams it
#   nix-build examples/container -A image --argstr name registry.example/kubecon --argstr tag 1.5
{ nixpkgs ? import ../nixpkgs.nix
, system ? "x86_64-linux"
, name ? "joshrosso/kubecon"
, tag ? "1.4"
}:

let
  pkgs = import nixpkgs { inherit system; config = { }; overlays = [ ]; };
in
{
  image = import ./nginx.nix { inherit pkgs name tag; };
  stream = import ./nginx-stream.nix { inherit pkgs name tag; };
}
