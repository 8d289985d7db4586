//! Housing and asset indicators, as asked by the registry questionnaire (Regsosek 2022 / the
//! DTSEN household form, blocks on housing conditions, sanitation, energy and assets). The
//! code lists follow the questionnaire's answer categories so that a pillar's answer maps to
//! one code without interpretation, and they are the codes rule packs compare against.
//! Every answer is optional: an unknown answer is what makes the eligibility rules say
//! "needs data" instead of guessing.

use serde::{Deserialize, Serialize};

use super::codes::code_enum;

code_enum!(
    /// Main floor material (Regsosek: jenis lantai terluas).
    FloorMaterial {
        MarbleGranite = "marble_granite", "marmer/granit", "marble/granite";
        Ceramic = "ceramic", "keramik", "ceramic";
        ParquetVinyl = "parquet_vinyl", "parket/vinil/karpet", "parquet/vinyl/carpet";
        TileTerrazzo = "tile_terrazzo", "ubin/tegel/teraso", "tile/terrazzo";
        WoodBoard = "wood_board", "kayu/papan", "wood/board";
        CementBrick = "cement_brick", "semen/bata merah", "cement/red brick";
        Bamboo = "bamboo", "bambu", "bamboo";
        Earth = "earth", "tanah", "earth";
        Other = "other", "lainnya", "other";
    }
);

code_enum!(
    /// Main wall material (Regsosek: jenis dinding terluas).
    WallMaterial {
        Masonry = "masonry", "tembok", "masonry";
        PlasteredBamboo = "plastered_bamboo", "plesteran anyaman bambu/kawat", "plastered woven bamboo/wire";
        WoodBoard = "wood_board", "kayu/papan/gipsum", "wood/board/gypsum";
        WovenBamboo = "woven_bamboo", "anyaman bambu", "woven bamboo";
        Log = "log", "batang kayu", "logs";
        Bamboo = "bamboo", "bambu", "bamboo";
        Other = "other", "lainnya", "other";
    }
);

code_enum!(
    /// Main roof material (Regsosek: jenis atap terluas).
    RoofMaterial {
        Concrete = "concrete", "beton", "concrete";
        CeramicTile = "ceramic_tile", "genteng keramik", "ceramic tiles";
        MetalTile = "metal_tile", "genteng metal", "metal tiles";
        ClayTile = "clay_tile", "genteng tanah liat", "clay tiles";
        Asbestos = "asbestos", "asbes", "asbestos";
        Zinc = "zinc", "seng", "corrugated zinc";
        Shingle = "shingle", "sirap", "wooden shingles";
        Bamboo = "bamboo", "bambu", "bamboo";
        Thatch = "thatch", "jerami/ijuk/daun/rumbia", "straw/palm fibre/leaves";
        Other = "other", "lainnya", "other";
    }
);

code_enum!(
    /// Tenure of the dwelling (Regsosek: status kepemilikan bangunan tempat tinggal).
    Tenure {
        Own = "own", "milik sendiri", "owned";
        Rent = "rent", "kontrak/sewa", "rented";
        RentFree = "rent_free", "bebas sewa", "rent-free";
        Official = "official", "dinas", "official housing";
        Other = "other", "lainnya", "other";
    }
);

code_enum!(
    /// Toilet facility (Regsosek: fasilitas tempat buang air besar).
    Toilet {
        Own = "own", "milik sendiri", "own";
        Shared = "shared", "bersama rumah tangga lain", "shared with other households";
        Public = "public", "umum", "public";
        None = "none", "tidak ada", "none";
    }
);

code_enum!(
    /// Main source of drinking water (Regsosek: sumber air minum utama).
    DrinkingWater {
        Bottled = "bottled", "air kemasan/isi ulang", "bottled/refill water";
        Piped = "piped", "leding", "piped water";
        Borehole = "borehole", "sumur bor/pompa", "borehole/pump";
        ProtectedWell = "protected_well", "sumur terlindung", "protected well";
        UnprotectedWell = "unprotected_well", "sumur tak terlindung", "unprotected well";
        ProtectedSpring = "protected_spring", "mata air terlindung", "protected spring";
        UnprotectedSpring = "unprotected_spring", "mata air tak terlindung", "unprotected spring";
        Surface = "surface", "air permukaan (sungai/danau)", "surface water (river/lake)";
        Rain = "rain", "air hujan", "rain water";
        Other = "other", "lainnya", "other";
    }
);

