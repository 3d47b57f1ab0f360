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
        assert!(NewPassword::parse("p", "long enough pass").is_ok());
        assert!(NewPassword::parse("p", &"x".repeat(257)).is_err());
        assert_eq!(
            format!("{:?}", NewPassword::parse("p", "secret secret").ok()),
            "Some(NewPassword(***))"
        );
    }
}
