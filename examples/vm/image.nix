# Disk image of the VM, buildable two ways from the same configuration:
#
#  a) config.system.build.qcow: nixpkgs' make-disk-image.nix called directly,
#     as nixos-generators' "qcow" format does. Output: $out/nixos.qcow2.
#  b) config.system.build.images.qemu: nixpkgs' own image modules (NixOS 25.05
#     and later); `nixos-rebuild build-image --image-variant qemu` builds the same.
#     Output: $out/nixos.qcow2 (file name aligned with (a) below).
#
# Both boot with BIOS and GRUB (libvirt's default firmware) from one ext4
# partition labelled "nixos" that grows to fill the disk on first boot.
{ config, lib, pkgs, modulesPath, ... }:

{
  imports = [ (modulesPath + "/profiles/qemu-guest.nix") ];

  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
    autoResize = true;
  };
  boot.growPartition = true;
  # `device`, not `devices`: the qemu image module sets `devices` with mkDefault,
  # and two list definitions of /dev/vda would be merged into a duplicate.
  boot.loader.grub.device = lib.mkDefault "/dev/vda";
  boot.loader.timeout = lib.mkDefault 1;
  # Serial console for `virsh console` / `virt-install --console pty,target_type=serial`.
  boot.kernelParams = [ "console=tty0" "console=ttyS0,115200" ];

  # (a)
  system.build.qcow = import (modulesPath + "/../lib/make-disk-image.nix") {
    inherit config lib pkgs;
    format = "qcow2";
    diskSize = "auto";
    partitionTableType = "legacy";
  };

  # (b) is defined by nixpkgs; only its file name is set here.
  image.modules.qemu = {
    image.baseName = "nixos";
  };
}
