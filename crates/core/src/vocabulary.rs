//! Closed vocabularies (sectors, kinds, statuses…): stored and exchanged as snake_case text,
//! parsed with a field error, and named through a translation key, all declared in one line
//! each by the [`vocabulary!`] macro.

/// Declares a closed vocabulary stored and exchanged as snake_case text, with `ALL`, `as_str`,
/// `parse` (an error on `field`) and the translation key `<prefix>-<value>`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $field:literal, $prefix:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(input: &str) -> Result<$name, $crate::validation::FieldError> {
                let input = input.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == input)
                    .ok_or($crate::validation::FieldError::new($field, "error-choice"))
            }

            /// The translation key of this value's name.
            pub fn label_key(self) -> String {
                format!("{}-{}", $prefix, self.as_str().replace('_', "-"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Decoding a stored value: the schema and the writers allow only the vocabulary, so
        /// anything else is a broken row, reported as an error rather than guessed.
        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| format!("unknown {} '{text}'", $field))
            }
        }
    };
}
