//! The `policydiff` command-line tool.

fn main() {
    println!("policydiff");
}
