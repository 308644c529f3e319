# The benchmark's synthetic store: `closure` is a root referencing `count` leaf paths of about
# `totalMb` MB in all, half of them random bytes and half text that compresses; `noise` is other
# paths in the store that the build does not use (a runner's other tools). Built with host tools
# only (the lab has no nixpkgs). `seed` makes a new closure; `changed` changes exactly one leaf.
{ count ? 2000, totalMb ? 500, noiseCount ? 250, noiseMb ? 1000, seed ? "1", changed ? "" }:
let
  system = builtins.currentSystem;
  leafKb = totalMb * 1024 / count;
  leaf = i: derivation {
    name = "bench-leaf-${toString i}";
    inherit system seed;
    change = if i == 0 then changed else "";
    builder = "/bin/sh";
    args = [ "-c" (if builtins.bitAnd i 1 == 0
      then "/usr/bin/head -c ${toString leafKb}K /dev/urandom > $out"
      else "/usr/bin/yes 'export PATH=/nix/store/${toString i}-bench/bin:$PATH # ${seed}' | /usr/bin/head -c ${toString leafKb}K > $out") ];
  };
  leaves = builtins.genList leaf count;
  noise = builtins.genList (i: derivation {
    name = "bench-noise-${toString i}";
    inherit system seed;
    builder = "/bin/sh";
    args = [ "-c" "/usr/bin/head -c ${toString (noiseMb * 1024 / noiseCount)}K /dev/urandom > $out" ];
  }) noiseCount;
in
{
  closure = derivation {
    name = "bench-closure-root";
    inherit system;
    builder = "/bin/sh";
    args = [ "-c" "echo ${builtins.concatStringsSep " " (map toString leaves)} > $out" ];
  };
  noise = derivation {
    name = "bench-noise-root";
    inherit system;
    builder = "/bin/sh";
    args = [ "-c" "echo ${builtins.concatStringsSep " " (map toString noise)} > $out" ];
  };
}
