# The lab guest as a Nix fixture, for the main job to build, push as the qcow2 artifact and deploy:
#
#   nix-build --no-out-link test/lab/guest/guest.nix        # → /nix/store/…-hypernix-lab-guest
#   nix build --json --no-link -f test/lab/guest/guest.nix  # ($out/nixos.qcow2, like a NixOS image)
#
# No nixpkgs: the builder runs build.sh with the host's tools (the lab's Nix has no sandbox), which
# makes or reuses the cached image for the same inputs and copies it to $out/nixos.qcow2. The
# derivation changes with the files of this folder; the baked-in key and Debian package versions
# select the cached image inside the build.
{ cacheDir ? (
    let
      env = builtins.getEnv "HYPERNIX_LAB_CACHE";
      home = builtins.getEnv "HOME";
    in
    if env != "" then env else "${if home != "" then home else "/root"}/.cache/hypernix-lab"
  )
}:
derivation {
  name = "hypernix-lab-guest";
  system = builtins.currentSystem;
  builder = "/bin/sh";
  args = [
    "-c"
    ''/bin/bash ${./.}/build.sh --cache-dir ${cacheDir} --output "$out/nixos.qcow2" >&2''
  ];
}
