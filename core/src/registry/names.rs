//! Looking people up by name the way desk operators type them.
//!
//! The same person is written many ways across KTP, KK, the registry and a pillar's notes:
//! Muhammad/Muhamad/Mohammad/Moh./M., Siti/Sity/Sitti, Ahmad/Achmad/Akhmad, the pre-1972
//! Van Ophuijsen/Soewandi spellings that older people's documents still carry (oe → u,
//! dj → j, tj → c, j → y, ch → kh; EYD, Keputusan Mendikbud 1972), words run together
//! (Nurhasanah / Nur Hasanah), and titles or honorifics added or left out (H., Hj., Bpk.,
//! Ibu, Dr., S.Pd., A.Md., …).
//!
//! [`NameKey::new`] reduces a name to a phonetic key per word ([`NameKey::tokens`]) and one
//! for the whole name with spaces removed ([`NameKey::joined`]); the store keeps both in
//! indexed tables to fetch candidates, and [`similarity`] ranks them.
//!
//! **Keys are persisted.** Changing anything that alters the output of [`NameKey::new`]
//! requires bumping [`NAME_KEY_VERSION`] and a store migration that recomputes every stored
//! key, or lookups silently miss people imported before the change.

/// The version of the key function. The store records it next to the keys it computed and
/// recomputes them when it differs.
pub const NAME_KEY_VERSION: u32 = 1;

/// Scores at or above this mean "probably the same name, spelled another way"; every
/// spelling variant in this module's tests scores above it and unrelated names below it.
pub const SAME_NAME_THRESHOLD: f64 = 0.80;

/// A name reduced for matching. Built only by [`NameKey::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    /// Phonetic key of each word, in order, titles and honorifics removed.
    pub tokens: Vec<String>,
    /// The tokens concatenated, with the Arabic article assimilated (Abdul Rahman =
    /// Abdurrahman) and doubled letters collapsed: what a name typed without spaces gives.
    pub joined: String,
    /// Lower-case letters of the words as spelled (titles removed), to prefer the exact
    /// spelling among names with equal keys. Not persisted.
    spelled: String,
}

impl NameKey {
    pub fn new(name: &str) -> NameKey {
        let mut key = NameKey {
            tokens: Vec::with_capacity(4),
            joined: String::new(),
            spelled: String::with_capacity(name.len()),
        };
        let mut letters = String::with_capacity(24);
        for raw in name.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '(' | ')')) {
            let inner_dot = raw.trim_end_matches('.').contains('.');
            lower_letters(raw, &mut letters);
            if letters.is_empty() || is_title(&letters, inner_dot) {
                continue;
            }
            if inner_dot || raw.contains('-') {
                // "Hj.Siti", "M.Rizki", "Abdul-Rahman": the dot or dash separates words.
                for part in raw.split(['.', '-']) {
                    lower_letters(part, &mut letters);
                    if !letters.is_empty() && !is_title(&letters, false) {
                        key.push_word(&letters);
                    }
                }
            } else {
                key.push_word(&letters);
            }
        }
        key.joined = joined_key(&key.tokens);
        key
    }

    fn push_word(&mut self, letters: &str) {
        if !self.spelled.is_empty() {
            self.spelled.push(' ');
        }
        self.spelled.push_str(letters);
        let mut token = String::with_capacity(letters.len());
        phonetic(letters.as_bytes(), &mut token);
        if let Some(canonical) = canonical_word(&token) {
            token.clear();
            token.push_str(canonical);
        }
        self.tokens.push(token);
    }

    /// True when nothing but titles or punctuation was given.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// How likely `candidate` is the person `query` names, 0..1 (1: same key and spelling).
