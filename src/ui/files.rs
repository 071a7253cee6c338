//! Files: open and save dialogs (behind a trait so tests never open one), recent files, and
//! the autosave recovery that makes sure no edit is ever lost.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::io;
use crate::model::Topology;

/// How many recent files are remembered.
const MAX_RECENT: usize = 10;

/// What a file dialog is for: it sets the filter and the suggested extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A `.ron` topology.
    Topology,
    /// A Mermaid diagram: `.mmd`, or a Markdown document with Mermaid fences.
    Mermaid,
    /// An SVG image.
    Svg,
    /// A PNG image.
    Png,
    /// An HTML report.
    Html,
}

impl FileKind {
    /// Filter name and extensions.
    pub fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Topology => ("Daedalus topology", &["ron"]),
            FileKind::Mermaid => ("Mermaid or Markdown", &["mmd", "md", "markdown"]),
            FileKind::Svg => ("SVG image", &["svg"]),
            FileKind::Png => ("PNG image", &["png"]),
            FileKind::Html => ("HTML report", &["html", "htm"]),
        }
    }
}

/// Chooses files to open and save, and folders to export into.
pub trait FileDialog {
    /// A file of `kind` to open, or `None` if the user cancelled (or no dialog is available).
    fn open(&self, kind: FileKind) -> Option<PathBuf>;
    /// Where to save a file of `kind`, suggesting `name`, or `None` if cancelled.
    fn save(&self, name: &str, kind: FileKind) -> Option<PathBuf>;
    /// A folder to write into, or `None` if cancelled.
    fn folder(&self) -> Option<PathBuf>;
}

/// The platform's native dialogs (rfd: the XDG portal or zenity on Linux).
pub struct NativeDialog;

impl FileDialog for NativeDialog {
    fn open(&self, kind: FileKind) -> Option<PathBuf> {
        let (name, extensions) = kind.filter();
        rfd::FileDialog::new()
            .add_filter(name, extensions)
            .pick_file()
    }

    fn save(&self, name: &str, kind: FileKind) -> Option<PathBuf> {
        let (filter, extensions) = kind.filter();
        rfd::FileDialog::new()
            .add_filter(filter, extensions)
            .set_file_name(name)
            .save_file()
    }

    fn folder(&self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }
}

/// Settings kept between sessions: recent files and the theme. Stored as JSON in the data
/// directory; never in a topology file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Preferences {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Dark theme.
    pub dark: bool,
}

