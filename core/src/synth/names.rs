//! Plausible Indonesian names, made by combining common given names and family names per
//! naming tradition. No list holds a real person's full name; a combination may coincide
//! with one by chance, as common names do.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::ident::Sex;

/// Naming traditions. Javanese, Sundanese and Malay families are mostly Muslim and mix
/// traditional with Arabic given names; Batak, Minahasa (Manado), Ambonese and many
/// Chinese-Indonesian families are Christian and carry a family name; Balinese names start
/// with a birth-order name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tradition {
    Javanese,
    Sundanese,
    Malay,
    Batak,
    Manado,
    Ambon,
    Balinese,
    Chinese,
}

impl Tradition {
    /// The mix of traditions in a province (by its 2-digit code), roughly after BPS's
    /// ethnicity tables of the 2010 census.
    pub(crate) fn mix(province: &str) -> &'static [(Tradition, u32)] {
        use Tradition::*;
        match province {
            "31" => &[
                (Javanese, 40),
                (Sundanese, 15),
                (Malay, 10),
                (Batak, 10),
                (Manado, 5),
                (Ambon, 5),
                (Chinese, 10),
                (Balinese, 5),
            ],
            "32" | "36" => &[
                (Sundanese, 70),
                (Javanese, 20),
                (Malay, 3),
                (Batak, 3),
                (Chinese, 2),
                (Manado, 2),
            ],
            "33" | "34" | "35" => &[
                (Javanese, 92),
                (Sundanese, 2),
                (Malay, 2),
                (Chinese, 2),
                (Batak, 1),
                (Manado, 1),
            ],
            "12" => &[(Batak, 55), (Malay, 25), (Javanese, 15), (Chinese, 5)],
            "11" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "21" => &[
                (Malay, 70),
                (Javanese, 20),
                (Batak, 5),
                (Sundanese, 3),
                (Chinese, 2),
            ],
            "51" => &[(Balinese, 85), (Javanese, 10), (Malay, 5)],
            "71" => &[(Manado, 80), (Malay, 10), (Javanese, 5), (Chinese, 5)],
            "81" | "82" => &[(Ambon, 75), (Malay, 15), (Javanese, 5), (Manado, 5)],
            _ => &[
                (Malay, 45),
                (Javanese, 30),
                (Manado, 10),
                (Ambon, 10),
                (Sundanese, 5),
            ],
        }
    }

    pub(crate) fn family_names(self) -> &'static [&'static str] {
        match self {
            Tradition::Batak => BATAK_MARGA,
            Tradition::Manado => MANADO_FAM,
            Tradition::Ambon => AMBON_FAM,
            Tradition::Chinese => CHINESE_FAM,
            _ => &[],
        }
    }

    fn muslim(self) -> bool {
        matches!(
            self,
            Tradition::Javanese | Tradition::Sundanese | Tradition::Malay
        )
    }
}

pub(crate) fn pick<'a, S: AsRef<str>>(rng: &mut ChaCha8Rng, list: &'a [S]) -> &'a str {
    list[rng.random_range(0..list.len())].as_ref()
}

pub(crate) fn weighted<T: Copy>(rng: &mut ChaCha8Rng, list: &[(T, u32)]) -> T {
    let total: u32 = list.iter().map(|(_, w)| w).sum();
    let mut x = rng.random_range(0..total);
    for (item, w) in list {
        if x < *w {
            return *item;
        }
        x -= w;
    }
    list[list.len() - 1].0
}

/// What a name is built from besides the tradition.
pub(crate) struct NameInput<'a> {
    pub sex: Sex,
    pub birth_year: i32,
    pub age: i32,
    /// Family name (marga, fam) the person carries, if the tradition has one.
    pub family_name: Option<&'a str>,
    /// 1 for a first-born; Balinese names say it.
    pub birth_order: u8,
}

