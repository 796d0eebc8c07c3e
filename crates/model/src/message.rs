//! Error messages every stage words the same way.

/// An I/O error's message in plain words, for a user who reads it beside
/// the file's name: without Rust's "(os error N)" and without tempfile's
/// "at path …" (the caller names the file itself).
///
/// ```
/// let e = std::io::Error::from_raw_os_error(2);
/// assert_eq!(policydiff_model::io_message(&e), "No such file or directory");
/// ```
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    let s = s.split(" at path ").next().unwrap_or_default();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::io_message;
    use std::io;

    #[test]
    fn the_os_code_and_a_tempfile_path_are_left_out() {
        let e = io::Error::new(
            io::ErrorKind::PermissionDenied,
            "Permission denied (os error 13) at path \"/tmp/.tmpX1\"",
        );
        assert_eq!(io_message(&e), "Permission denied");
        let e = io::Error::new(io::ErrorKind::InvalidData, "not a zip archive");
        assert_eq!(io_message(&e), "not a zip archive");
    }
}
