//! The two macros that turn the lists in [`crate::ipc`] into code.

/// `commands! { /// doc  fn name(arg: Type, …) -> Result = path::to::function; … }`
///
/// For each entry: a Tauri command `handlers::name` taking the arguments by
/// their Rust names (snake_case on the wire) and running
/// `function(&Ctx, args…)` on a blocking thread; [`register`] installs them
/// all; [`commands`] describes them for the TypeScript generator.
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty = $imp:path;
    )*) => {
        /// The Tauri commands generated from the list, one per entry.
        pub mod handlers {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[doc = $doc])*
                #[tauri::command(rename_all = "snake_case")]
                pub async fn $name<R: tauri::Runtime>(
                    app: tauri::AppHandle<R>,
                    $($arg: $ty),*
                ) -> $crate::error::AppResult<$ret> {
                    $crate::ipc::blocking(app, move |cx| $imp(cx, $($arg),*)).await
                }
            )*
        }

        /// Register every command on a builder (the app and the tests share this).
        pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
            builder.invoke_handler(tauri::generate_handler![$(handlers::$name),*])
        }

        /// Every command: name, documentation, arguments and result type.
        pub fn commands() -> Vec<$crate::ipc::CommandSpec> {
            vec![$($crate::ipc::CommandSpec {
                name: stringify!($name),
                doc: &[$($doc),*],
                args: vec![$((stringify!($arg), $crate::ipc::TsType::of::<$ty>())),*],
                result: $crate::ipc::TsType::of::<$ret>(),
            }),*]
        }
    };
}

/// `events! { /// doc  Payload = "event-name"; … }`
///
/// For each entry: `impl Event for Payload` (so [`crate::commands::Ctx::emit`]
/// knows its name), and [`events`] describes them for the TypeScript
/// generator.
macro_rules! events {
    ($(
        $(#[doc = $doc:literal])*
        $payload:ident = $name:literal;
    )*) => {
        $(
            impl $crate::ipc::Event for $payload {
                const NAME: &'static str = $name;
            }
        )*

        /// Every event: name, documentation and payload type.
        pub fn events() -> Vec<$crate::ipc::EventSpec> {
            vec![$($crate::ipc::EventSpec {
                name: $name,
                doc: &[$($doc),*],
                payload: $crate::ipc::TsType::of::<$payload>(),
            }),*]
        }
    };
}