/// A full name in capitals, as on a KTP.
pub(crate) fn full_name(rng: &mut ChaCha8Rng, t: Tradition, p: &NameInput<'_>) -> String {
    let mut name = match t {
        Tradition::Javanese | Tradition::Sundanese | Tradition::Malay => muslim_name(rng, t, p),
        Tradition::Balinese => balinese_name(rng, p),
        Tradition::Batak | Tradition::Manado | Tradition::Ambon | Tradition::Chinese => {
            christian_name(rng, t, p)
        }
    };
    if t.muslim() && p.age >= 45 && rng.random_bool(0.08) {
        let title = if p.sex == Sex::Male { "H. " } else { "HJ. " };
        name.insert_str(0, title);
    }
    if (25..=60).contains(&p.age) && rng.random_bool(0.02) {
        name.push_str(pick(
            rng,
            &[", S.PD.", " S.PD", ", S.E.", ", A.MD.", " S.KOM"],
        ));
    }
    name
}

fn muslim_name(rng: &mut ChaCha8Rng, t: Tradition, p: &NameInput<'_>) -> String {
    let male = p.sex == Sex::Male;
    let traditional: &[&str] = match (t, male) {
        (Tradition::Javanese, true) => JAVANESE_M,
        (Tradition::Javanese, false) => JAVANESE_F,
        (Tradition::Sundanese, true) => SUNDANESE_M,
        (Tradition::Sundanese, false) => SUNDANESE_F,
        (_, true) => MALAY_M,
        (_, false) => MALAY_F,
    };
    let (modern, islamic) = if male {
        (MODERN_M, ISLAMIC_M)
    } else {
        (MODERN_F, ISLAMIC_F)
    };
    let era = if p.birth_year < 1975 {
        0
    } else if p.birth_year < 1995 {
        1
    } else {
        2
    };
    let shape = weighted(
        rng,
        match era {
            0 => &[(0u8, 65), (1, 20), (2, 10), (3, 5)],
            1 => &[(0, 25), (1, 20), (2, 25), (3, 30)],
            _ => &[(0, 8), (1, 12), (2, 40), (3, 40)],
        },
    );
    let mut name = match shape {
        0 => pick(rng, traditional).to_string(),
        1 => islamic_given(rng, male, islamic),
        2 => format!("{} {}", pick(rng, modern), pick(rng, modern)),
        _ => format!(
            "{} {}",
            islamic_given(rng, male, islamic),
            pick(rng, modern)
        ),
    };
    if era == 2 && shape != 0 && rng.random_bool(0.35) {
        name.push(' ');
        name.push_str(pick(rng, modern));
    }
    if t == Tradition::Javanese && p.birth_year < 1965 && rng.random_bool(0.3) {
        name = old_spelling(&name);
    }
    dedupe_words(name)
}

/// The first word of an Arabic name, in the spellings that registries actually hold.
fn islamic_given(rng: &mut ChaCha8Rng, male: bool, list: &[&str]) -> String {
    if male {
        match rng.random_range(0..10) {
            0..=2 => format!("{} {}", muhammad(rng), pick(rng, list)),
            3 => format!("{} {}", ahmad(rng), pick(rng, list)),
            _ => pick(rng, list).to_string(),
        }
    } else {
        match rng.random_range(0..10) {
            0..=2 => format!("{} {}", siti(rng), pick(rng, list)),
            3 => {
                let rest = pick(rng, &["HASANAH", "HAYATI", "AINI", "HALIZA", "LAILA"]);
                let sep = if rng.random_bool(0.5) { "" } else { " " };
                format!("NUR{sep}{rest}")
            }
            _ => pick(rng, list).to_string(),
        }
    }
}

fn muhammad(rng: &mut ChaCha8Rng) -> &'static str {
    weighted(
        rng,
        &[
            ("MUHAMMAD", 45),
            ("MUHAMAD", 20),
            ("MOHAMMAD", 10),
            ("MOHAMAD", 5),
            ("MOCHAMMAD", 5),
            ("MOCH.", 4),
            ("MOH.", 6),
            ("M.", 5),
        ],
    )
}

