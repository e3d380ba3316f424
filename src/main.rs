//! The `quotegraph` binary: parses arguments, runs one command, maps the result to an exit
//! status (0 all good, 1 some records failed, 2 usage or fatal error; a closed pipe is fine).
//! Before anything else it makes libtorch's OpenMP threads wait passively (see below).

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    passive_openmp_waits();
    let args = cli::Cli::parse();
    match args.run() {
        Ok(cli::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cli::Outcome::SomeFailed) => ExitCode::from(1),
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

/// libtorch's OpenMP threads spin while they wait for work. With more runnable threads than
/// cores (this command's reading and writing threads, any other busy process) a spinning
/// thread keeps the one it waits for off the CPU, and runs were measured 5 to 50 times slower
/// on a loaded two-core machine. libgomp reads its wait policy once, when it loads, before
/// `main`; so unless the user chose a policy, the process re-executes itself once with
/// `OMP_WAIT_POLICY=PASSIVE`, through `/proc/self/exe` so that it is this very binary even if
/// its file has been replaced since. Should that fail, it carries on as it is.
fn passive_openmp_waits() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("OMP_WAIT_POLICY").is_some() {
        return;
    }
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new("/proc/self/exe");
    if let Some(arg0) = args.next() {
        command.arg0(arg0);
    }
    // `exec` returns only when it failed.
    let _ = command.args(args).env("OMP_WAIT_POLICY", "PASSIVE").exec();
}
