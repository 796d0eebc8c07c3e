//! Declares the app's own commands so the capability file must allow each by name.

const COMMANDS: &[&str] = &[
    "library_status",
    "list_documents",
    "get_document",
    "search",
    "recent_comparisons",
    "delete_document",
    "compare_documents",
    "import_files",
    "list_notes",
    "add_note",
    "update_note",
    "delete_note",
    "note_tags",
    "force_pair",
    "forbid_pair",
    "clear_pairing",
    "export_comparison",
    "cancel_export",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