fn ahmad(rng: &mut ChaCha8Rng) -> &'static str {
    weighted(rng, &[("AHMAD", 75), ("ACHMAD", 15), ("AKHMAD", 10)])
}

fn siti(rng: &mut ChaCha8Rng) -> &'static str {
    weighted(rng, &[("SITI", 86), ("SITTI", 7), ("SITY", 4), ("ST.", 3)])
}

/// Names registered before the 1972 spelling reform (EYD) kept their old spelling.
fn old_spelling(name: &str) -> String {
    name.replace('J', "DJ")
        .replace('Y', "J")
        .replace('C', "TJ")
        .replace('U', "OE")
}

/// Parents do not give a child the same word twice (random combinations might).
fn dedupe_words(name: String) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let repeated = words
        .iter()
        .enumerate()
        .any(|(i, w)| words[..i].contains(w));
    if !repeated {
        return name;
    }
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for w in words {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out.join(" ")
}

fn balinese_name(rng: &mut ChaCha8Rng, p: &NameInput<'_>) -> String {
    let order = match (p.birth_order - 1) % 4 {
        0 => pick(rng, &["WAYAN", "PUTU", "GEDE"]),
        1 => pick(rng, &["MADE", "KADEK", "NENGAH"]),
        2 => pick(rng, &["NYOMAN", "KOMANG"]),
        _ => "KETUT",
    };
    let (prefix, given) = match p.sex {
        Sex::Male => ("I", BALINESE_M),
        Sex::Female => ("NI", BALINESE_F),
    };
    format!("{prefix} {order} {}", pick(rng, given))
}

fn christian_name(rng: &mut ChaCha8Rng, t: Tradition, p: &NameInput<'_>) -> String {
    let male = p.sex == Sex::Male;
    let given: &[&str] = match (t, male) {
        (Tradition::Batak, true) => BATAK_M,
        (Tradition::Batak, false) => BATAK_F,
        (Tradition::Manado, true) => MANADO_M,
        (Tradition::Manado, false) => MANADO_F,
        (Tradition::Ambon, true) => AMBON_M,
        (Tradition::Ambon, false) => AMBON_F,
        (_, true) => CHINESE_M,
        (_, false) => CHINESE_F,
    };
    let mut name = pick(rng, given).to_string();
    if rng.random_bool(0.25) {
        let second = pick(rng, given);
        if second != name {
            name.push(' ');
            name.push_str(second);
        }
    }
    match p.family_name {
        Some(fam) if t == Tradition::Batak && !male && rng.random_bool(0.6) => {
            name.push_str(" BR. ");
            name.push_str(fam);
        }
        // Many Chinese-Indonesian families took an Indonesian surname; some use none.
        Some(fam) if t != Tradition::Chinese || rng.random_bool(0.7) => {
            name.push(' ');
            name.push_str(fam);
        }
        _ => {}
    }
    name
}

