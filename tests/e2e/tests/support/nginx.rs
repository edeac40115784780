//! nginx (Debian's) on loopback with the project's own deploy/nginx.conf: the sub-path build at
//! /admin-console/ and the real Open WebUI behind it. Only the listen address, the upstream and
//! the web root are substituted, so the test runs the configuration people copy.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::{Proc, free_port, wait_until};

pub struct Nginx {
    pub url: String,
    pub proc: Proc,
    pub dir: PathBuf,
}

pub fn start(root: &Path, owui_url: &str, probe: impl Fn(&str) -> bool) -> Result<Nginx, String> {
    let dist = root.join("dist-sub");
    if !dist.join("index.html").exists() {
        return Err(format!(
            "{} is missing: run `trunk build --release --public-url /admin-console/ --dist dist-sub` (scripts/test does)",
            dist.display()
        ));
    }
    let port = free_port()?;
    let dir = std::env::temp_dir().join(format!("e2e-nginx-{}-{port}", std::process::id()));
    let www = dir.join("www");
    std::fs::create_dir_all(&www).map_err(|e| e.to_string())?;
    let link = www.join("admin-console");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&dist, &link).map_err(|e| e.to_string())?;

    let upstream = owui_url.trim_start_matches("http://");
    let site =
        std::fs::read_to_string(root.join("deploy/nginx.conf")).map_err(|e| e.to_string())?;
    let site = replace_once(
        &site,
        "server 127.0.0.1:8080;",
        &format!("server {upstream};"),
    )?;
    let site = replace_once(&site, "listen 80;", &format!("listen 127.0.0.1:{port};"))?;
    let site = replace_once(&site, "root /var/www;", &format!("root {};", www.display()))?;
    std::fs::write(dir.join("site.conf"), site).map_err(|e| e.to_string())?;
    let d = dir.display();
    let main = format!(
        "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n\
         client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n\
         uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n  include {d}/site.conf;\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), main).map_err(|e| e.to_string())?;
    let nginx = std::env::var("NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into());
    let child = Command::new(&nginx)
        .arg("-p")
        .arg(&dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {nginx}: {e}"))?;
    let proc = Proc {
        name: "nginx",
        child,
        stdin: None,
    };
    let url = format!("http://127.0.0.1:{port}");
    wait_until("nginx", Duration::from_secs(20), || {
        probe(&format!("{url}/admin-console/"))
    })?;
    Ok(Nginx { url, proc, dir })
}

fn replace_once(text: &str, from: &str, to: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replace(from, to)),
        n => Err(format!(
            "deploy/nginx.conf should contain `{from}` once, has it {n} times"
        )),
    }
}
