# A Kubernetes node VM: containerd, plus a kubelet unit that kubeadm configures.
# `kubeadm init` / `kubeadm join` run later, on the booted VM; they write
# /var/lib/kubelet and /etc/kubernetes, which Nix leaves alone.
{ config, lib, pkgs, ... }:

let
  cfg = config.hypernix.vm;
  inherit (lib) mkOption mkEnableOption types;

  hostnameInit = pkgs.callPackage ./hostname.nix { };

  # Linked one by one so that /opt/cni/bin stays a writable directory: CNIs such
  # as flannel, Calico and Cilium copy their own plugin binaries into it.
  cniPlugins = [
    "bandwidth" "bridge" "dhcp" "firewall" "host-device" "host-local" "ipvlan"
    "loopback" "macvlan" "portmap" "ptp" "sbr" "static" "tuning" "vlan" "vrf"
  ];
in
{
  options.hypernix.vm = {
    sshAuthorizedKeys = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "ssh-ed25519 AAAA... ci@hypernix" ];
      description = "Public keys that may log in as root over SSH.";
    };

    insecureLab = mkEnableOption ''
      the guide's lab shortcuts: root password "root", SSH password logins and
      no firewall. Never on a network you do not control'';

    podNetwork = {
      udpPorts = mkOption {
        type = types.listOf types.port;
        default = [ 8472 ];
        description = "UDP ports the pod network uses between nodes (8472: flannel VXLAN).";
      };
      trustedInterfaces = mkOption {
        type = types.listOf types.str;
        default = [ "cni0" "flannel.1" ];
        description = "Pod network interfaces whose traffic the firewall accepts.";
      };
    };
  };

  config = {
    # Shown at SSH login; an easy way to tell image builds apart.
    users.motd = lib.mkDefault "Hello Kubecon Chicago!!!";

    # Empty: hostname-init writes /etc/hostname on first boot.
    networking.hostName = "";
    system.stateVersion = "25.11";

    # libvirt asks the guest agent for the VM's address (`virsh domifaddr --source agent`).
    services.qemuGuest.enable = true;

    # containerd's CRI plugin, as kubeadm nodes need it. nixpkgs writes these
    # settings to a TOML file and checks it with `containerd config dump` at
    # build time. Config version 2 is read by containerd 1.7 and by 2.x, which
    # migrates it on load (`containerd config migrate` shows the result).
    virtualisation.containerd = {
      enable = true;
      settings = {
        # nixpkgs' module sets the same; stated because the keys below are
        # version 2 keys (a module that moved to 3 would then fail to merge).
        version = 2;
        plugins."io.containerd.grpc.v1.cri" = {
          # Match the pause image of your Kubernetes release (`kubeadm config images list`).
          sandbox_image = "registry.k8s.io/pause:3.10.1";
          containerd = {
            default_runtime_name = "runc";
            runtimes.runc = {
              runtime_type = "io.containerd.runc.v2";
              # kubelet uses the systemd cgroup driver (the kubeadm default); both must agree.
              options.SystemdCgroup = true;
            };
          };
          # Where CNIs such as flannel install their plugins and configs (see cniPlugins).
          cni = {
            bin_dir = "/opt/cni/bin";
            conf_dir = "/etc/cni/net.d";
          };
        };
      };
    };

    # Kernel modules and sysctls that kubeadm's preflight checks require.
    boot.kernelModules = [ "overlay" "br_netfilter" ];
    boot.kernel.sysctl = {
      "net.bridge.bridge-nf-call-iptables" = 1;
      "net.bridge.bridge-nf-call-ip6tables" = 1;
      "net.ipv4.ip_forward" = 1;
    };

    # kubelet refuses to start with swap on.
    swapDevices = lib.mkForce [ ];
    zramSwap.enable = false;

    systemd.tmpfiles.rules =
      [
        "d /opt/cni/bin 0755 root root -"
        "d /etc/cni/net.d 0755 root root -"
      ]
      ++ map (p: "L+ /opt/cni/bin/${p} - - - - ${pkgs.cni-plugins}/bin/${p}") cniPlugins;

    environment.systemPackages = with pkgs; [
      kubernetes # kubeadm, kubelet, kubectl
      containerd
      cri-tools
      socat
      conntrack-tools
      ethtool
      ebtables
      iptables
      hostnameInit
    ];

    # So that crictl finds containerd without flags or warnings.
    environment.etc."crictl.yaml".text = ''
      runtime-endpoint: unix:///run/containerd/containerd.sock
      image-endpoint: unix:///run/containerd/containerd.sock
    '';

    # kubeadm writes the kubelet's flags into the two EnvironmentFiles;
    # before `kubeadm init` or `join` the kubelet restarts every 10 s, as expected.
    systemd.services.kubelet = {
      description = "kubelet: the Kubernetes node agent";
      wantedBy = [ "multi-user.target" ];
      wants = [ "network-online.target" "containerd.service" ];
      after = [ "network-online.target" "containerd.service" ];
      path = with pkgs; [ util-linux iproute2 iptables ethtool socat conntrack-tools kmod ];
      # Written as plain values: NixOS quotes each Environment= line itself.
      environment = {
        KUBELET_KUBECONFIG_ARGS = "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf";
        KUBELET_CONFIG_ARGS = "--config=/var/lib/kubelet/config.yaml";
      };
      serviceConfig = {
        # Unbraced $VARS: systemd splits them into separate arguments.
        ExecStart = "${pkgs.kubernetes}/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS";
        EnvironmentFile = [
          "-/var/lib/kubelet/kubeadm-flags.env"
          "-/etc/default/kubelet"
        ];
        Restart = "always";
        RestartSec = 10;
      };
      unitConfig.StartLimitIntervalSec = 0;
    };

    systemd.services.hostname-init = {
      description = "Name the host after its DHCP address";
      wantedBy = [ "multi-user.target" ];
      wants = [ "network-online.target" ];
      after = [ "network-online.target" ];
      before = [ "kubelet.service" ];
      unitConfig.ConditionPathExists = "!/etc/hostname";
      serviceConfig = {
        Type = "oneshot";
        ExecStart = "${hostnameInit}/bin/hostname-init";
      };
    };

    services.openssh = {
      enable = true;
      settings = {
        PermitRootLogin = if cfg.insecureLab then "yes" else "prohibit-password";
        PasswordAuthentication = cfg.insecureLab;
        KbdInteractiveAuthentication = false;
      };
    };
    users.users.root = {
      openssh.authorizedKeys.keys = cfg.sshAuthorizedKeys;
      initialPassword = lib.mkIf cfg.insecureLab "root";
    };

    # The kubeadm ports (kubernetes.io "Ports and Protocols") and SSH.
    networking.firewall = {
      enable = !cfg.insecureLab;
      allowedTCPPorts = [
        22 # ssh
        6443 # kube-apiserver
        10250 # kubelet
        10257 # kube-controller-manager
        10259 # kube-scheduler
      ];
      allowedTCPPortRanges = [
        { from = 2379; to = 2380; } # etcd
        { from = 30000; to = 32767; } # NodePort services
      ];
      allowedUDPPorts = cfg.podNetwork.udpPorts;
      trustedInterfaces = cfg.podNetwork.trustedInterfaces;
    };

    warnings =
      lib.optional cfg.insecureLab
        "hypernix.vm.insecureLab: root password is \"root\", SSH takes passwords and the firewall is off."
      ++ lib.optional (cfg.sshAuthorizedKeys == [ ] && !cfg.insecureLab)
        "hypernix.vm: no SSH keys are set, so nobody can log in as root over SSH.";
  };
}