///
/// Combines the whole-name keys (Jaro-Winkler and bigram Dice: robust to merged words and
/// typos) with word-by-word overlap (robust to word order and to a query that gives only
/// some of the words), plus a small bonus for the exact spelling so that, among people whose
/// keys are equal, the one written as typed ranks first.
pub fn similarity(query: &NameKey, candidate: &NameKey) -> f64 {
    if query.is_empty() || candidate.is_empty() {
        return 0.0;
    }
    let joined = if query.joined == candidate.joined {
        1.0
    } else {
        0.5 * (strsim::jaro_winkler(&query.joined, &candidate.joined)
            + strsim::sorensen_dice(&query.joined, &candidate.joined))
    };
    let words = word_overlap(&query.tokens, &candidate.tokens);
    let (hi, lo) = if joined >= words {
        (joined, words)
    } else {
        (words, joined)
    };
    // Equal joined keys: the same words, only spaced differently (Nur Hasanah).
    let key = if joined == 1.0 {
        1.0
    } else {
        0.75 * hi + 0.25 * lo
    };
    let spelled = strsim::jaro_winkler(&query.spelled, &candidate.spelled);
    0.96 * key + 0.04 * spelled
}

/// Weighted share of words on both sides that find a close word on the other side.
fn word_overlap(a: &[String], b: &[String]) -> f64 {
    let side = |from: &[String], to: &[String]| -> (f64, f64) {
        from.iter().fold((0.0, 0.0), |(got, total), w| {
            let best = to.iter().map(|o| word_similarity(w, o)).fold(0.0, f64::max);
            (got + weight(w) * best, total + weight(w))
        })
    };
    let (got_a, total_a) = side(a, b);
    let (got_b, total_b) = side(b, a);
    (got_a + got_b) / (total_a + total_b)
}

fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    // An initial stands for any word it begins: "Siti A." for Siti Aminah.
    if (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b)) {
        return 0.8;
    }
    let jw = strsim::jaro_winkler(a, b);
    if jw >= 0.9 {
        jw
    } else {
        0.0
    }
}

/// Words carried by a large share of the population say little about who is meant.
fn weight(token: &str) -> f64 {
    match token {
        "muhamad" | "siti" | "abdul" | "nur" | "ahmad" | "sri" | "dewi" | "nurul" => 0.5,
        _ => 1.0,
    }
}

/// Lower-case ASCII letters of `raw` into `out`; accented Latin letters lose their accent,
/// everything else (apostrophes as in Ma'ruf, dots, digits) is dropped.
fn lower_letters(raw: &str, out: &mut String) {
    out.clear();
    for c in raw.chars() {
        if c.is_ascii_alphabetic() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() {
            let folded = match c {
                'à'..='å' | 'À'..='Å' => 'a',
                'è'..='ë' | 'È'..='Ë' => 'e',
                'ì'..='ï' | 'Ì'..='Ï' => 'i',
                'ò'..='ö' | 'Ò'..='Ö' => 'o',
                'ù'..='ü' | 'Ù'..='Ü' => 'u',
                'ç' | 'Ç' => 'c',
                'ñ' | 'Ñ' => 'n',
                _ => continue,
            };
            out.push(folded);
        }
    }
}

/// Titles, honorifics and academic degrees (Permendikbud 154/2014 abbreviations), and the
/// patronymic connectors bin/binti/br. (boru), none of which identify a person.
/// `inner_dot` tells a degree written "S.T." from "St.", the usual short form of Siti.
fn is_title(w: &str, inner_dot: bool) -> bool {
    let always = matches!(
        w,
        "h" | "hj"
            | "hjh"
            | "haji"
            | "hajah"
            | "hajjah"
            | "bpk"
            | "bp"
            | "bapak"
            | "pak"
            | "ibu"
            | "bu"
            | "ny"
            | "nyonya"
            | "nn"
            | "nona"
            | "tn"
            | "tuan"
            | "sdr"
            | "sdri"
            | "saudara"
            | "saudari"
            | "alm"
            | "almh"
            | "almarhum"
            | "almarhumah"
            | "kh"
            | "ust"
            | "ustad"
            | "ustadz"
            | "ustadzah"
            | "ustazah"
            | "prof"
            | "dr"
            | "drs"
            | "dra"
            | "drg"
            | "ir"
            | "bin"
            | "binti"
            | "br"
            | "boru"
            | "spd"
            | "spdi"
            | "sag"
            | "sh"
            | "shi"
            | "se"
            | "sei"
            | "ssos"
            | "sip"
            | "skom"
            | "skep"
            | "sked"
            | "ssi"
            | "sp"
            | "spt"
            | "spsi"
            | "sfarm"
            | "sst"
            | "sikom"
            | "sth"
            | "sthi"
            | "skm"
            | "sgz"
            | "amd"
            | "amdkeb"
            | "amdkep"
            | "amdkes"
            | "amk"
            | "amkeb"
            | "amkep"
            | "ama"
            | "amapd"
            | "mpd"
            | "mpdi"
            | "msi"
            | "mm"
            | "mh"
            | "mkes"
            | "mag"
            | "mt"
            | "mkom"
            | "mkn"
            | "msc"
            | "phd"
            | "mba"
            | "hc"
    );
    always || (inner_dot && w == "st")
}

