//! Embeds an rpath to libtorch's `lib/` folder (from `LIBTORCH`), so that the binary finds
//! `libtorch_cpu.so` without `LD_LIBRARY_PATH`: quotegraph's own rpath applies to its own
//! binaries only, never to a dependent's.
fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if let Ok(libtorch) = std::env::var("LIBTORCH") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{libtorch}/lib");
    }
}
