//! Sealing: authenticated encryption (ChaCha20-Poly1305) of what the server
//! must keep but must not leave readable in the database, such as a stored
//! response that carries a bearer token. The key comes from the pepper and
//! from the request the response answers (see `http::idempotency`), so a
//! copy of the database alone opens nothing.

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::rngs::OsRng;

/// The bytes of a nonce, stored in front of the ciphertext.
const NONCE_LEN: usize = 12;

/// `plaintext` sealed under `key`: a random nonce, then the ciphertext and
/// its tag.
pub fn seal(key: &[u8; 32], plaintext: &[u8]) -> Vec<u8> {
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
    let ciphertext = cipher
        .encrypt(&nonce, plaintext)
        .expect("encryption only fails on absurd lengths");
    let mut sealed = nonce.to_vec();
    sealed.extend_from_slice(&ciphertext);
    sealed
}

/// The plaintext of `sealed`, or `None` when `key` is not the one it was
/// sealed under or the bytes were changed.
pub fn open(key: &[u8; 32], sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE_LEN {
        return None;
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
    ChaCha20Poly1305::new(Key::from_slice(key))
        .decrypt(Nonce::from_slice(nonce), ciphertext)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_open_only_with_their_key() {
        let key = [7u8; 32];
        let sealed = seal(&key, b"{\"token\":\"secret\"}");
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        assert_eq!(open(&key, &sealed).unwrap(), b"{\"token\":\"secret\"}");
        assert_eq!(open(&[8u8; 32], &sealed), None);
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert_eq!(open(&key, &tampered), None);
        assert_eq!(open(&key, b"short"), None);
        assert_ne!(seal(&key, b""), seal(&key, b""));
    }
}
