# KVM/libvirt hypervisor whose VMs join the LAN through the bridge br0.
# Import it beside hardware-configuration.nix and set at least
# hypernix.hypervisor.nic and hypernix.hypervisor.sshAuthorizedKeys.
{ config, lib, pkgs, ... }:

let
  cfg = config.hypernix.hypervisor;
  inherit (lib) mkOption mkEnableOption types;
in
{
  options.hypernix.hypervisor = {
    nic = mkOption {
      type = types.str;
      example = "enp2s0";
      description = "Physical NIC to enslave to br0 (see `ip link`).";
    };

    cpuVendor = mkOption {
      type = types.enum [ "intel" "amd" ];
      default = "intel";
      description = "CPU vendor; selects the kvm-intel or kvm-amd kernel module.";
    };

    sshAuthorizedKeys = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "ssh-ed25519 AAAA... you@laptop" ];
      description = "Public keys that may log in as root over SSH.";
    };

    allowPasswordLogin = mkEnableOption ''
      root logins with a password over SSH (lab only; set the password with `passwd`)'';

    disableFirewall = mkEnableOption "turning the host firewall off (lab only)";

    tailscale.enable = mkEnableOption "Tailscale";

    nodeExporter.enable = mkEnableOption "the Prometheus node exporter on TCP 9100";

    githubRunner = {
      enable = mkEnableOption ''
        a self-hosted GitHub Actions runner on this host, for the pipeline's deploy job'';

      url = mkOption {
        type = types.str;
        example = "https://github.com/you/homelab";
        description = "The repository (or organisation) the runner serves.";
      };

      tokenFile = mkOption {
        type = types.path;
        example = "/run/secrets/github-runner.token";
        description = ''
          A file holding a fine-grained token (self-hosted runners: read and write) or a
          registration token; outside the Nix store, readable by root only.'';
      };

      labels = mkOption {
        type = types.listOf types.str;
        default = [ "hypervisor" ];
        description = ''
          Labels besides the default self-hosted, Linux and X64: the pipeline's
          hypervisor-labels input picks the runner by them.'';
      };

      pool = mkOption {
        type = types.str;
        default = "/var/lib/libvirt/images/hypernix";
        description = "hypervisor.pool of hypernix.yaml: the one place the runner may write.";
      };
    };
  };

  config = lib.mkMerge [
    {
      boot.kernelModules = [ "kvm-${cfg.cpuVendor}" ];

      # systemd-networkd owns the NIC and the bridge (and turns on resolved,
      # which applies the DNS servers from DHCP).
      networking.useNetworkd = true;
      # Plain false, not mkDefault: hardware-configuration.nix already sets
      # `lib.mkDefault true`, and two mkDefault values that differ fail to evaluate.
      networking.useDHCP = false;

      systemd.network = {
        enable = true;
        netdevs."20-br0".netdevConfig = {
          Kind = "bridge";
          Name = "br0";
        };
        networks."30-${cfg.nic}" = {
          matchConfig.Name = cfg.nic;
          networkConfig.Bridge = "br0";
          # The NIC has no address of its own; online once it is in the bridge.
          linkConfig.RequiredForOnline = "enslaved";
        };
        networks."40-br0" = {
          matchConfig.Name = "br0";
          networkConfig.DHCP = "ipv4";
          linkConfig.RequiredForOnline = "routable";
        };
      };

      virtualisation.libvirtd = {
        enable = true;
        allowedBridges = [ "br0" ];
        qemu.package = pkgs.qemu_kvm;
      };
      # libvirtd authorises its clients through polkit.
      security.polkit.enable = true;

      environment.systemPackages = with pkgs; [
        curl
        htop
        jq
        neovim
        qemu_kvm
        virt-manager
        wget
      ];
      environment.variables.EDITOR = lib.mkDefault "nvim";

      nix.settings.experimental-features = [ "nix-command" "flakes" ];

      services.openssh = {
        enable = true;
        openFirewall = true;
        settings = {
          PermitRootLogin = if cfg.allowPasswordLogin then "yes" else "prohibit-password";
          PasswordAuthentication = cfg.allowPasswordLogin;
          KbdInteractiveAuthentication = false;
          # Remote virt-manager and socket forwarding over SSH.
          AllowTcpForwarding = true;
          AllowStreamLocalForwarding = true;
        };
      };
      users.users.root.openssh.authorizedKeys.keys = cfg.sshAuthorizedKeys;

      networking.firewall = {
        enable = !cfg.disableFirewall;
        allowedTCPPorts = [ 22 ];
      };

      warnings =
        lib.optional (cfg.sshAuthorizedKeys == [ ] && !cfg.allowPasswordLogin)
          "hypernix.hypervisor: no SSH keys are set, so nobody can log in as root over SSH."
        ++ lib.optional cfg.allowPasswordLogin
          "hypernix.hypervisor.allowPasswordLogin: root may log in over SSH with a password."
        ++ lib.optional cfg.disableFirewall
          "hypernix.hypervisor.disableFirewall: the host firewall is off.";
    }

    (lib.mkIf cfg.tailscale.enable {
      services.tailscale.enable = true;
    })

    # NixOS's own runner module, with the labels, the libvirtd group and nothing more. A named
    # user rather than the module's dynamic one: polkit, which authorises libvirt's clients, looks
    # a user's groups up in the user database, where only a declared user has libvirtd.
    # Deploys here should set `virt-type: kvm` in hypernix.yaml: the runner cannot open /dev/kvm
    # itself (libvirt's qemu can), so `auto` would choose TCG.
    (lib.mkIf cfg.githubRunner.enable {
      users.users.github-runner-hypervisor = {
        isSystemUser = true;
        group = "github-runner-hypervisor";
        extraGroups = [ "libvirtd" ];
      };
      users.groups.github-runner-hypervisor = { };

      services.github-runners.hypervisor = {
        enable = true;
        inherit (cfg.githubRunner) url tokenFile;
        extraLabels = cfg.githubRunner.labels;
        user = "github-runner-hypervisor";
        group = "github-runner-hypervisor";
        # The module's sandbox makes the file system read-only (ProtectSystem=strict) except
        # where it says: the deploy writes images and disks to the pool.
        serviceOverrides.ReadWritePaths = [ cfg.githubRunner.pool ];
      };
      systemd.tmpfiles.rules = [ "d ${cfg.githubRunner.pool} 0770 github-runner-hypervisor libvirtd -" ];
    })

    (lib.mkIf cfg.nodeExporter.enable {
      services.prometheus.exporters.node = {
        enable = true;
        openFirewall = true;
      };
    })
  ];
}
