//! Housing and asset indicators, as asked by the registry questionnaire (the DTKS/DTSEN
//! household form, block on housing conditions and assets). Every answer is optional: an
//! unknown answer is what makes the eligibility rules say "needs data" instead of guessing.

use serde::{Deserialize, Serialize};

use super::codes::code_enum;

code_enum!(FloorMaterial {
    Earth = "earth", "tanah", "earth";
    Bamboo = "bamboo", "bambu", "bamboo";
    LowQualityWood = "low_quality_wood", "kayu/papan kualitas rendah", "low-quality wood";
    Cement = "cement", "semen/bata merah", "cement/brick";
    Tile = "tile", "keramik/ubin/teraso", "ceramic/tile";
    GoodWood = "good_wood", "kayu/papan kualitas tinggi", "high-quality wood";
    Marble = "marble", "marmer/granit", "marble/granite";
    Other = "other", "lainnya", "other";
});

code_enum!(WallMaterial {
    Bamboo = "bamboo", "bambu/anyaman", "bamboo/woven";
    LowQualityWood = "low_quality_wood", "kayu kualitas rendah", "low-quality wood";
    UnplasteredBrick = "unplastered_brick", "tembok tanpa plester", "unplastered brick";
    Wood = "wood", "kayu/papan", "wood";
    PlasteredBrick = "plastered_brick", "tembok diplester", "plastered brick";
    Other = "other", "lainnya", "other";
});

code_enum!(RoofMaterial {
    Thatch = "thatch", "ijuk/rumbia/daun", "thatch/leaves";
    Bamboo = "bamboo", "bambu", "bamboo";
    Zinc = "zinc", "seng", "corrugated zinc";
    Asbestos = "asbestos", "asbes", "asbestos";
    ClayTile = "clay_tile", "genteng tanah liat", "clay tile";
    ConcreteOrMetalTile = "concrete_or_metal_tile", "beton/genteng metal", "concrete or metal tile";
    Other = "other", "lainnya", "other";
});

code_enum!(Toilet {
    None = "none", "tidak ada", "none";
    Shared = "shared", "bersama/umum", "shared or public";
    OwnWithoutSeptic = "own_without_septic", "sendiri tanpa septic tank", "own, no septic tank";
    OwnWithSeptic = "own_with_septic", "sendiri dengan septic tank", "own, with septic tank";
});

code_enum!(DrinkingWater {
    UnprotectedSource = "unprotected_source", "mata air/sumur tak terlindung, sungai", "unprotected spring, well or river";
    Rain = "rain", "air hujan", "rainwater";
    ProtectedWell = "protected_well", "sumur/mata air terlindung", "protected well or spring";
    Pump = "pump", "sumur bor/pompa", "borehole or pump";
    Piped = "piped", "leding/PDAM", "piped";
    Bottled = "bottled", "air kemasan/isi ulang", "bottled or refill";
});

code_enum!(Lighting {
    None = "none", "bukan listrik", "no electricity";
    NonPln = "non_pln", "listrik non-PLN", "electricity, not PLN";
    Pln450 = "pln_450", "PLN 450 VA", "PLN 450 VA";
    Pln900 = "pln_900", "PLN 900 VA", "PLN 900 VA";
    PlnAbove900 = "pln_above_900", "PLN di atas 900 VA", "PLN above 900 VA";
});

code_enum!(CookingFuel {
    Wood = "wood", "kayu bakar/arang", "firewood/charcoal";
    Kerosene = "kerosene", "minyak tanah", "kerosene";
    Lpg3kg = "lpg_3kg", "LPG 3 kg", "LPG 3 kg";
    LpgLarger = "lpg_larger", "LPG 5,5 kg ke atas", "LPG 5.5 kg or more";
    Electric = "electric", "listrik/gas kota", "electric/piped gas";
    None = "none", "tidak memasak", "does not cook";
});

/// Assets the questionnaire asks about; `None` = not asked yet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Assets {
    pub motorcycle: Option<bool>,
    pub car: Option<bool>,
    pub refrigerator: Option<bool>,
    pub air_conditioner: Option<bool>,
    pub gold_or_savings_over_500k: Option<bool>,
    pub land_owned: Option<bool>,
    pub livestock: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Housing {
    pub floor: Option<FloorMaterial>,
    pub wall: Option<WallMaterial>,
    pub roof: Option<RoofMaterial>,
    /// Floor area of the house in square metres.
    pub floor_area_m2: Option<f64>,
    pub toilet: Option<Toilet>,
    pub drinking_water: Option<DrinkingWater>,
    pub lighting: Option<Lighting>,
    pub cooking_fuel: Option<CookingFuel>,
    /// Owned outright (not rented, not borrowed).
    pub owned: Option<bool>,
    #[serde(default)]
    pub assets: Assets,
}

impl Housing {
    /// Checks the one free number: a negative or absurd area is a typing error.
    pub fn validate(&self) -> Result<(), super::ModelError> {
        if let Some(a) = self.floor_area_m2 {
            if !a.is_finite() || !(1.0..=10_000.0).contains(&a) {
                return Err(super::ModelError::invalid(
                    "floor_area_m2",
                    "luas lantai harus antara 1 dan 10.000 m²",
                ));
            }
        }
        Ok(())
    }
}