code_enum!(
    /// Main source of lighting (Regsosek: sumber penerangan utama). The installed capacity
    /// is a separate number ([`Housing::electricity_va`]).
    Lighting {
        PlnMetered = "pln_metered", "listrik PLN dengan meteran", "PLN electricity, metered";
        PlnUnmetered = "pln_unmetered", "listrik PLN tanpa meteran", "PLN electricity, unmetered";
        NonPln = "non_pln", "listrik non-PLN", "non-PLN electricity";
        None = "none", "bukan listrik", "no electricity";
    }
);

code_enum!(
    /// Main cooking fuel (Regsosek: bahan bakar utama untuk memasak).
    CookingFuel {
        Electricity = "electricity", "listrik", "electricity";
        LpgLarge = "lpg_large", "elpiji 5,5 kg atau lebih", "LPG 5.5 kg or larger";
        Lpg3kg = "lpg_3kg", "elpiji 3 kg", "LPG 3 kg";
        TownGas = "town_gas", "gas kota", "town gas";
        Biogas = "biogas", "biogas", "biogas";
        Kerosene = "kerosene", "minyak tanah", "kerosene";
        Briquette = "briquette", "briket", "briquettes";
        Charcoal = "charcoal", "arang", "charcoal";
        Firewood = "firewood", "kayu bakar", "firewood";
        None = "none", "tidak memasak di rumah", "no cooking at home";
    }
);

/// Assets the questionnaire asks about (Regsosek block on assets); `None` = not asked yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Assets {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub refrigerator: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub air_conditioner: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub water_heater: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub landline: Option<bool>,
    /// A flat-screen television (at least 30 inches in the questionnaire).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub television: Option<bool>,
    /// Gold or jewellery of at least 10 grams.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub gold: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub computer: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub bicycle: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub motorcycle: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub car: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub boat: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub motor_boat: Option<bool>,
    /// Land besides the house plot.
    #[serde(alias = "land_owned")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub land: Option<bool>,
    /// A house elsewhere.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub other_house: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub livestock: Option<bool>,
}

impl Assets {
    /// The asset questions by wire name, for forms and the CLI (`--asset car=yes`).
    pub const NAMES: &'static [&'static str] = &[
        "refrigerator",
        "air_conditioner",
        "water_heater",
        "landline",
        "television",
        "gold",
        "computer",
        "bicycle",
        "motorcycle",
        "car",
        "boat",
        "motor_boat",
        "land",
        "other_house",
        "livestock",
    ];

    /// The answer slot of the asset named `name` (one of [`Assets::NAMES`]).
    pub fn slot(&mut self, name: &str) -> Option<&mut Option<bool>> {
        Some(match name {
            "refrigerator" => &mut self.refrigerator,
            "air_conditioner" => &mut self.air_conditioner,
            "water_heater" => &mut self.water_heater,
            "landline" => &mut self.landline,
            "television" => &mut self.television,
            "gold" => &mut self.gold,
            "computer" => &mut self.computer,
            "bicycle" => &mut self.bicycle,
            "motorcycle" => &mut self.motorcycle,
            "car" => &mut self.car,
            "boat" => &mut self.boat,
            "motor_boat" => &mut self.motor_boat,
            "land" => &mut self.land,
            "other_house" => &mut self.other_house,
            "livestock" => &mut self.livestock,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Housing {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub floor: Option<FloorMaterial>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub wall: Option<WallMaterial>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub roof: Option<RoofMaterial>,
    /// Floor area of the house in square metres.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub floor_area_m2: Option<f64>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tenure: Option<Tenure>,
    /// The house stands on the family's own land (RS-RTLH requires it, Permensos 20/2017).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub owns_land: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub toilet: Option<Toilet>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub drinking_water: Option<DrinkingWater>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub lighting: Option<Lighting>,
    /// Installed PLN capacity in VA (450, 900, 1300, …), as on the meter or the bill.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub electricity_va: Option<u32>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub cooking_fuel: Option<CookingFuel>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub assets: Assets,
}

impl Housing {
    /// Checks the free numbers: a negative or absurd value is a typing error.
    pub fn validate(&self) -> Result<(), super::ModelError> {
        if let Some(a) = self.floor_area_m2 {
            if !a.is_finite() || !(1.0..=10_000.0).contains(&a) {
                return Err(super::ModelError::invalid(
                    "floor_area_m2",
                    "luas lantai harus antara 1 dan 10.000 m²",
                    "the floor area must be between 1 and 10,000 m²",
                ));
            }
        }
        if let Some(va) = self.electricity_va {
            if !(100..=200_000).contains(&va) {
                return Err(super::ModelError::invalid(
                    "electricity_va",
                    "daya listrik harus antara 100 dan 200.000 VA",
                    "the electricity capacity must be between 100 and 200,000 VA",
                ));
            }
        }
        Ok(())
    }
}
