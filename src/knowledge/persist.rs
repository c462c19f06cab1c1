//! Crash-safe writes: the new text goes to a temporary file in the same directory, is
//! flushed to disk, and is renamed over the old file; the directory is then flushed so the
//! rename itself survives a power cut. The previous text is kept beside it as `<name>.bak`
//! (written the same way, before the swap). At any moment the file on disk is either the
//! complete old text or the complete new one. What a killed writer leaves of its temporary
//! files is swept when the store opens.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where a write can be made to fail, so tests can show that a failure at any step leaves
/// the old file intact. Not for production use.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailPoint {
    /// Creating the temporary file is refused, as in a read-only directory (EACCES) —
    /// also for root, whom a `chmod` would not stop.
    ReadOnlyDir,
    /// The disk fills up half-way through writing the temporary file (ENOSPC).
    DiskFull,
    /// The temporary file is fully written and flushed, then the rename fails (EIO).
    AfterTempWritten,
    /// Writing the `.bak` copy of the old file fails (ENOSPC).
    Backup,
    /// The process "dies" once the audit journal is written, before `faq.toml` is touched:
    /// the edit stops there, with nothing cleaned up.
    CrashAfterJournal,
    /// The process "dies" right after `faq.toml` is replaced, before the audit log is
    /// appended to: the edit stops there, with nothing cleaned up.
    CrashAfterRename,
}

// Linux errno values, so the messages read like the real thing.
const EIO: i32 = 5;
const EACCES: i32 = 13;
const ENOSPC: i32 = 28;

/// The backup of `path`: `faq.toml` → `faq.toml.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Takes an exclusive advisory lock (`flock`) on a directory, held until the returned
/// handle is dropped. Processes that edit the same folder through the store take turns.
pub(crate) fn lock_dir(dir: &Path) -> io::Result<File> {
    let handle = File::open(dir)?;
    handle.lock()?;
    Ok(handle)
}

/// Removes what a killed writer left of its temporary files for `path` and its backup
/// (`.faq.toml.tmp-PID-N`, `.faq.toml.bak.tmp-PID-N`). Call it holding [`lock_dir`]: no
/// live writer then has a temporary file in the folder. Returns what was removed.
pub(crate) fn sweep_temp_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefixes = [path.to_path_buf(), backup_path(path)].map(|p| temp_prefix(&p));
    let mut removed = Vec::new();
    for entry in fs::read_dir(&dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if prefixes
            .iter()
            .any(|prefix| name.starts_with(prefix.as_str()))
            && entry.file_type()?.is_file()
        {
            fs::remove_file(entry.path())?;
            removed.push(entry.path());
        }
    }
    Ok(removed)
}

/// What the temporary files for `path` are called, up to the process id and counter.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.tmp-")
}

/// Replaces `path` with `text` atomically, keeping the old text as [`backup_path`].
pub(crate) fn write_atomic(path: &Path, text: &str, fail: Option<FailPoint>) -> io::Result<()> {
    match fs::read(path) {
        Ok(old) => {
            let backup_fail = match fail {
                Some(FailPoint::Backup) => Some(FailPoint::DiskFull),
                Some(FailPoint::ReadOnlyDir) => Some(FailPoint::ReadOnlyDir),
                _ => None,
            };
            replace(&backup_path(path), &old, backup_fail)?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    replace(
        path,
        text.as_bytes(),
        fail.filter(|f| *f != FailPoint::Backup),
    )
}

/// Replaces `path` with `bytes` atomically and durably, keeping no backup.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        fs::create_dir_all(dir)?;
    }
    replace(path, bytes, None)
}

/// Removes `path` (if it is there) and flushes its directory, so the removal survives a
/// power cut.
pub(crate) fn remove_durably(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => Ok(()),
    }
}

fn replace(path: &Path, bytes: &[u8], fail: Option<FailPoint>) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        "{}{}-{}",
        temp_prefix(path),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    if fail == Some(FailPoint::ReadOnlyDir) {
        return Err(io::Error::from_raw_os_error(EACCES));
    }
    let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    let result = (|| {
        if fail == Some(FailPoint::DiskFull) {
            file.write_all(&bytes[..bytes.len() / 2])?;
            return Err(io::Error::from_raw_os_error(ENOSPC));
        }
        file.write_all(bytes)?;
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        if fail == Some(FailPoint::AfterTempWritten) {
            return Err(io::Error::from_raw_os_error(EIO));
        }
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    // The new file is in place; flushing the directory makes the rename durable. If that
    // fails the content is still complete, so it is only worth a warning.
    if let Err(e) = File::open(&dir).and_then(|d| d.sync_all()) {
        tracing::warn!(dir = %dir.display(), error = %e, "could not flush the directory after replacing a file");
    }
    Ok(())
}
