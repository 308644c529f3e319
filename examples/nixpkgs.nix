# The one nixpkgs pin shared by every non-flake entry point (nixos-25.11).
# The flake.lock files lock the same rev; sha256 is their narHash in Nix base32.
# check-pins.sh verifies that they agree.
let
  rev = "d9bc5c7dceb30d8d6fafa10aeb6aa8a48c218454";
  sha256 = "1fmgk95zsz29nb5c2928yfbd619j4742qjpm7y0g49z3bwm4zd6b";
in
builtins.fetchTarball {
  url = "https://github.com/NixOS/nixpkgs/archive/${rev}.tar.gz";
  inherit sha256;
}
