//! Writing an export into a directory: never outside it, never into a non-empty one without
//! `force`, and with `force` removing only the files an earlier export wrote there.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::{Export, WriteError};

/// The file, written last, that lists what the export wrote (one relative path a line), so
/// that a forced re-export removes files the new export no longer has.
pub const MANIFEST_FILE: &str = ".daedalus-export";

/// Whether `path` is a plain relative path: `/`-separated normal components of letters, digits,
/// `.`, `_` and `-`, none of them `.` or `..`, no leading `/`.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 255
        && path.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `export` into `dir` (created if missing) and returns the paths written.
///
/// Refuses a directory that holds anything unless `force` is set; with `force`, files listed in
/// a previous export's [`MANIFEST_FILE`] that this export does not have are removed, and other
/// files are left alone. A path of the export that is not a plain relative path, or whose
/// parent resolves outside `dir` (a symbolic link), is refused; an existing symbolic link at a
/// file's place is replaced, never written through.
///
/// # Errors
/// [`WriteError`] for a non-empty directory without `force`, an unsafe path, or an I/O error.
///
/// # Complexity
/// O(f) file operations for f files.
pub fn write_export(export: &Export, dir: &Path, force: bool) -> Result<Vec<PathBuf>, WriteError> {
    for path in export.files.keys() {
        if !is_safe(path) || path == MANIFEST_FILE {
            return Err(WriteError::UnsafePath { path: path.clone() });
        }
    }
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {
            let mut entries = fs::read_dir(dir).map_err(io(dir))?;
            if entries.next().is_some() && !force {
                return Err(WriteError::NotEmpty {
                    dir: dir.to_path_buf(),
                });
            }
        }
        Ok(m) if m.file_type().is_symlink() && dir.is_dir() => {
            let mut entries = fs::read_dir(dir).map_err(io(dir))?;
            if entries.next().is_some() && !force {
                return Err(WriteError::NotEmpty {
                    dir: dir.to_path_buf(),
                });
            }
        }
        Ok(_) => {
            return Err(WriteError::NotADirectory {
                dir: dir.to_path_buf(),
            });
        }
        Err(_) => fs::create_dir_all(dir).map_err(io(dir))?,
    }
    let root = dir.canonicalize().map_err(io(dir))?;
    let manifest = root.join(MANIFEST_FILE);
    let previous: BTreeSet<String> = fs::read_to_string(&manifest)
        .map(|s| s.lines().map(str::to_owned).collect())
        .unwrap_or_default();
    let mut written = Vec::with_capacity(export.files.len());
    for (rel, content) in &export.files {
        let target = root.join(rel);
        let Some(parent) = target.parent() else {
            return Err(WriteError::UnsafePath { path: rel.clone() });
        };
        fs::create_dir_all(parent).map_err(io(parent))?;
        let real_parent = parent.canonicalize().map_err(io(parent))?;
        if !real_parent.starts_with(&root) {
            return Err(WriteError::UnsafePath { path: rel.clone() });
        }
        let Some(name) = target.file_name() else {
            return Err(WriteError::UnsafePath { path: rel.clone() });
        };
        let target = real_parent.join(name);
        if let Ok(m) = fs::symlink_metadata(&target) {
            if m.file_type().is_symlink() {
                fs::remove_file(&target).map_err(io(&target))?;
            } else if m.is_dir() {
                return Err(WriteError::Io {
                    path: target,
                    source: std::io::Error::other("a directory is in the way"),
                });
            }
        }
        fs::write(&target, content).map_err(io(&target))?;
        written.push(target);
    }
    for stale in previous.iter().filter(|p| !export.files.contains_key(*p)) {
        if !is_safe(stale) {
            continue;
        }
        let path = root.join(stale);
        let inside = path
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .is_some_and(|p| p.starts_with(&root));
        if inside && fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    let list: String = export.files.keys().map(|k| format!("{k}\n")).collect();
    if fs::symlink_metadata(&manifest).is_ok_and(|m| m.file_type().is_symlink()) {
        fs::remove_file(&manifest).map_err(io(&manifest))?;
    }
    fs::write(&manifest, list).map_err(io(&manifest))?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_safe() {
        for ok in [
            "main.tf",
            "templates/deployment.yaml",
            "charts/a-b/Chart.yaml",
            ".helmignore",
        ] {
            assert!(is_safe(ok), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a/./b",
            "a\\b",
            "C:x",
            "a b",
        ] {
            assert!(!is_safe(bad), "{bad}");
        }
    }
}