const JAVANESE_M: &[&str] = &[
    "SUPARMAN",
    "SUTRISNO",
    "SLAMET",
    "SUGIYONO",
    "WAGIMAN",
    "PAIMIN",
    "SUKIRNO",
    "SUWARNO",
    "PARJO",
    "TUKIJO",
    "SUMARNO",
    "WARSITO",
    "BAMBANG",
    "JOKO",
    "BUDI",
    "AGUS",
    "EKO",
    "HERU",
    "TEGUH",
    "WAHYU",
    "HADI",
    "SANTOSO",
    "WIDODO",
    "PURNOMO",
    "SARWONO",
    "KASMAN",
    "DARMAJI",
    "SUKARDI",
    "MULYONO",
    "SUPRIYADI",
    "SUNARTO",
    "RIYANTO",
    "SUYANTO",
    "HARYANTO",
    "WIYONO",
    "CIPTO",
    "JUMADI",
    "SURAJI",
];
const JAVANESE_F: &[&str] = &[
    "SUMARNI",
    "PAINEM",
    "TUKIYEM",
    "SARINAH",
    "SUPARMI",
    "SULASTRI",
    "WARTINI",
    "SUTINAH",
    "NGATINI",
    "SUKINAH",
    "MURNI",
    "SUWARNI",
    "SUHARTI",
    "WAGIYEM",
    "RUBIYAH",
    "TUMINI",
    "SUNARTI",
    "ENDANG",
    "YUNI",
    "SRI WAHYUNI",
    "SRI MULYANI",
    "KASIYEM",
    "PARMI",
    "LASTRI",
    "DARSIH",
    "SUMIYATI",
    "SUYATI",
    "JUMINAH",
    "CITRO",
];
const SUNDANESE_M: &[&str] = &[
    "ASEP", "UJANG", "DADANG", "CECEP", "DEDE", "ENTIS", "IWAN", "YAYAT", "ADE", "ENGKOS",
    "JAJANG", "WAWAN", "NANDANG", "DADAN", "ACENG", "ENDANG", "EMAN", "OMAN", "TATANG", "UCUP",
    "USEP", "SUTISNA", "SURYANA", "KUSNADI", "MULYANA",
];
const SUNDANESE_F: &[&str] = &[
    "EUIS", "NENENG", "IIS", "IMAS", "ENOK", "CUCU", "YENI", "ELIS", "AI", "LILIS", "TATI",
    "NINING", "ETI", "ENUNG", "ENTIN", "NENDEN", "POPON", "YAYAH", "CICIH", "ENENG", "NIA",
];
const MALAY_M: &[&str] = &[
    "SYAHRIAL",
    "ZULKARNAIN",
    "RUSLI",
    "HASAN BASRI",
    "AZHAR",
    "YUSRI",
    "EFFENDI",
    "DARMAWAN",
    "FADLI",
    "SYAFRI",
    "HERMAN",
    "IRWAN",
    "AMRI",
    "NASRUL",
    "YUSWARDI",
    "KHAIRUL",
    "RIDWAN",
    "FIRDAUS",
    "ZAINUDDIN",
    "BAKHTIAR",
    "SYAMSUDDIN",
    "ARIEF",
];
const MALAY_F: &[&str] = &[
    "ROSMAWATI",
    "YUSNITA",
    "NURLELA",
    "ZURAIDA",
    "ROSNAH",
    "ASMAH",
    "NURHAIDA",
    "YENNI",
    "ERNIWATI",
    "DESMAWATI",
    "RITA",
    "MARDIANA",
    "NURBAITI",
    "SYAFRIDA",
    "YUSMANIAR",
    "AFRIDA",
    "ELVIRA",
    "SURYANI",
    "HASNAH",
    "ROSDIANA",
];
const MODERN_M: &[&str] = &[
    "RIZKI",
    "RIZKY",
    "DIMAS",
    "FAJAR",
    "ADITYA",
    "BAYU",
    "ANDI",
    "DWI",
    "ARIF",
    "RIZAL",
    "HENDRA",
    "YOGA",
    "ILHAM",
    "FAUZAN",
    "HAFIZ",
    "RAFI",
    "FARHAN",
    "ALIF",
    "RAKA",
    "GALIH",
    "DANI",
    "REZA",
    "ADI",
    "PUTRA",
    "SAPUTRA",
    "PRATAMA",
    "NUGROHO",
    "SETIAWAN",
    "KURNIAWAN",
    "RAMADHAN",
    "HIDAYAT",
    "FIRMANSYAH",
    "PRASETYO",
    "WIBOWO",
    "HAKIM",
    "GUNAWAN",
    "PERMANA",
    "SAEPUDIN",
];
const MODERN_F: &[&str] = &[
    "PUTRI",
    "AYU",
    "DEWI",
    "LESTARI",
    "RAHAYU",
    "WULANDARI",
    "INDAH",
    "FITRI",
    "ANISA",
    "AULIA",
    "NABILA",
    "SALSABILA",
    "ZAHRA",
    "INTAN",
    "KARTIKA",
    "RATNA",
    "RINA",
    "YULIANA",
    "NOVITA",
    "PUSPITA",
    "SAFITRI",
    "PERMATA",
    "MAHARANI",
    "AMELIA",
    "NADIA",
    "DIAN",
    "EKA",
    "TRI",
    "RAHMAWATI",
    "HANDAYANI",
    "SUSANTI",
    "KURNIASIH",
    "WULAN",
];
const ISLAMIC_M: &[&str] = &[
    "ABDUL RAHMAN",
    "ABDURRAHMAN",
    "ABDUL KARIM",
    "YUSUF",
    "IBRAHIM",
    "ISMAIL",
    "HASAN",
    "HUSEIN",
    "UMAR",
    "ALI",
    "ZAINAL ARIFIN",
    "SYAIFUL",
    "SAIFUL",
    "TAUFIK",
    "TAUFIQ",
    "HIDAYATULLAH",
    "NUR HIDAYAT",
    "RAHMAT",
    "MAHMUD",
    "SYAMSUL",
    "ABDULLAH",
    "LUKMAN",
    "ROHMAN",
    "ROCHIM",
    "FAUZI",
    "ANWAR",
    "HAMZAH",
    "AMIN",
    "MA'RUF",
    "SHOLEH",
    "ZULKIFLI",
    "SOLIHIN",
];
const ISLAMIC_F: &[&str] = &[
    "FATIMAH",
    "AISYAH",
    "KHADIJAH",
    "AMINAH",
    "MARYAM",
    "ZAINAB",
    "HALIMAH",
    "ROHMAH",
    "NURHASANAH",
    "NUR HASANAH",
    "NURHAYATI",
    "NURUL HIDAYAH",
    "HASANAH",
    "ZULAIKHA",
    "SHOLIHAH",
    "UMI KALSUM",
    "LATIFAH",
    "JAMILAH",
    "MUNAWAROH",
    "MASITOH",
    "KHOIRUNNISA",
    "ROKAYAH",
];
const BATAK_M: &[&str] = &[
    "BONAR",
    "TOGAR",
    "PARLINDUNGAN",
    "HOTMAN",
    "MARIHOT",
    "SAHAT",
    "TIGOR",
    "POLTAK",
    "DANIEL",
    "JONATAN",
    "SAMUEL",
    "RUDOLF",
    "RONALD",
    "BENNY",
    "HASUDUNGAN",
    "MARTUA",
    "ROBERT",
    "FREDDY",
];
const BATAK_F: &[&str] = &[
    "ROSMAWATI",
    "TIURMA",
    "ROTUA",
    "LAMRIA",
    "SONDANG",
    "NURMAIDA",
    "ROSLINA",
    "DAMERIA",
    "HOTMAIDA",
    "RUTH",
    "DEBORA",
    "MARIA",
    "LENNY",
    "ROSINTAN",
];
const BATAK_MARGA: &[&str] = &[
    "SIMANJUNTAK",
    "SIREGAR",
    "NASUTION",
    "HUTAGALUNG",
    "SITOMPUL",
    "SITUMORANG",
    "SIHOMBING",
    "PARDEDE",
    "PANJAITAN",
    "MANURUNG",
    "LUBIS",
    "HARAHAP",
    "SIMATUPANG",
    "SINAGA",
    "SILALAHI",
    "PASARIBU",
    "TAMPUBOLON",
    "NAPITUPULU",
    "HUTAPEA",
    "SIANTURI",
    "PURBA",
    "SARAGIH",
    "TARIGAN",
    "GINTING",
    "SEMBIRING",
];
const MANADO_M: &[&str] = &[
    "STEVANUS",
    "STEFANUS",
    "JEFRI",
    "RONNY",
    "FRANSISKUS",
    "MAIKEL",
    "ALFRITS",
    "HENDRIK",
    "JOHANIS",
    "YOHANIS",
    "JEMMY",
    "DECKY",
    "FRANGKY",
    "NOVRI",
    "RIVO",
    "KEVIN",
    "GERALD",
];
const MANADO_F: &[&str] = &[
    "MEISKE",
    "MARLIEN",
    "DEYSI",
    "OLVIE",
    "VONNY",
    "GRACE",
    "JEANE",
    "STEVANI",
    "CHRISTIN",
    "NATALIA",
    "NOVITA",
    "LIDYA",
    "FEMMY",
    "INGGRID",
    "FRANSISKA",
];
const MANADO_FAM: &[&str] = &[
    "WOWOR",
    "RUMENGAN",
    "SONDAKH",
    "LUMENTA",
    "MANDAGI",
    "KALALO",
    "RONDONUWU",
    "SUPIT",
    "SUMAMPOUW",
    "PANGEMANAN",
    "TUMBELAKA",
    "LENGKONG",
    "RUMONDOR",
    "TUWAIDAN",
    "KARUNDENG",
    "WALANGITAN",
    "MAMAHIT",
    "RUNTUWENE",
    "LUMINTANG",
    "KAUNANG",
];
const AMBON_M: &[&str] = &[
    "YOHANIS",
    "AGUSTINUS",
    "MARKUS",
    "YAKOBUS",
    "PETRUS",
    "SIMON",
    "DOMINGGUS",
    "HENDRIK",
    "ZETH",
    "ABRAHAM",
    "NIKOLAS",
    "MARTHEN",
];
const AMBON_F: &[&str] = &[
    "YOHANA",
    "MARIA",
    "ELISABETH",
    "MARTHA",
    "SARLOTA",
    "AGUSTINA",
    "MAGDALENA",
    "ESTER",
    "DEBORA",
    "HELENA",
    "YULIANA",
    "PAULINA",
];
const AMBON_FAM: &[&str] = &[
    "PATTIASINA",
    "LATUCONSINA",
    "TUHUMURY",
    "PATTIPEILOHY",
    "SAHETAPY",
    "MATULESSY",
    "PELUPESSY",
    "LEATEMIA",
    "NANLOHY",
    "SIAHAYA",
    "LATUMAHINA",
    "TAHITU",
    "TUPAMAHU",
    "WATTIMENA",
    "REHATTA",
    "SOUISA",
    "LEKATOMPESSY",
];
const BALINESE_M: &[&str] = &[
    "SUDARSANA",
    "ARTAWAN",
    "SUPARTA",
    "MERTAYASA",
    "WIRAWAN",
    "ADNYANA",
    "SUKADANA",
    "BUDIARTA",
    "SUARDANA",
    "ARSANA",
];
const BALINESE_F: &[&str] = &[
    "SRIANI",
    "SUARTINI",
    "ARIANI",
    "SUKERTI",
    "WARTINI",
    "ASTUTI",
    "KUSUMAWATI",
    "MARIANI",
    "SUARMINI",
    "WIDIASTUTI",
];
const CHINESE_M: &[&str] = &[
    "HENDRA", "BUDI", "YOHANES", "STEVEN", "KEVIN", "ANDREAS", "HENDRIK", "MICHAEL", "WILSON",
    "FELIX", "SUGIANTO", "HANDOKO", "HARTONO",
];
const CHINESE_F: &[&str] = &[
    "LILY",
    "SUSANTI",
    "YULIANA",
    "MELIANA",
    "NATALIA",
    "JESSICA",
    "ANGELA",
    "LINDA",
    "VIVIAN",
    "FRANSISKA",
    "MELINDA",
];
const CHINESE_FAM: &[&str] = &[
    "WIJAYA",
    "HALIM",
    "GUNAWAN",
    "SALIM",
    "KURNIAWAN",
    "SANTOSO",
    "TANOTO",
    "HARTANTO",
    "LIM",
    "TAN",
    "SETIAWAN",
    "SUTANTO",
];
