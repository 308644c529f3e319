# Arguments shared by nginx.nix (buildLayeredImage) and nginx-stream.nix
# (streamLayeredImage): the guide's nginx image, with the page kept local and
# nginx running as nobody (65534), not root.
{ pkgs
, name ? "joshrosso/kubecon"
, tag ? "1.4"
}:

let
  # Above 1024, so that an unprivileged user may bind it (the guide used 80).
  port = 8080;
  # nobody, in the /etc/passwd and /etc/group that fakeNss provides.
  uid = 65534;
  gid = 65534;

  webRoot = pkgs.writeTextDir "index.html" ''
    <!doctype html>
    <html>
      <head><meta charset="utf-8"><title>a message from the underworld</title></head>
      <body><center><marquee><h1>all ur PODZ is belong to ME</h1></marquee></center></body>
    </html>
  '';

  # Every path nginx writes is under /tmp or /var/log/nginx, the two image
  # volumes (emptyDirs in ../k8s/pod.yaml), so the root file system can be
  # read-only. No `user` directive: it only matters when the master is root.
  nginxConf = pkgs.writeText "nginx.conf" ''
    daemon off;
    error_log /dev/stdout info;
    pid /tmp/nginx.pid;
    events {}
    http {
      access_log /dev/stdout;
      client_body_temp_path /tmp/nginx_client_body;
      proxy_temp_path /tmp/nginx_proxy;
      fastcgi_temp_path /tmp/nginx_fastcgi;
      uwsgi_temp_path /tmp/nginx_uwsgi;
      scgi_temp_path /tmp/nginx_scgi;
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

  # Run under fakeroot, so that chown changes the owners recorded in the layer.
  fakeRootCommands = ''
    # nginx opens its compiled-in error log (/var/log/nginx/error.log) before
    # it reads nginx.conf, and creates its temp directories under /tmp.
    mkdir -p tmp var/log/nginx
    chown ${toString uid}:${toString gid} var/log/nginx
    chmod 1777 tmp
  '';

  config = {
    User = "${toString uid}:${toString gid}";
    Cmd = [ "nginx" "-c" nginxConf ];
    ExposedPorts = { "${toString port}/tcp" = { }; };
    # Writable even when the container's root file system is read-only.
    Volumes = { "/tmp" = { }; "/var/log/nginx" = { }; };
  };
}
