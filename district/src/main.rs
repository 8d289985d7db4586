//! `puskesos-district`: run the district service, or set it up from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use puskesos_district::config::{open_state, start, Config};
use puskesos_district::pack::PackUpdate;

#[derive(Debug, Parser)]
#[command(
    name = "puskesos-district",
    version,
    about = "Layanan dinas sosial kabupaten/kota untuk Puskesos Field"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the service (the default).
    Serve,
    /// Create or rename a village (10-digit Kemendagri code).
    Village { code: String, name: String },
    /// Issue a one-time enrolment code for an operator of a village.
    EnrolCode { village: String, operator: String },
    /// Publish a new version of a village pack from files.
    Pack {
        village: String,
        #[arg(long)]
        regions: Option<PathBuf>,
        #[arg(long)]
        registry: Option<PathBuf>,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Print the OpenAPI document of the sync API.
    Openapi,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("galat: {}", puskesos_core::ident::Redacted(&e));
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Option<PathBuf>) -> Result<Option<String>, String> {
    match path {
        Some(p) => std::fs::read_to_string(p)
            .map(Some)
            .map_err(|e| format!("{}: {e}", p.display())),
        None => Ok(None),
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = cli.config;
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Openapi = command {
        let doc = puskesos_district::openapi::document();
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    if let Command::Serve = command {
        return serve(config).await;
    }
    let (url, cert_sha256) =
        puskesos_district::config::public_identity(&config).map_err(|e| e.to_string())?;
    let (state, password) = open_state(&config, cert_sha256, url.clone())
        .await
        .map_err(|e| e.to_string())?;
    if let Some(p) = password {
        println!("Akun admin dibuat. Nama: admin  Kata sandi: {p}  (simpan sekarang; tidak ditampilkan lagi)");
    }
    match command {
        Command::Village { code, name } => {
            let code = puskesos_district::enrol::create_village(state.db(), &code, &name)
                .await
                .map_err(|e| e.to_string())?;
            println!("Desa {code} ({name}) siap.");
        }
        Command::EnrolCode { village, operator } => {
            let issued = puskesos_district::staff::issue_code(&state, &village, &operator, "cli")
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "Kode pendaftaran: {}  (berlaku {} menit, sekali pakai)\nDi ponsel/CLI: puskesos enrol {} {}",
                issued.code, issued.expires_minutes, url, issued.code
            );
            // What the staff page's QR carries, for a phone test or a QR printed elsewhere.
            println!(
                "QR: {}",
                serde_json::to_string(&issued.qr).map_err(|e| e.to_string())?
            );
        }
        Command::Pack {
            village,
            regions,
            registry,
            rules,
        } => {
            let update = PackUpdate {
                region_list_csv: read(&regions)?,
                registry_csv: read(&registry)?,
                rules_json: read(&rules)?,
            };
            let m = puskesos_district::pack::publish(state.db(), &village, update)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "Paket desa {} versi {} terbit ({} baris DTKS).",
                m.village_code, m.version, m.registry_rows
            );
        }
        Command::Serve | Command::Openapi => {}
    }
    Ok(())
}

async fn serve(config: Config) -> Result<(), String> {
    let started = start(&config).await.map_err(|e| e.to_string())?;
    println!("Layanan dinas Puskesos berjalan di {}", started.url);
    println!("  Data: {}", config.data_dir.display());
    if config.database_url.is_some() {
        println!("  Basis data: PostgreSQL (DATABASE_URL)");
    } else {
        println!(
            "  Basis data: {}",
            config.data_dir.join("district.sqlite").display()
        );
    }
    if let Some(fp) = &started.cert_sha256 {
        println!("  Sidik jari sertifikat (SHA-256): {fp}");
    }
    if let Some(p) = &started.admin_password {
        println!("  Akun admin dibuat. Nama: admin  Kata sandi: {p}");
        println!("  (simpan sekarang; kata sandi ini tidak ditampilkan lagi)");
    }
    println!(
        "Buka {}/staff untuk meninjau, membuat desa dan kode pendaftaran.",
        started.url
    );
    println!("Mendaftarkan ponsel/CLI:");
    println!("  puskesos-district village 3201010001 \"Desa Contoh\"");
    println!("  puskesos-district enrol-code 3201010001 operator-1");
    println!("  puskesos enrol {} <KODE>", started.url);
    let shutdown = started.shutdown;
    tokio::select! {
        r = started.task => {
            match r {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(e.to_string()),
                Err(e) => Err(e.to_string()),
            }
        }
        _ = tokio::signal::ctrl_c() => {
            let _ = shutdown.send(());
            Ok(())
        }
    }
}
