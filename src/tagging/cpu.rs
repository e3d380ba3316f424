//! What this CPU runs natively, as libtorch's kernel libraries will see it: AVX2 (fbgemm's
//! int8 kernels), AVX512-BF16 and AMX-BF16 (oneDNN's bf16 products), each as capped by the
//! environment variables `scripts/test.sh --as-avx2` sets (`ONEDNN_MAX_CPU_ISA`). The number
//! format `--precision auto` picks is decided from these answers.

/// True when bfloat16 matrix products run natively here: the CPU has AVX512-BF16 and oneDNN,
/// which computes libtorch's bf16 products, is not capped below that instruction set by
/// `ONEDNN_MAX_CPU_ISA` (or its older name `DNNL_MAX_CPU_ISA`). Elsewhere bf16 is emulated,
/// several times slower than f32. Setting `ONEDNN_MAX_CPU_ISA=AVX2` (as `scripts/test.sh
/// --as-avx2` does) makes a bf16 machine choose and compute as an AVX2-only one would.
pub fn cpu_has_native_bf16() -> bool {
    cpu_has_avx512_bf16() && onednn_isa_cap().is_none_or(|isa| isa_cap_keeps_bf16(&isa))
}

/// The ISA cap set for oneDNN, if any: `ONEDNN_MAX_CPU_ISA`, or its older name
/// `DNNL_MAX_CPU_ISA`.
fn onednn_isa_cap() -> Option<String> {
    ["ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"]
        .iter()
        .find_map(|name| std::env::var(name).ok())
}

/// True when a oneDNN ISA cap (`ONEDNN_MAX_CPU_ISA` value, any case) still includes bf16 dot
/// products: `ALL`, `DEFAULT`, and every ISA from `AVX512_CORE_BF16` up (the `*_FP16`,
/// `*_AMX*` and `AVX10_*` levels) in oneDNN's list of values.
fn isa_cap_keeps_bf16(isa: &str) -> bool {
    let isa = isa.trim().to_ascii_uppercase();
    matches!(isa.as_str(), "" | "ALL" | "DEFAULT")
        || (isa.starts_with("AVX512_CORE_")
            && ["BF16", "FP16", "AMX"].iter().any(|k| isa.contains(k)))
        || isa.starts_with("AVX10")
}

/// True when oneDNN computes bf16 products on AMX tiles here: the CPU has AMX-BF16 (CPUID
/// leaf 7, EDX bit 22) and `ONEDNN_MAX_CPU_ISA` does not cap oneDNN below the AMX levels.
pub(crate) fn cpu_runs_amx_bf16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        let amx_bf16 = (std::arch::x86_64::__cpuid_count(7, 0).edx >> 22) & 1 == 1;
        amx_bf16 && onednn_isa_cap().is_none_or(|isa| isa_cap_keeps_amx(&isa))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// True when a oneDNN ISA cap (`ONEDNN_MAX_CPU_ISA` value, any case) still includes AMX:
/// `ALL`, `DEFAULT` and the `*_AMX*` levels.
fn isa_cap_keeps_amx(isa: &str) -> bool {
    let isa = isa.trim().to_ascii_uppercase();
    matches!(isa.as_str(), "" | "ALL" | "DEFAULT") || isa.contains("AMX")
}

/// True when the CPU has AVX2 (fbgemm's int8 kernels need it).
pub(crate) fn cpu_has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// True when the CPU has AVX512-BF16.
fn cpu_has_avx512_bf16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::{isa_cap_keeps_amx, isa_cap_keeps_bf16};

    #[test]
    fn only_amx_caps_keep_amx() {
        for keeps in ["ALL", "default", "avx512_core_amx", "AVX512_CORE_AMX_FP16"] {
            assert!(isa_cap_keeps_amx(keeps), "{keeps}");
        }
        for drops in ["AVX2", "AVX512_CORE_BF16", "AVX10_1_512"] {
            assert!(!isa_cap_keeps_amx(drops), "{drops}");
        }
    }

    #[test]
    fn onednn_caps_below_avx512_bf16_mean_emulated_bf16() {
        for keeps in [
            "ALL",
            "default",
            "AVX512_CORE_BF16",
            "avx512_core_amx",
            "AVX10_1_512",
        ] {
            assert!(isa_cap_keeps_bf16(keeps), "{keeps}");
        }
        for drops in [
            "AVX2",
            "avx2_vnni",
            "AVX512_CORE",
            "AVX512_CORE_VNNI",
            "SSE41",
        ] {
            assert!(!isa_cap_keeps_bf16(drops), "{drops}");
        }
    }
}
