//! The `serve` command: open and migrate the database, load the demo
//! knowledge base into an empty one, listen, announce the address on stdout,
//! and shut down gracefully on Ctrl-C or SIGTERM. With `--vendor-addr` it
//! also listens there for the demo vendor's page alone (see
//! [`crate::http::demo_vendor`]), announced on a second line.
//!
//! The pepper comes from `[auth] pepper`, else from the file `pepper` in the
//! data directory, made on first start. `AFTERCARE_FAULTS=1` turns on the
//! test-only fault layer (see [`crate::http::fault`]).

use std::future::IntoFuture;
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::auth::secret::Pepper;
use crate::cli::{Error, ServeArgs};
use crate::http::fault::{self, Faults};
use crate::http::{app, demo_vendor, AppState};
use crate::{config, demo, settings};

/// The pepper's file in the data directory.
pub const PEPPER_FILE: &str = "pepper";

/// Runs the server until a shutdown signal arrives.
pub async fn serve(args: ServeArgs) -> Result<(), Error> {
    let portal = config::load(args.config.as_deref())?;
    let catalog = crate::catalog::load(args.config.as_deref(), &portal)?;
    let settings = settings::load(args.config.as_deref())?;
    let pepper = pepper(&settings, &args.storage.data_dir)?;
    if settings.mail.is_none() {
        tracing::warn!("no [mail] relay is configured; sign-in codes are printed to stdout");
    }
    let db = args.storage.open().await?;
    if let Some(report) = demo::seed_if_empty(&db, &portal).await? {
        tracing::info!(%report, "loaded the demo knowledge base into the empty database");
    }
    if !args.dist.is_dir() {
        tracing::warn!(
            dist = %args.dist.display(),
            "no portal files found; non-API paths will say how to build them"
        );
    }
    let faults = Faults::from_env();
    if faults.is_some() {
        tracing::warn!(
            "{}=1: the test-only fault layer is on, and anyone can break this server at /__faults",
            fault::ENV_VAR
        );
    }
    let listener = TcpListener::bind(&args.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
    let local = listener.local_addr()?;
    let state = AppState::new(db.clone(), portal, Some(args.dist))
        .with_settings(&settings)?
        .with_public_url(&settings.server.public_url_or(Some(local.port())))
        .with_pepper(pepper)
        .with_faults(faults)
        .with_catalog(catalog)
        .with_data_dir(args.storage.data_dir.clone());
    let (state, vendor) = match &args.vendor_addr {
        Some(addr) => {
            let listener = TcpListener::bind(addr)
                .await
                .map_err(|e| format!("cannot listen on {addr} (--vendor-addr): {e}"))?;
            let state = state.with_vendor_listener(listener.local_addr()?);
            let app = demo_vendor::vendor_app(state.clone(), local);
            (state, Some((listener, app)))
        }
        None => (state, None),
    };
    announce(LISTENING, local)?;
    let stop = CancellationToken::new();
    let vendor = match vendor {
        Some((listener, app)) => {
            announce(VENDOR_DEMO, listener.local_addr()?)?;
            let stopped = stop.clone().cancelled_owned();
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            let server = axum::serve(listener, service).with_graceful_shutdown(stopped);
            Some(tokio::spawn(server.into_future()))
        }
        None => None,
    };
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let signalled = stop.clone();
    axum::serve(listener, service)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            signalled.cancel();
        })
        .await?;
    stop.cancel();
    if let Some(vendor) = vendor {
        vendor.await??;
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The server's pepper: `[auth] pepper`, else the one kept in the file
/// `pepper` of `data_dir` (made there on first use). The `staff` commands
/// read it the same way, so the links they mail work on the server.
pub fn pepper(settings: &settings::Settings, data_dir: &Path) -> Result<Pepper, Error> {
    if let Some(secret) = &settings.auth.pepper {
        return Ok(Pepper::from_secret(secret));
    }
    let path = data_dir.join(PEPPER_FILE);
    std::fs::create_dir_all(data_dir).map_err(|e| {
        let dir = data_dir.display();
        format!("cannot create the data directory {dir}: {e}")
    })?;
    Ok(Pepper::load_or_create(&path)
        .map_err(|e| format!("cannot use the pepper file {}: {e}", path.display()))?)
}

/// The start of the line that announces the main listener.
pub const LISTENING: &str = "aftercare-server listening on";
/// The start of the line that announces the demo vendor's listener.
pub const VENDOR_DEMO: &str = "aftercare-server vendor demo on";

/// Prints a line a supervisor or test harness waits for, `what` and the
/// address actually bound (so `--addr 127.0.0.1:0` reveals its port).
fn announce(what: &str, addr: SocketAddr) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{what} http://{addr}")?;
    stdout.flush()
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down; finishing the requests in flight");
}