/// One word's phonetic key: old spellings to EYD, sounds Indonesians do not tell apart in
/// writing merged (j/y, z/s, q/k, v/f, ph/f, kh/ch/h, sy/s, dh/d, th/t), doubled letters
/// collapsed, a final -y read as -i and a final -h after a vowel dropped (Fatimah/Fatima).
fn phonetic(w: &[u8], out: &mut String) {
    let vowel = |b: Option<&u8>| matches!(b, Some(b'a' | b'e' | b'i' | b'o' | b'u'));
    let emit = |bytes: &[u8], out: &mut String| {
        for &b in bytes {
            if out.as_bytes().last() != Some(&b) {
                out.push(b as char);
            }
        }
    };
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let next = w.get(i + 1).copied();
        let (bytes, step): (&[u8], usize) = match (c, next) {
            (b'o', Some(b'e')) => (b"u", 2),
            (b'd', Some(b'j')) => (b"y", 2),
            (b't', Some(b'j')) => (b"c", 2),
            (b'c', Some(b'h')) if w.get(i + 2) == Some(&b'r') => (b"k", 2),
            (b'c' | b'k', Some(b'h')) => (b"h", 2),
            (b'd', Some(b'h')) => (b"d", 2),
            (b't', Some(b'h')) => (b"t", 2),
            (b'p', Some(b'h')) => (b"f", 2),
            (b's', Some(b'h')) => (b"s", 2),
            (b's', Some(b'y' | b'j')) if vowel(w.get(i + 2)) => (b"s", 2),
            (b'd', Some(b'z')) => (b"s", 2),
            (b'a', Some(b'e')) => (b"ai", 2),
            (b'c', Some(b'k')) => (b"k", 2),
            (b'j', _) => (b"y", 1),
            (b'z', _) => (b"s", 1),
            (b'q', _) => (b"k", 1),
            (b'v', _) => (b"f", 1),
            (b'x', _) => (b"ks", 1),
            _ => (std::slice::from_ref(&w[i]), 1),
        };
        emit(bytes, out);
        i += step;
    }
    if out.len() > 1 && out.ends_with('y') {
        out.pop();
        emit(b"i", out);
    } else if out.len() > 2 && out.ends_with("ie") {
        out.pop();
    }
    if out.len() > 2 && out.ends_with('h') && vowel(out.as_bytes().get(out.len() - 2)) {
        out.pop();
    }
}

/// Abbreviations and spellings of the most common name words that phonetics alone cannot
/// join (the keys here are already phonetic).
fn canonical_word(token: &str) -> Option<&'static str> {
    Some(match token {
        "muhamad" | "mohamad" | "muhamed" | "mohamed" | "muhamat" | "mohamat" | "moh" | "mohd"
        | "muh" | "mhd" | "m" | "mo" | "mu" => "muhamad",
        "siti" | "st" => "siti",
        "abd" | "abdul" => "abdul",
        _ => return None,
    })
}

