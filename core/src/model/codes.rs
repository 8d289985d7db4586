//! Coded answers: each variant has a stable wire code and labels in Indonesian and English,
//! so the CLI, the phone, the district and the eligibility rules all read and show the same
//! choices. One macro for every code list in the crate: the rules' fact catalogue checks a
//! pack's codes against the same `TABLE` the record is saved with.

/// A code with its labels: `(code, Bahasa Indonesia, English)`.
pub type CodeLabel = (&'static str, &'static str, &'static str);

/// Declares a closed list of coded answers.
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident = $code:literal, $id:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name {
            $( #[serde(rename = $code)] $var, )*
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),*];

            /// Every code with its labels, in questionnaire order.
            pub const TABLE: &'static [$crate::model::CodeLabel] = &[$(($code, $id, $en)),*];

            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),* }
            }

            pub fn label(self, lang: $crate::lang::Lang) -> &'static str {
                match self { $($name::$var => lang.pick($id, $en)),* }
            }

            /// Accepts the wire code, case-insensitively, with `-` or space for `_`.
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim().replace(['-', ' '], "_");
                Self::ALL.iter().copied().find(|v| v.code().eq_ignore_ascii_case(&s))
            }

            /// The codes, for help texts and error messages.
            pub fn codes() -> String {
                Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub(crate) use code_enum;
