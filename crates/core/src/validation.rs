//! Field-level validation errors, carried as translation keys so every layer can render them
//! in the reader's language.

use std::fmt;

/// One problem with one input field. `key` is a Fluent message id (e.g. `error-slug-format`);
/// `arg` fills its `$n` variable where the message needs a number (a maximum length, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
    pub arg: Option<i64>,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field,
            key,
            arg: None,
        }
    }

    pub fn with_arg(field: &'static str, key: &'static str, arg: i64) -> Self {
        Self {
            field,
            key,
            arg: Some(arg),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.key)
    }
}

/// Input that failed validation, with every problem found (not just the first), so a form can
/// show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct Invalid(pub Vec<FieldError>);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.key))
            .collect();
        write!(f, "invalid input ({})", fields.join(", "))
    }
}

impl Invalid {
    pub fn one(field: &'static str, key: &'static str) -> Self {
        Self(vec![FieldError::new(field, key)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Records the error of a parse, keeping its value when it succeeded.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    /// `Ok(())` when nothing was recorded.
    pub fn into_result(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// The first error recorded for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }
}

/// Trims `input` and checks its length in characters (not bytes, so Polish and Arabic text
/// gets the same allowance as English).
pub fn bounded_text(
    field: &'static str,
    input: &str,
    min: usize,
    max: usize,
) -> Result<String, FieldError> {
    let trimmed = input.trim();
    let length = trimmed.chars().count();
    if length < min {
        if min <= 1 {
            return Err(FieldError::new(field, "error-required"));
        }
        return Err(FieldError::with_arg(field, "error-too-short", min as i64));
    }
    if length > max {
        return Err(FieldError::with_arg(field, "error-too-long", max as i64));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_text_trims_and_counts_characters() {
        assert_eq!(bounded_text("t", "  Azory ", 1, 5), Ok("Azory".into()));
        assert_eq!(bounded_text("t", "żółć", 1, 4), Ok("żółć".into()));
        assert_eq!(
            bounded_text("t", "   ", 1, 4),
            Err(FieldError::new("t", "error-required"))
        );
        assert_eq!(
            bounded_text("t", "abcdef", 1, 4),
            Err(FieldError::with_arg("t", "error-too-long", 4))
        );
        assert_eq!(
            bounded_text("t", "ab", 3, 4),
            Err(FieldError::with_arg("t", "error-too-short", 3))
        );
    }

    #[test]
    fn invalid_collects_every_error() {
        let mut invalid = Invalid::default();
        assert_eq!(invalid.take(Ok::<_, FieldError>(1)), Some(1));
        assert_eq!(
            invalid.take::<i32>(Err(FieldError::new("a", "error-required"))),
            None
        );
        invalid.push(FieldError::new("b", "error-required"));
        assert_eq!(invalid.0.len(), 2);
        assert!(invalid.for_field("b").is_some());
        assert!(invalid.into_result().is_err());
    }
}
