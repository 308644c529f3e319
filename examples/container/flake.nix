{
  description = "hypernix example: the guide's nginx container image";

  # Same rev as ../nixpkgs.nix (see flake.lock).
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.11";

  outputs = { self, nixpkgs }:
    let
      system = "x86_64-linux";
      pkgs = nixpkgs.legacyPackages.${system};
    in
    {
      # nix build ./examples/container#nginx          -> docker load < result
      # nix build ./examples/container#nginx-stream   -> ./result | docker load
      # Another name or tag: import ./nginx.nix { inherit pkgs; name = ...; tag = ...; }
      packages.${system} = {
        nginx = import ./nginx.nix { inherit pkgs; };
        nginx-stream = import ./nginx-stream.nix { inherit pkgs; };
        default = self.packages.${system}.nginx;
      };
    };
}
