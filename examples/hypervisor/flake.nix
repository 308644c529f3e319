{
  description = "hypernix example: NixOS KVM/libvirt hypervisor with bridge br0";

  # Same rev as ../nixpkgs.nix (see flake.lock).
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.11";

  outputs = { self, nixpkgs }: let
    example = {
      nixpkgs.hostPlatform = "x86_64-linux";
      hypernix.hypervisor.nic = "enp2s0";
      fileSystems."/" = { device = "/dev/disk/by-label/nixos"; fsType = "ext4"; };
      fileSystems."/boot" = { device = "/dev/disk/by-label/boot"; fsType = "vfat"; };
      boot.loader.systemd-boot.enable = true;
      system.stateVersion = "25.11";
    };
  in {
    nixosModules.default = ./hypervisor.nix;

    # Evaluation check only: a real host uses its own hardware-configuration.nix
    # (see README.md). Build with
    #   nix build .#nixosConfigurations.example.config.system.build.toplevel
    nixosConfigurations.example = nixpkgs.lib.nixosSystem {
      modules = [ ./hypervisor.nix example ];
    };

    # The same with the self-hosted runner of the pipeline's deploy job (evaluation check only).
    nixosConfigurations.example-runner = nixpkgs.lib.nixosSystem {
      modules = [
        ./hypervisor.nix
        example
        {
          hypernix.hypervisor.githubRunner = {
            enable = true;
            url = "https://github.com/example/homelab";
            tokenFile = "/run/secrets/github-runner.token";
          };
        }
      ];
    };
  };
}
