# Arguments shared by nginx.nix (buildLayeredImage) and nginx-stream.nix
# (streamLayeredImage): the guide's nginx image, with the page kept local.
{ pkgs
, name ? "joshrosso/kubecon"
, tag ? "1.4"
}:

let
  port = 80;

  webRoot = pkgs.writeTextDir "index.html" ''
    <!doctype html>
    <html>
      <head><meta charset="utf-8"><title>a message from the underworld</title></head>
      <body><center><marquee><h1>all ur PODZ is belong to ME</h1></marquee></center></body>
    </html>
  '';

  nginxConf = pkgs.writeText "nginx.conf" ''
    # The master runs as root to bind port ${toString port}; workers drop to
    # nobody:nobody, a user and group that fakeNss puts in /etc/passwd and /etc/group.
    user nobody nobody;
    daemon off;
    error_log /dev/stdout info;
    pid /dev/null;
    events {}
    http {
      access_log /dev/stdout;
      server {
        listen ${toString port};
        index index.html;
        location / {
          root ${webRoot};
        }
      }
    }
  '';
in
{
  inherit name tag;
  contents = [ pkgs.fakeNss pkgs.nginx ];

  extraCommands = ''
    # nixpkgs' nginx keeps its temp files under /tmp (compiled-in paths).
    mkdir -p tmp/nginx_client_body
    chmod 1777 tmp
    # nginx opens its compiled-in error log before it reads nginx.conf.
    mkdir -p var/log/nginx
  '';

  config = {
    Cmd = [ "nginx" "-c" nginxConf ];
    ExposedPorts = { "${toString port}/tcp" = { }; };
  };
}
