//! The coded answers of the registry questionnaire, as the facts and packs spell them.
//!
//! The categories follow the DTKS/Regsosek household questionnaire (housing, sanitation, water,
//! energy, assets) and the KK relationship codes, so that a pillar's answer maps onto one code
//! without interpretation. Each code carries its Indonesian and English label for explanations.

use serde::{Deserialize, Serialize};

/// A code with its labels: `(code, Bahasa Indonesia, English)`.
pub type CodeLabel = (&'static str, &'static str, &'static str);

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident {
        $($variant:ident = $code:literal : $id:literal / $en:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every code with its labels, in questionnaire order.
            pub const TABLE: &'static [CodeLabel] = &[$(($code, $id, $en)),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

codes! {
    /// Main floor material (Regsosek: jenis lantai terluas).
    FloorMaterial {
        MarbleGranite = "marble_granite": "marmer/granit" / "marble/granite",
        Ceramic = "ceramic": "keramik" / "ceramic",
        ParquetVinyl = "parquet_vinyl": "parket/vinil/karpet" / "parquet/vinyl/carpet",
        TileTerrazzo = "tile_terrazzo": "ubin/tegel/teraso" / "tile/terrazzo",
        WoodBoard = "wood_board": "kayu/papan" / "wood/board",
        CementBrick = "cement_brick": "semen/bata merah" / "cement/red brick",
        Bamboo = "bamboo": "bambu" / "bamboo",
        Earth = "earth": "tanah" / "earth",
        Other = "other": "lainnya" / "other",
    }
}

codes! {
    /// Main wall material (Regsosek: jenis dinding terluas).
    WallMaterial {
        Masonry = "masonry": "tembok" / "masonry",
        PlasteredBamboo = "plastered_bamboo": "plesteran anyaman bambu/kawat" / "plastered woven bamboo/wire",
        WoodBoard = "wood_board": "kayu/papan/gipsum" / "wood/board/gypsum",
        WovenBamboo = "woven_bamboo": "anyaman bambu" / "woven bamboo",
        Log = "log": "batang kayu" / "logs",
        Bamboo = "bamboo": "bambu" / "bamboo",
        Other = "other": "lainnya" / "other",
    }
}

codes! {
    /// Main roof material (Regsosek: jenis atap terluas).
    RoofMaterial {
        Concrete = "concrete": "beton" / "concrete",
        CeramicTile = "ceramic_tile": "genteng keramik" / "ceramic tiles",
        MetalTile = "metal_tile": "genteng metal" / "metal tiles",
        ClayTile = "clay_tile": "genteng tanah liat" / "clay tiles",
        Asbestos = "asbestos": "asbes" / "asbestos",
        Zinc = "zinc": "seng" / "corrugated zinc",
        Shingle = "shingle": "sirap" / "wooden shingles",
        Bamboo = "bamboo": "bambu" / "bamboo",
        Thatch = "thatch": "jerami/ijuk/daun/rumbia" / "straw/palm fibre/leaves",
        Other = "other": "lainnya" / "other",
    }
}

codes! {
    /// Tenure of the dwelling (status kepemilikan bangunan).
    Tenure {
        Own = "own": "milik sendiri" / "owned",
        Rent = "rent": "kontrak/sewa" / "rented",
        RentFree = "rent_free": "bebas sewa" / "rent-free",
        Official = "official": "dinas" / "official housing",
        Other = "other": "lainnya" / "other",
    }
}

codes! {
    /// Toilet facility (fasilitas tempat buang air besar).
    Toilet {
        Own = "own": "milik sendiri" / "own",
        Shared = "shared": "bersama rumah tangga lain" / "shared with other households",
        Public = "public": "umum" / "public",
        None = "none": "tidak ada" / "none",
    }
}

codes! {
    /// Main source of drinking water (sumber air minum utama).
    DrinkingWater {
        Bottled = "bottled": "air kemasan/isi ulang" / "bottled/refill water",
        Piped = "piped": "leding" / "piped water",
        Borehole = "borehole": "sumur bor/pompa" / "borehole/pump",
        ProtectedWell = "protected_well": "sumur terlindung" / "protected well",
        UnprotectedWell = "unprotected_well": "sumur tak terlindung" / "unprotected well",
        ProtectedSpring = "protected_spring": "mata air terlindung" / "protected spring",
        UnprotectedSpring = "unprotected_spring": "mata air tak terlindung" / "unprotected spring",
        Surface = "surface": "air permukaan (sungai/danau)" / "surface water (river/lake)",
        Rain = "rain": "air hujan" / "rain water",
        Other = "other": "lainnya" / "other",
    }
}

codes! {
    /// Main source of lighting (sumber penerangan utama).
    Lighting {
        PlnMetered = "pln_metered": "listrik PLN dengan meteran" / "PLN electricity, metered",
        PlnUnmetered = "pln_unmetered": "listrik PLN tanpa meteran" / "PLN electricity, unmetered",
        NonPln = "non_pln": "listrik non-PLN" / "non-PLN electricity",
        None = "none": "bukan listrik" / "no electricity",
    }
}

codes! {
    /// Main cooking fuel (bahan bakar utama untuk memasak).
    CookingFuel {
        Electricity = "electricity": "listrik" / "electricity",
        LpgLarge = "lpg_large": "elpiji 5,5 kg atau lebih" / "LPG 5.5 kg or larger",
        Lpg3kg = "lpg_3kg": "elpiji 3 kg" / "LPG 3 kg",
        TownGas = "town_gas": "gas kota" / "town gas",
        Biogas = "biogas": "biogas" / "biogas",
        Kerosene = "kerosene": "minyak tanah" / "kerosene",
        Briquette = "briquette": "briket" / "briquettes",
        Charcoal = "charcoal": "arang" / "charcoal",
        Firewood = "firewood": "kayu bakar" / "firewood",
        None = "none": "tidak memasak di rumah" / "no cooking at home",
    }
}

codes! {
    /// Relationship to the head of the family, as on the KK (and `registry::RegistryRecord`).
    Relationship {
        Head = "head": "kepala keluarga" / "head of family",
        Spouse = "spouse": "istri/suami" / "spouse",
        Child = "child": "anak" / "child",
        ChildInLaw = "child_in_law": "menantu" / "child-in-law",
        Grandchild = "grandchild": "cucu" / "grandchild",
        Parent = "parent": "orang tua" / "parent",
        ParentInLaw = "parent_in_law": "mertua" / "parent-in-law",
        OtherFamily = "other_family": "famili lain" / "other relative",
        Helper = "helper": "pembantu" / "domestic helper",
        Other = "other": "lainnya" / "other",
    }
}

codes! {
    /// Severity of a disability, as the PKH and ATENSI guidelines grade it.
    DisabilitySeverity {
        Mild = "mild": "ringan" / "mild",
        Moderate = "moderate": "sedang" / "moderate",
        Severe = "severe": "berat" / "severe",
    }
}

codes! {
    /// The level a member is enrolled in now.
    SchoolLevel {
        Early = "early": "PAUD/TK" / "early childhood",
        Sd = "sd": "SD/MI/Paket A" / "primary (SD/MI/Paket A)",
        Smp = "smp": "SMP/MTs/Paket B" / "lower secondary (SMP/MTs/Paket B)",
        Sma = "sma": "SMA/SMK/MA/Paket C" / "upper secondary (SMA/SMK/MA/Paket C)",
        Higher = "higher": "perguruan tinggi" / "higher education",
    }
}

codes! {
    /// The highest level a member has completed (ijazah tertinggi).
    Education {
        None = "none": "tidak punya ijazah" / "no certificate",
        Sd = "sd": "SD/sederajat" / "primary",
        Smp = "smp": "SMP/sederajat" / "lower secondary",
        Sma = "sma": "SMA/sederajat" / "upper secondary",
        Diploma = "diploma": "diploma" / "diploma",
        University = "university": "S1 atau lebih" / "bachelor or higher",
    }
}

codes! {
    /// The field of a member's main work (lapangan usaha).
    Occupation {
        Agriculture = "agriculture": "pertanian/perkebunan/peternakan" / "farming/plantation/livestock",
        Fisheries = "fisheries": "perikanan" / "fisheries",
        Manufacturing = "manufacturing": "industri pengolahan" / "manufacturing",
        Construction = "construction": "konstruksi" / "construction",
        Trade = "trade": "perdagangan" / "trade",
        Transport = "transport": "transportasi" / "transport",
        Services = "services": "jasa" / "services",
        CivilServant = "civil_servant": "ASN/TNI/Polri" / "civil servant/military/police",
        Other = "other": "lainnya" / "other",
    }
}

/// Registry membership as a code (the desil is a separate number fact).
pub const REGISTRY_STATUS: &[CodeLabel] = &[
    (
        "found",
        "terdaftar di DTSEN/DTKS",
        "listed in the DTSEN/DTKS registry",
    ),
    (
        "not_found",
        "tidak terdaftar di DTSEN/DTKS",
        "not listed in the DTSEN/DTKS registry",
    ),
];

/// Sex as on the KK; the same spelling as `ident::Sex`.
pub const SEX: &[CodeLabel] = &[
    ("male", "laki-laki", "male"),
    ("female", "perempuan", "female"),
];

/// The label of `code` in `table`, or the code itself when it is not listed (free codes such
/// as programme ids and village codes).
pub fn label_of(table: &[CodeLabel], code: &str, lang: crate::Lang) -> String {
    table
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, id, en)| lang.pick(id, en).to_string())
        .unwrap_or_else(|| code.to_string())
}
