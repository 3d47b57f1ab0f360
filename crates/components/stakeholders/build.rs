//! Fetches the resource map's front-end libraries (Leaflet and Leaflet.markercluster) from the
//! npm registry, exactly as `web/package-lock.json` pins them, and puts the files the map needs
//! in `$OUT_DIR/vendor/`, where `src/map.rs` embeds them into the binary. Nothing is copied into
//! the repository.
//!
//! npm runs only when the lockfile (or `package.json`) changed, in a scratch copy under
//! `$OUT_DIR`, with install scripts disabled; `npm ci` checks every package against the
//! lockfile's integrity hashes. Without npm, or when it fails (no network), the build still
//! succeeds: it warns, embeds empty placeholders and sets `cfg(cospace_no_leaflet)`, so the map
//! page shows its accessible list with a note instead of the map.

use std::path::{Path, PathBuf};
use std::process::Command;

/// (path under `node_modules/`, name in `vendor/`).
const FILES: &[(&str, &str)] = &[
    ("leaflet/dist/leaflet.js", "leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet.css"),
    ("leaflet/LICENSE", "leaflet-LICENSE.txt"),
    (
        "leaflet.markercluster/dist/leaflet.markercluster.js",
        "leaflet.markercluster.js",
    ),
    (
        "leaflet.markercluster/dist/MarkerCluster.css",
        "MarkerCluster.css",
    ),
    (
        "leaflet.markercluster/dist/MarkerCluster.Default.css",
        "MarkerCluster.Default.css",
    ),
    (
        "leaflet.markercluster/MIT-LICENCE.txt",
        "leaflet.markercluster-LICENSE.txt",
    ),
];

/// Where the installed lockfile is remembered, to skip `npm ci` when nothing changed.
const STAMP: &str = "installed-package-lock.json";

fn main() {
    println!("cargo::rustc-check-cfg=cfg(cospace_no_leaflet)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=web/package.json");
    println!("cargo::rerun-if-changed=web/package-lock.json");
    println!("cargo::rerun-if-env-changed=COSPACE_NPM");
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo::warning=OUT_DIR is not set; cargo always sets it for build scripts");
        return;
    };
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let vendor = out_dir.join("vendor");
    if let Err(reason) = vendor_libraries(&manifest_dir.join("web"), &out_dir.join("npm"), &vendor)
    {
        println!(
            "cargo::warning=the resource map is built without Leaflet: {reason}. The map page \
             shows its list only. Install Node.js with npm (and network access to the npm \
             registry), then rebuild after `touch crates/components/stakeholders/web/package-lock.json` \
             (or point COSPACE_NPM at npm)."
        );
        if let Err(error) = write_placeholders(&vendor) {
            println!("cargo::warning=could not write placeholder assets: {error}");
        }
        println!("cargo::rustc-cfg=cospace_no_leaflet");
    }
}

/// Installs the locked packages in `work` (unless already done for this lockfile) and copies
/// the files the map needs into `vendor`.
fn vendor_libraries(web: &Path, work: &Path, vendor: &Path) -> Result<(), String> {
    let manifest = read(&web.join("package.json"))?;
    let lock = read(&web.join("package-lock.json"))?;
    std::fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let node_modules = work.join("node_modules");
    let installed = std::fs::read(work.join(STAMP)).ok().as_deref() == Some(lock.as_slice())
        && FILES
            .iter()
            .all(|(from, _)| node_modules.join(from).is_file());
    if !installed {
        write(&work.join("package.json"), &manifest)?;
        write(&work.join("package-lock.json"), &lock)?;
        let _ = std::fs::remove_file(work.join(STAMP));
        npm_ci(work)?;
        write(&work.join(STAMP), &lock)?;
    }
    std::fs::create_dir_all(vendor)
        .map_err(|e| format!("cannot create {}: {e}", vendor.display()))?;
    for (from, to) in FILES {
        let body = read(&node_modules.join(from))?;
        let body = if to.ends_with(".js") {
            without_source_map(&body)
        } else {
            body
        };
        if body.is_empty() {
            return Err(format!("{from} is empty"));
        }
        write(&vendor.join(to), &body)?;
    }
    Ok(())
}

fn npm_ci(work: &Path) -> Result<(), String> {
    let npm = std::env::var("COSPACE_NPM").unwrap_or_else(|_| {
        if cfg!(windows) {
            "npm.cmd".to_owned()
        } else {
            "npm".to_owned()
        }
    });
    let output = Command::new(&npm)
        .args([
            "ci",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--prefer-offline",
        ])
        .current_dir(work)
        .output()
        .map_err(|e| format!("`{npm}` could not be started ({e})"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The first error line that says what went wrong (not where the log is).
    let reason = stderr
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("npm error") && !l.contains("complete log"))
        .or_else(|| stderr.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("no output")
        .to_owned();
    Err(format!("`{npm} ci` failed ({}): {reason}", output.status))
}

/// Drops the trailing `//# sourceMappingURL=…` comment: the maps are not shipped.
fn without_source_map(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//# sourceMappingURL="))
        .collect();
    let mut joined = kept.join("\n");
    joined.push('\n');
    joined.into_bytes()
}

fn write_placeholders(vendor: &Path) -> Result<(), String> {
    std::fs::create_dir_all(vendor)
        .map_err(|e| format!("cannot create {}: {e}", vendor.display()))?;
    for (_, to) in FILES {
        write(&vendor.join(to), b"")?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, body: &[u8]) -> Result<(), String> {
    std::fs::write(path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