impl Preferences {
    /// Reads the preferences in `dir`, or defaults.
    pub fn load(dir: Option<&Path>) -> Self {
        dir.and_then(|d| fs::read(d.join("preferences.json")).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the preferences to `dir` (best effort: preferences are a convenience).
    pub fn store(&self, dir: Option<&Path>) {
        let Some(dir) = dir else { return };
        if fs::create_dir_all(dir).is_err() {
            return;
        }
        if let Ok(json) = serde_json::to_vec_pretty(self) {
            let _ = io::write_atomic(&dir.join("preferences.json"), &json);
        }
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// What is written beside a recovery file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct RecoveryMeta {
    /// The document's file, if it had one.
    original: Option<PathBuf>,
    /// Seconds since the Unix epoch.
    saved_at_s: u64,
}

/// A recovery file found at start-up.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// The recovered topology.
    pub topology: Topology,
    /// The file it was an unsaved version of, if any.
    pub original: Option<PathBuf>,
    /// When it was written (seconds since the Unix epoch).
    pub saved_at_s: u64,
}

/// The autosave recovery file of this app instance: written periodically while there are
/// unsaved changes, removed when they are saved or discarded.
pub struct Recovery {
    dir: Option<PathBuf>,
    name: String,
}

impl Recovery {
    /// Recovery in `dir` (`None` disables it), for this app instance.
    pub fn new(dir: Option<PathBuf>) -> Self {
        static INSTANCES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let instance = INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self {
            dir,
            name: format!("recovery-{}-{instance}", std::process::id()),
        }
    }

    /// Writes the unsaved `topology` of the document at `original`.
    pub fn write(&self, topology: &Topology, original: Option<&Path>) -> Result<(), String> {
        let Some(dir) = &self.dir else { return Ok(()) };
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        io::save(&dir.join(format!("{}.ron", self.name)), topology).map_err(|e| e.to_string())?;
        let saved_at_s = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let meta = RecoveryMeta {
            original: original.map(Path::to_path_buf),
            saved_at_s,
        };
        let json = serde_json::to_vec_pretty(&meta).map_err(|e| e.to_string())?;
        io::write_atomic(&dir.join(format!("{}.json", self.name)), &json).map_err(|e| e.to_string())
    }

    /// Removes this instance's recovery file (the changes were saved or discarded).
    pub fn clear(&self) {
        let Some(dir) = &self.dir else { return };
        let _ = fs::remove_file(dir.join(format!("{}.ron", self.name)));
        let _ = fs::remove_file(dir.join(format!("{}.json", self.name)));
    }

    /// Recovery files left by instances that did not exit cleanly, newest first.
    pub fn find(&self) -> Vec<(PathBuf, Recovered)> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let Ok(entries) = fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let is_recovery = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("recovery-"));
            if !is_recovery
                || path.extension().is_none_or(|e| e != "ron")
                || path.file_stem().is_some_and(|s| *s == *self.name)
            {
                continue;
            }
            let Ok(loaded) = io::load(&path) else {
                continue;
            };
            let meta: Option<RecoveryMeta> = fs::read(path.with_extension("json"))
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok());
            let (original, saved_at_s) = meta.map_or((None, 0), |m| (m.original, m.saved_at_s));
            found.push((
                path,
                Recovered {
                    topology: loaded.topology,
                    original,
                    saved_at_s,
                },
            ));
        }
        found.sort_by_key(|(_, r)| std::cmp::Reverse(r.saved_at_s));
        found
    }

    /// Deletes a recovery file found by [`Recovery::find`].
    pub fn discard(path: &Path) {
        let _ = fs::remove_file(path);
        let _ = fs::remove_file(path.with_extension("json"));
    }
}

/// The directory for preferences and recovery files: `$XDG_DATA_HOME/daedalus` (or
/// `~/.local/share/daedalus`) on Linux, `~/Library/Application Support/Daedalus` on macOS,
/// `%APPDATA%\Daedalus` on Windows.
pub fn data_dir() -> Option<PathBuf> {
    use std::env::var_os;
    let home = || std::env::home_dir();
    if cfg!(target_os = "macos") {
        return home().map(|h| {
            h.join("Library")
                .join("Application Support")
                .join("Daedalus")
        });
    }
    if cfg!(windows) {
        return var_os("APPDATA").map(|a| PathBuf::from(a).join("Daedalus"));
    }
    var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home().map(|h| h.join(".local").join("share")))
        .map(|d| d.join("daedalus"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_is_found_by_another_instance_and_cleared() {
        let dir = tempfile::tempdir().expect("tempdir");
        let crashed = Recovery {
            dir: Some(dir.path().to_path_buf()),
            name: "recovery-1".into(),
        };
        let t = Topology::new("unsaved work");
        crashed
            .write(&t, Some(Path::new("/tmp/x.ron")))
            .expect("write");
        let next = Recovery {
            dir: Some(dir.path().to_path_buf()),
            name: "recovery-2".into(),
        };
        let found = next.find();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.topology.name, "unsaved work");
        assert_eq!(
            found[0].1.original.as_deref(),
            Some(Path::new("/tmp/x.ron"))
        );
        assert!(
            crashed.find().is_empty(),
            "an instance does not recover its own file"
        );
        Recovery::discard(&found[0].0);
        assert!(next.find().is_empty());
    }

    #[test]
    fn recent_files_are_unique_and_bounded() {
        let mut p = Preferences::default();
        for i in 0..15 {
            p.remember(Path::new(&format!("/nonexistent/{i}.ron")));
        }
        p.remember(Path::new("/nonexistent/3.ron"));
        assert_eq!(p.recent.len(), MAX_RECENT);
        assert_eq!(p.recent[0], Path::new("/nonexistent/3.ron"));
    }
}
