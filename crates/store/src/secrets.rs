//! Passwords and bearer secrets: Argon2id hashes for passwords, SHA-256 for high-entropy random
//! tokens (sessions, API tokens), which need no slow hash because they cannot be guessed.

use crate::StoreError;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// A new random secret: 32 bytes from the OS, URL-safe base64, behind `prefix` (which lets
/// secret scanners recognise a leaked token).
pub fn random_token(prefix: &str) -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| StoreError::Internal(format!("no randomness: {e}")))?;
    Ok(format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}

/// What is stored for a token: its SHA-256, hex.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Argon2id with the crate's defaults (OWASP's minimum: 19 MiB, 2 passes), off the async
/// threads because it is deliberately slow.
pub async fn hash_password(password: &str) -> Result<String, StoreError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| StoreError::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| StoreError::Internal(format!("password hashing task failed: {e}")))?
}

/// Checks `password` against a stored hash. With no stored hash (unknown account) it still
/// verifies against a dummy, so response time does not reveal which e-mails have accounts.
pub async fn verify_password(password: &str, stored: Option<String>) -> bool {
    let password = password.to_owned();
    let known = stored.is_some();
    let result = tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
        match PasswordHash::new(&stored) {
            Ok(parsed) => Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        }
    })
    .await
    .unwrap_or(false);
    known && result
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"not a real password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_round_trip_as_argon2id() {
        let hash = hash_password("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", Some(hash.clone())).await);
        assert!(!verify_password("wrong horse battery", Some(hash)).await);
        assert!(!verify_password("anything", None).await);
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = random_token("csp_").unwrap();
        let b = random_token("csp_").unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("csp_") && a.len() == 4 + 43);
        assert_eq!(hash_token(&a).len(), 64);
        assert_eq!(hash_token(&a), hash_token(&a));
    }
}
