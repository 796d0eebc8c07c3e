//! Bounds-checked little-endian reading and writing of the binary files.
//! Low level: the file modules use it; not the place to start.

use crate::error::ErrorKind;

/// A cursor over a file image that fails with [`ErrorKind::Truncated`]
/// (naming the part being read) instead of panicking.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// The next `n` bytes, as part `part` of the file.
    pub(crate) fn take(&mut self, n: usize, part: &str) -> Result<&'a [u8], ErrorKind> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        match end {
            Some(end) => {
                let s = &self.buf[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(ErrorKind::Truncated {
                part: part.to_owned(),
                end: self.pos as u64 + n as u64,
                len: self.buf.len() as u64,
            }),
        }
    }

    pub(crate) fn u8(&mut self, part: &str) -> Result<u8, ErrorKind> {
        Ok(self.take(1, part)?[0])
    }

    pub(crate) fn u16(&mut self, part: &str) -> Result<u16, ErrorKind> {
        Ok(u16::from_le_bytes(
            self.take(2, part)?.try_into().expect("2 bytes"),
        ))
    }

    pub(crate) fn u32(&mut self, part: &str) -> Result<u32, ErrorKind> {
        Ok(u32::from_le_bytes(
            self.take(4, part)?.try_into().expect("4 bytes"),
        ))
    }

    pub(crate) fn i32(&mut self, part: &str) -> Result<i32, ErrorKind> {
        Ok(i32::from_le_bytes(
            self.take(4, part)?.try_into().expect("4 bytes"),
        ))
    }

    pub(crate) fn u64(&mut self, part: &str) -> Result<u64, ErrorKind> {
        Ok(u64::from_le_bytes(
            self.take(8, part)?.try_into().expect("8 bytes"),
        ))
    }

    pub(crate) fn f32(&mut self, part: &str) -> Result<f32, ErrorKind> {
        Ok(f32::from_le_bytes(
            self.take(4, part)?.try_into().expect("4 bytes"),
        ))
    }

    /// A count field that must be non-negative and at most `max`.
    pub(crate) fn count(&mut self, part: &str, max: usize) -> Result<usize, ErrorKind> {
        let v = self.i32(part)?;
        if v < 0 || v as usize > max {
            return Err(ErrorKind::Corrupt(format!("{part} is {v}")));
        }
        Ok(v as usize)
    }

    pub(crate) fn u32s(&mut self, n: usize, part: &str) -> Result<Vec<u32>, ErrorKind> {
        let bytes = self.take(n.saturating_mul(4), part)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4")))
            .collect())
    }

    pub(crate) fn f32s(&mut self, n: usize, part: &str) -> Result<Vec<f32>, ErrorKind> {
        let bytes = self.take(n.saturating_mul(4), part)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4")))
            .collect())
    }
}

/// Little-endian writing into a `Vec<u8>` (the static table's writer).
pub(crate) trait Put {
    fn put_u8(&mut self, v: u8);
    fn put_u32(&mut self, v: u32);
    fn put_f32(&mut self, v: f32);
    fn put_u32s(&mut self, v: &[u32]);
    fn put_f32s(&mut self, v: &[f32]);
}

impl Put for Vec<u8> {
    fn put_u8(&mut self, v: u8) {
        self.push(v);
    }
    fn put_u32(&mut self, v: u32) {
        self.extend_from_slice(&v.to_le_bytes());
    }
    fn put_f32(&mut self, v: f32) {
        self.extend_from_slice(&v.to_le_bytes());
    }
    fn put_u32s(&mut self, v: &[u32]) {
        v.iter().for_each(|&x| self.put_u32(x));
    }
    fn put_f32s(&mut self, v: &[f32]) {
        v.iter().for_each(|&x| self.put_f32(x));
    }
}
