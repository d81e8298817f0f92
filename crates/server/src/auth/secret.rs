//! The secrets the server makes and how it keeps them: bearer tokens and ids
//! from the operating system's random source, six-digit sign-in codes, and
//! the hashes that are all the database ever holds of them.
//!
//! A bearer token carries 256 random bits, so a plain SHA-256 of it is safe
//! to store. A sign-in code has only a million values, so its hash is keyed
//! with the server's pepper (HMAC-SHA-256): a copy of the database alone
//! does not reveal a code.

use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

use crate::settings::{Secret, MIN_SECRET_LEN};

/// An HMAC-SHA-256 computation.
pub type HmacSha256 = Hmac<Sha256>;

/// The number of random bytes in a bearer token.
const TOKEN_BYTES: usize = 32;
/// The number of random bytes in an id.
const ID_BYTES: usize = 16;

/// A new bearer token: 256 random bits, base64url without padding.
pub fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores of a token: its SHA-256, in hex.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A new id such as `cus_5f0c...`: the prefix and 128 random bits in hex.
pub fn new_id(prefix: &str) -> String {
    let mut bytes = [0u8; ID_BYTES];
    OsRng.fill_bytes(&mut bytes);
    format!("{prefix}_{}", hex(&bytes))
}

/// A new sign-in code: six decimal digits, each value equally likely.
pub fn new_code() -> String {
    format!("{:06}", OsRng.gen_range(0..1_000_000u32))
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
    text
}

/// The server's secret key for hashing sign-in codes and sealing stored
/// responses. Every server behind one database must have the same one.
#[derive(Clone)]
pub struct Pepper(Vec<u8>);

impl Pepper {
    /// A pepper from configured text.
    pub fn from_secret(secret: &Secret) -> Pepper {
        Pepper(secret.expose().as_bytes().to_vec())
    }

    /// A random pepper, good for as long as the process lives.
    pub fn random() -> Pepper {
        let mut bytes = vec![0u8; TOKEN_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Pepper(bytes)
    }

    /// The pepper kept in the file at `path`, created (readable by its owner
    /// only) with a random one if it does not exist yet.
    pub fn load_or_create(path: &Path) -> io::Result<Pepper> {
        match std::fs::read_to_string(path) {
            Ok(text) => return Pepper::decode(&text, path),
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            Err(_) => {}
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(path) {
            Ok(mut file) => {
                let pepper = Pepper::random();
                writeln!(file, "{}", URL_SAFE_NO_PAD.encode(&pepper.0))?;
                file.sync_all()?;
                Ok(pepper)
            }
            // Another process created it first; use theirs.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                Pepper::decode(&std::fs::read_to_string(path)?, path)
            }
            Err(error) => Err(error),
        }
    }

    fn decode(text: &str, path: &Path) -> io::Result<Pepper> {
        match URL_SAFE_NO_PAD.decode(text.trim()) {
            Ok(bytes) if bytes.len() >= MIN_SECRET_LEN => Ok(Pepper(bytes)),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} does not hold a pepper; delete it to make a new one \
                     (codes already sent stop working)",
                    path.display()
                ),
            )),
        }
    }

    /// A MAC keyed with the pepper, for `purpose`; different purposes never
    /// share a key.
    pub fn mac(&self, purpose: &str) -> HmacSha256 {
        let mut derive = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        derive.update(purpose.as_bytes());
        let key = derive.finalize().into_bytes();
        HmacSha256::new_from_slice(&key).expect("HMAC takes any key length")
    }

    /// What the database stores of the sign-in code `code` sent to `email`.
    pub fn code_hash(&self, email: &str, code: &str) -> String {
        let mut mac = self.mac("sign-in code");
        mac.update(email.as_bytes());
        mac.update(b"\0");
        mac.update(code.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

impl fmt::Debug for Pepper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pepper(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(token_hash(&a).len(), 64);
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn codes_are_six_digits_and_ids_carry_their_prefix() {
        for _ in 0..200 {
            let code = new_code();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|c| c.is_ascii_digit()));
        }
        let id = new_id("cus");
        assert!(id.starts_with("cus_") && id.len() == 36, "{id}");
    }

    #[test]
    fn code_hashes_depend_on_the_pepper_the_address_and_the_code() {
        let pepper = Pepper::random();
        let hash = pepper.code_hash("a@example.com", "123456");
        assert_eq!(hash, pepper.code_hash("a@example.com", "123456"));
        assert_ne!(hash, pepper.code_hash("b@example.com", "123456"));
        assert_ne!(hash, pepper.code_hash("a@example.com", "123457"));
        assert_ne!(hash, Pepper::random().code_hash("a@example.com", "123456"));
        assert!(!format!("{pepper:?}").contains(&hash[..8]));
    }

    #[test]
    fn a_pepper_file_is_made_once_and_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pepper");
        let first = Pepper::load_or_create(&path).unwrap();
        let again = Pepper::load_or_create(&path).unwrap();
        assert_eq!(first.code_hash("a", "1"), again.code_hash("a", "1"));
        std::fs::write(&path, "short").unwrap();
        assert!(Pepper::load_or_create(&path).is_err());
    }
}
