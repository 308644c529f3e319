{
  description = "hypernix example: NixOS Kubernetes node VM image (kubeadm + containerd)";

  # Same rev as ../nixpkgs.nix (see flake.lock).
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.11";

  outputs = { self, nixpkgs }:
    let
      system = "x86_64-linux";
      k8s = nixpkgs.lib.nixosSystem {
        modules = [
          ./configuration.nix
          ./image.nix
          { nixpkgs.hostPlatform = system; }
        ];
      };
    in
    {
      nixosModules.default = ./configuration.nix;
      nixosModules.image = ./image.nix;

      # Installables:
      #   .#nixosConfigurations.k8s.config.system.build.qcow          (make-disk-image)
      #   .#nixosConfigurations.k8s.config.system.build.images.qemu   (nixpkgs image modules)
      nixosConfigurations.k8s = k8s;

      packages.${system} = {
        qcow2 = k8s.config.system.build.qcow;
        qcow2-image-modules = k8s.config.system.build.images.qemu;
        default = k8s.config.system.build.qcow;
      };
    };
}