/// The tokens run together. The Arabic article before a "sun letter" is written either way
/// (Abdul Rahman, Abdurrahman, Abdurahman), so `abdul` + t/d/r/s/n/l becomes `abdu` + it.
fn joined_key(tokens: &[String]) -> String {
    let mut joined = String::with_capacity(tokens.iter().map(String::len).sum());
    for token in tokens {
        for b in token.bytes() {
            if joined.as_bytes().last() != Some(&b) {
                joined.push(b as char);
            }
        }
    }
    let mut from = 0;
    while let Some(at) = joined[from..].find("abdul").map(|p| p + from) {
        let after = joined.as_bytes().get(at + 5).copied();
        if matches!(after, Some(b't' | b'd' | b'r' | b's' | b'n')) {
            joined.remove(at + 4);
        }
        from = at + 4;
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> NameKey {
        NameKey::new(name)
    }

    fn sim(a: &str, b: &str) -> f64 {
        similarity(&key(a), &key(b))
    }

    /// Each pair names the same person; the keys must be equal or score above the threshold.
    const SAME: &[(&str, &str)] = &[
        ("Muhammad Rizki", "Muhamad Rizki"),
        ("Muhammad Rizki", "Mohammad Rizki"),
        ("Muhammad Rizki", "Mohamad Rizki"),
        ("Muhammad Rizki", "Moh. Rizki"),
        ("Muhammad Rizki", "Moch. Rizki"),
        ("Muhammad Rizki", "Mochammad Rizki"),
        ("Muhammad Rizki", "M. Rizki"),
        ("Muhammad Rizki", "M.Rizki"),
        ("Siti Aminah", "Sity Aminah"),
        ("Siti Aminah", "Sitti Aminah"),
        ("Siti Aminah", "St. Aminah"),
        ("Ahmad Fauzi", "Achmad Fauzi"),
        ("Ahmad Fauzi", "Akhmad Fauzi"),
        ("Nurul Huda", "Nurrul Huda"),
        ("Sukarno", "Soekarno"),
        ("Joko Susilo", "Djoko Soesilo"),
        ("Cahyono", "Tjahjono"),
        ("Yusuf", "Jusuf"),
        ("Yahya", "Jahja"),
        ("Rohim", "Rochim"),
        ("Khadijah", "Chadijah"),
        ("Nurhasanah", "Nur Hasanah"),
        ("Abdurrahman", "Abdul Rahman"),
        ("Abdurrahman Wahid", "Abdurahman Wahid"),
        ("H. Ahmad Dahlan", "Ahmad Dahlan"),
        ("Hj. Siti Aminah", "Siti Aminah"),
        ("Hj.Siti Aminah", "Siti Aminah"),
        ("Bpk. Suparman", "Suparman"),
        ("Bapak Suparman", "Suparman"),
        ("Ibu Sumarni", "Sumarni"),
        ("Ir. Bambang Sutrisno", "Bambang Sutrisno"),
        ("Dr. Ani Rahmawati", "Ani Rahmawati"),
        ("Dewi Lestari, S.Pd.", "Dewi Lestari"),
        ("Rina Wati A.Md.", "Rina Wati"),
        ("Drs. H. Slamet Riyadi, M.Pd.", "Slamet Riyadi"),
        ("Rosmawati Br. Siregar", "Rosmawati Siregar"),
        ("Hendry Gunawan", "Hendri Gunawan"),
        ("Fatimah Azzahra", "Fatima Azahra"),
        ("Syaiful Anwar", "Saiful Anwar"),
        ("Zainal Arifin", "Zaenal Arifin"),
        ("Yohanes Pattiasina", "Johannes Pattiasina"),
        ("Stefanus Wowor", "Stephanus Wowor"),
        ("Taufiq Hidayat", "Taufik Hidayat"),
        ("Ramadhan", "Ramadan"),
        ("Ma'ruf Amin", "Maruf Amin"),
        ("SITI NURHALIZA", "siti nur haliza"),
        ("Muhammad Rizki Ramadhan", "Rizki Ramadhan"),
        ("Siti Aminah", "Aminah Siti"),
    ];

    /// Different people whose names share a common word or a few letters.
    const DIFFERENT: &[(&str, &str)] = &[
        ("Siti Aminah", "Siti Rahayu"),
        ("Muhammad Rizki", "Muhammad Fauzan"),
        ("Suparman", "Sumarni"),
        ("Dewi Lestari", "Dewi Sartika"),
        ("Ahmad Fauzi", "Budi Santoso"),
        ("Nur Hasanah", "Nur Aini"),
        ("Joko Widodo", "Eko Prasetyo"),
        ("Yohanes Pattiasina", "Yosef Tuhumury"),
        ("Sri Wahyuni", "Sri Mulyani"),
        ("Abdul Rahman", "Abdul Karim"),
    ];

    #[test]
    fn every_spelling_variant_scores_above_the_threshold() {
        for (a, b) in SAME {
            let s = sim(a, b);
            assert!(
                s >= SAME_NAME_THRESHOLD,
                "{a:?} vs {b:?}: {s:.3} ({:?} / {:?})",
                key(a),
                key(b)
            );
        }
    }

    #[test]
    fn unrelated_names_score_below_the_threshold() {
        for (a, b) in DIFFERENT {
            let s = sim(a, b);
            assert!(s < SAME_NAME_THRESHOLD, "{a:?} vs {b:?}: {s:.3}");
        }
    }

    #[test]
    fn spelling_variants_share_the_joined_key() {
        let groups: &[&[&str]] = &[
            &[
                "Muhammad",
                "Muhamad",
                "Mohammad",
                "Mohamad",
                "Moh.",
                "Moch.",
                "Mochammad",
                "M.",
            ],
            &["Siti", "Sity", "Sitti"],
            &["Ahmad", "Achmad", "Akhmad"],
            &["Nurul", "Nurrul"],
            &[
                "Nurhasanah",
                "Nur Hasanah",
                "Hj. Nurhasanah",
                "Nur Hasanah, S.Pd.",
            ],
            &["Soekarno", "Sukarno"],
            &["Djoko", "Joko"],
            &["Tjahjo", "Cahyo"],
            &["Jusuf", "Yusuf"],
            &["Rochman", "Rokhman", "Rohman"],
            &["Abdurrahman", "Abdul Rahman", "Abdurahman", "Abd. Rahman"],
        ];
        for group in groups {
            let first = key(group[0]);
            for name in &group[1..] {
                assert_eq!(key(name).joined, first.joined, "{name:?} vs {:?}", group[0]);
            }
        }
    }

    #[test]
    fn titles_are_dropped_before_and_after_the_name() {
        let plain = key("Ahmad Yani");
        for name in [
            "H. Ahmad Yani",
            "Bpk. H. Ahmad Yani",
            "Ahmad Yani, S.Pd.",
            "Ahmad Yani S.Pd.I",
            "Ir. H. Ahmad Yani, M.T.",
            "Prof. Dr. Ahmad Yani",
            "KH Ahmad Yani",
        ] {
            assert_eq!(key(name).tokens, plain.tokens, "{name:?}");
        }
        assert_eq!(plain.tokens, vec!["ahmad", "yani"]);
    }

    #[test]
    fn exact_spelling_ranks_above_an_equal_key() {
        let query = key("Muhamad Rizki");
        let exact = similarity(&query, &key("MUHAMAD RIZKI"));
        let variant = similarity(&query, &key("Mohammad Rizki"));
        assert!(exact > variant, "{exact} vs {variant}");
        assert!((exact - 1.0).abs() < 1e-9);
    }

    #[test]
    fn full_name_ranks_above_a_partial_one() {
        let query = key("Siti Aminah");
        let full = similarity(&query, &key("Siti Aminah"));
        let longer = similarity(&query, &key("Siti Aminah Lubis"));
        let other = similarity(&query, &key("Siti Rahayu"));
        assert!(full > longer && longer > other, "{full} {longer} {other}");
    }

    #[test]
    fn titles_or_punctuation_alone_give_an_empty_key() {
        for name in ["", "   ", "H.", "Bpk. Hj.", "-- .."] {
            let k = key(name);
            assert!(k.is_empty(), "{name:?}: {k:?}");
            assert_eq!(similarity(&k, &key("Siti")), 0.0);
        }
    }

    #[test]
    fn keys_are_short_lower_case_ascii() {
        let k = key("Hj. SITÍ Nur'aini Zulaikha");
        assert_eq!(k.tokens, ["siti", "nuraini", "sulaiha"]);
        assert!(k.joined.bytes().all(|b| b.is_ascii_lowercase()));
        assert_eq!(k.joined, "sitinurainisulaiha");
    }
}
