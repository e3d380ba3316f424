//! The `quotegraph` binary: parses arguments, runs one command, maps the result to an exit
//! status (0 all good, 1 some records failed, 2 usage or fatal error, 130 interrupted by
//! SIGINT or SIGTERM with every finished record written; a closed pipe is fine).
//! Before anything else, even before libtorch loads, it bounds how long libtorch's OpenMP
//! threads spin (see below).

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match args.run() {
        Ok(cli::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cli::Outcome::SomeFailed) => ExitCode::from(1),
        Ok(cli::Outcome::Interrupted) => ExitCode::from(130),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quotegraph: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// libtorch's OpenMP threads (libgomp) spin while they wait for the next parallel region.
/// Spinning without end (`OMP_WAIT_POLICY=ACTIVE`) made runs 5 times slower when the cores were
/// shared with other busy threads; sleeping at once (`PASSIVE`) made an idle two-core machine
/// 12% slower, since a forward pass is hundreds of short parallel regions. A short spin
/// (`GOMP_SPINCOUNT=10000`, tens of microseconds) was the fastest on an idle machine and within
/// 8% of `PASSIVE` on a loaded one (`docs/measurements/performance.md`). libgomp reads these variables when
/// it is loaded, before `main`; so the binary sets the spin count from `.preinit_array`, which
/// the dynamic loader runs before any shared library's initializer. A policy or spin count the
/// user set is kept.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".preinit_array"]
static SHORT_OPENMP_SPINS: extern "C" fn() = short_openmp_spins;

#[cfg(target_os = "linux")]
extern "C" fn short_openmp_spins() {
    if std::env::var_os("OMP_WAIT_POLICY").is_none() && std::env::var_os("GOMP_SPINCOUNT").is_none()
    {
        // Sound: nothing else runs yet, so no thread can read the environment concurrently.
        std::env::set_var("GOMP_SPINCOUNT", "10000");
    }
}
