//! Account values: e-mail addresses, display names and the password policy.

use crate::validation::{bounded_text, FieldError};

/// A normalised e-mail address (trimmed, lower-cased), the sign-in name of an account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(field: &'static str, input: &str) -> Result<Email, FieldError> {
        let value = input.trim().to_lowercase();
        if value.is_empty() {
            return Err(FieldError::new(field, "error-required"));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(FieldError::with_arg(
                field,
                "error-too-long",
                Self::MAX_LEN as i64,
            ));
        }
        let Some((local, domain)) = value.rsplit_once('@') else {
            return Err(FieldError::new(field, "error-email-format"));
        };
        let domain_ok = !domain.is_empty()
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty()
            || !domain_ok
            || value.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(FieldError::new(field, "error-email-format"));
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a person is shown to others.
pub fn display_name(field: &'static str, input: &str) -> Result<String, FieldError> {
    bounded_text(field, input, 1, 80)
}

/// A password that meets the policy: long enough to resist guessing (NIST SP 800-63B asks for at
/// least 8; we ask 10), short enough that hashing it cannot be used to exhaust the server.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_LEN: usize = 10;
    pub const MAX_LEN: usize = 256;

    pub fn parse(field: &'static str, input: &str) -> Result<NewPassword, FieldError> {
        let length = input.chars().count();
        if length < Self::MIN_LEN {
            return Err(FieldError::with_arg(
                field,
                "error-too-short",
                Self::MIN_LEN as i64,
            ));
        }
        if length > Self::MAX_LEN {
            return Err(FieldError::with_arg(
                field,
                "error-too-long",
                Self::MAX_LEN as i64,
            ));
        }
        Ok(NewPassword(input.to_owned()))
    }

    /// As [`NewPassword::parse`], and refuses a password that is easy to guess, as NIST SP
    /// 800-63B asks: common and breached passwords, dictionary words, repeated or sequential
    /// characters, keyboard patterns, and words of the context — the person's e-mail address
    /// and name, and the platform's own name — measured by the zxcvbn estimator with its
    /// embedded frequency lists.
    pub fn parse_for(
        field: &'static str,
        input: &str,
        context: &[&str],
    ) -> Result<NewPassword, FieldError> {
        let password = Self::parse(field, input)?;
        if Self::too_guessable(input, context) {
            return Err(FieldError::new(field, "error-password-guessable"));
        }
        Ok(password)
    }

    fn too_guessable(input: &str, context: &[&str]) -> bool {
        // The estimate's cost grows with length; a longer password's first characters decide.
        let probe: String = input.chars().take(64).collect();
        let mut words: Vec<&str> = vec!["cospace"];
        for item in context {
            words.push(item);
            // An e-mail address's parts are guessed separately too.
            words.extend(
                item.split(['@', '.', '-', '_', '+'])
                    .filter(|w| w.len() >= 3),
            );
        }
        let estimate = zxcvbn::zxcvbn(&probe, &words);
        (estimate.score() as u8) < Self::MIN_SCORE
    }

    /// zxcvbn's score (0–4) a password must reach: 3 resists about 10^10 guesses.
    const MIN_SCORE: u8 = 3;

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("email", " Ana@Example.ORG ").map(|e| e.0),
            Ok("ana@example.org".to_string())
        );
        for bad in [
            "",
            "ana",
            "@x.org",
            "ana@",
            "ana@.org",
            "an a@x.org",
            "a@x..org",
        ] {
            assert!(Email::parse("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn password_policy() {
        assert!(NewPassword::parse("p", "short").is_err());
        for guessable in [
            "aaaaaaaaaa",
            "password12",
            "qwertyuiop",
            "1234567890",
            "ana.kowalska@example.org",
            "kowalska2024",
            "cospace2026",
        ] {
            assert_eq!(
                NewPassword::parse_for(
                    "p",
                    guessable,
                    &["ana.kowalska@example.org", "Ana Kowalska"]
                )
                .err()
                .map(|e| e.key),
                Some("error-password-guessable"),
                "{guessable}"
            );
        }
        for fine in [
            "a long test password",
            "demo-admin-password",
            "Krakow azory 7 trams",
        ] {
            assert!(
                NewPassword::parse_for("p", fine, &["ana@example.org"]).is_ok(),
                "{fine}"
            );
        }
        assert!(NewPassword::parse("p", "long enough pass").is_ok());
        assert!(NewPassword::parse("p", &"x".repeat(257)).is_err());
        assert_eq!(
            format!("{:?}", NewPassword::parse("p", "secret secret").ok()),
            "Some(NewPassword(***))"
        );
    }
}
