//! The `puskesos-district` command: one command starts the service, creating its data
//! directory and an admin account whose password is printed once.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and reads its banner up to the enrolment hint.
fn start(data: &std::path::Path) -> (Running, Vec<String>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_puskesos-district"));
    cmd.args(["--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("binary starts");
    let out = child.stdout.take().expect("stdout");
    let mut lines = Vec::new();
    for line in BufReader::new(out).lines() {
        let line = line.expect("banner line");
        let done = line.contains("puskesos enrol");
        lines.push(line);
        if done {
            break;
        }
    }
    (Running(child), lines)
}

#[test]
fn one_command_starts_the_service_and_prints_the_admin_password_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("district-data");
    let (running, banner) = start(&data);
    let text = banner.join("\n");
    let url = banner[0]
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("URL in the banner")
        .to_string();
    let password = banner
        .iter()
        .find_map(|l| l.split("Kata sandi: ").nth(1))
        .expect("password printed on first start")
        .trim()
        .to_string();
    assert!(text.contains("/staff"), "{text}");
    assert!(text.contains("puskesos enrol"), "{text}");
    assert!(data.join("district.sqlite").is_file());
    assert!(common::Staff::login(&url, "admin", &password).is_some());
    drop(running);

    let (_running, banner) = start(&data);
    let text = banner.join("\n");
    assert!(
        !text.contains("Kata sandi"),
        "the password is shown once: {text}"
    );
    let url = banner[0]
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("URL")
        .to_string();
    assert!(
        common::Staff::login(&url, "admin", &password).is_some(),
        "the account survives a restart"
    );
}
