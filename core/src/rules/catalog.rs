//! The named facts a pack may refer to: their stable names, types and labels.
//!
//! The names are part of the pack format: a district's pack written today must still load
//! next year, so a name is never renamed or reused; new facts get new names.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::codes::{self, CodeLabel};
use crate::Lang;

/// Whether a fact belongs to the household or to each member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Household,
    Member,
}

/// The type of a fact's value, which decides the comparisons a pack may apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactType {
    Bool,
    Number,
    /// One code out of a closed list.
    Code(&'static [CodeLabel]),
    /// One code out of an open list (village codes).
    Text,
    /// A set of open codes (programme ids already received).
    Set,
    /// The list of members itself: never compared, only asked for when it is empty.
    MemberList,
}

/// The stable name of a fact. Serialised as its dotted name (`household.registry.desil`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactId {
    VillageCode,
    RegistryStatus,
    RegistryDesil,
    HouseholdSize,
    Members,
    FloorMaterial,
    WallMaterial,
    RoofMaterial,
    FloorArea,
    FloorAreaPerPerson,
    Tenure,
    OwnsLand,
    Toilet,
    DrinkingWater,
    Lighting,
    ElectricityVa,
    CookingFuel,
    AssetRefrigerator,
    AssetAirConditioner,
    AssetWaterHeater,
    AssetLandline,
    AssetTelevision,
    AssetGold,
    AssetComputer,
    AssetBicycle,
    AssetMotorcycle,
    AssetCar,
    AssetBoat,
    AssetMotorBoat,
    AssetLand,
    AssetOtherHouse,
    ProgrammesReceived,
    LostLivelihood,
    MemberAge,
    MemberSex,
    MemberRelationship,
    MemberPregnant,
    MemberDisability,
    MemberDisabilitySeverity,
    MemberChronicIllness,
    MemberInSchool,
    MemberSchoolLevel,
    MemberEducation,
    MemberEmployed,
    MemberOccupation,
    MemberNeglected,
}

/// What the catalogue knows of one fact.
#[derive(Debug)]
pub struct FactInfo {
    pub id: FactId,
    pub name: &'static str,
    pub scope: Scope,
    pub ty: FactType,
    /// Noun phrase: `[id, en]`.
    pub label: [&'static str; 2],
    /// For yes/no facts, the phrase when true and when false: `[id yes, id no, en yes, en no]`.
    pub phrases: Option<[&'static str; 4]>,
    /// Unit after a number: `[id, en]`.
    pub unit: Option<[&'static str; 2]>,
}

const fn fact(
    id: FactId,
    name: &'static str,
    scope: Scope,
    ty: FactType,
    label: [&'static str; 2],
) -> FactInfo {
    FactInfo {
        id,
        name,
        scope,
        ty,
        label,
        phrases: None,
        unit: None,
    }
}

const fn yes_no(
    id: FactId,
    name: &'static str,
    scope: Scope,
    label: [&'static str; 2],
    phrases: [&'static str; 4],
) -> FactInfo {
    FactInfo {
        id,
        name,
        scope,
        ty: FactType::Bool,
        label,
        phrases: Some(phrases),
        unit: None,
    }
}

const fn number(
    id: FactId,
    name: &'static str,
    scope: Scope,
    label: [&'static str; 2],
    unit: Option<[&'static str; 2]>,
) -> FactInfo {
    FactInfo {
        id,
        name,
        scope,
        ty: FactType::Number,
        label,
        phrases: None,
        unit,
    }
}

/// An asset question: `[id owns, id does not own, en owns, en does not own]`.
const fn asset(id: FactId, name: &'static str, phrases: [&'static str; 4]) -> FactInfo {
    FactInfo {
        id,
        name,
        scope: Scope::Household,
        ty: FactType::Bool,
        label: [phrases[0], phrases[2]],
        phrases: Some(phrases),
        unit: None,
    }
}

use FactId as F;
use Scope::{Household as H, Member as M};

/// The catalogue, in `FactId` order (a test keeps the two in step).
#[rustfmt::skip]
pub(crate) static CATALOG: &[FactInfo] = &[
    fact(F::VillageCode, "household.village_code", H, FactType::Text, ["kode desa", "village code"]),
    fact(F::RegistryStatus, "household.registry.status", H, FactType::Code(codes::REGISTRY_STATUS), ["status di registri DTSEN/DTKS", "DTSEN/DTKS registry status"]),
    number(F::RegistryDesil, "household.registry.desil", H, ["desil keluarga di registri", "registry welfare decile"], None),
    number(F::HouseholdSize, "household.size", H, ["jumlah anggota keluarga", "number of members"], Some(["orang", "people"])),
    fact(F::Members, "household.members", H, FactType::MemberList, ["daftar anggota keluarga", "list of family members"]),
    fact(F::FloorMaterial, "household.housing.floor_material", H, FactType::Code(codes::FloorMaterial::TABLE), ["jenis lantai", "floor material"]),
    fact(F::WallMaterial, "household.housing.wall_material", H, FactType::Code(codes::WallMaterial::TABLE), ["jenis dinding", "wall material"]),
    fact(F::RoofMaterial, "household.housing.roof_material", H, FactType::Code(codes::RoofMaterial::TABLE), ["jenis atap", "roof material"]),
    number(F::FloorArea, "household.housing.floor_area_m2", H, ["luas lantai rumah", "floor area of the house"], Some(["m²", "m²"])),
    number(F::FloorAreaPerPerson, "household.housing.floor_area_per_person_m2", H, ["luas lantai per orang", "floor area per person"], Some(["m²", "m²"])),
    fact(F::Tenure, "household.housing.tenure", H, FactType::Code(codes::Tenure::TABLE), ["status kepemilikan rumah", "tenure of the house"]),
    yes_no(F::OwnsLand, "household.housing.owns_land", H, ["kepemilikan tanah tempat rumah berdiri", "ownership of the land under the house"], ["rumah berdiri di atas tanah milik sendiri", "rumah tidak berdiri di atas tanah milik sendiri", "the house stands on the family's own land", "the house does not stand on the family's own land"]),
    fact(F::Toilet, "household.housing.toilet", H, FactType::Code(codes::Toilet::TABLE), ["fasilitas buang air besar", "toilet facility"]),
    fact(F::DrinkingWater, "household.housing.drinking_water", H, FactType::Code(codes::DrinkingWater::TABLE), ["sumber air minum", "source of drinking water"]),
    fact(F::Lighting, "household.housing.lighting", H, FactType::Code(codes::Lighting::TABLE), ["sumber penerangan", "source of lighting"]),
    number(F::ElectricityVa, "household.housing.electricity_va", H, ["daya listrik terpasang", "installed electricity capacity"], Some(["VA", "VA"])),
    fact(F::CookingFuel, "household.housing.cooking_fuel", H, FactType::Code(codes::CookingFuel::TABLE), ["bahan bakar memasak", "cooking fuel"]),
    asset(F::AssetRefrigerator, "household.assets.refrigerator", ["memiliki lemari es", "tidak memiliki lemari es", "owns a refrigerator", "does not own a refrigerator"]),
    asset(F::AssetAirConditioner, "household.assets.air_conditioner", ["memiliki AC", "tidak memiliki AC", "owns an air conditioner", "does not own an air conditioner"]),
    asset(F::AssetWaterHeater, "household.assets.water_heater", ["memiliki pemanas air", "tidak memiliki pemanas air", "owns a water heater", "does not own a water heater"]),
    asset(F::AssetLandline, "household.assets.landline", ["memiliki telepon rumah", "tidak memiliki telepon rumah", "has a landline telephone", "does not have a landline telephone"]),
    asset(F::AssetTelevision, "household.assets.television", ["memiliki televisi layar datar", "tidak memiliki televisi layar datar", "owns a flat-screen television", "does not own a flat-screen television"]),
    asset(F::AssetGold, "household.assets.gold", ["memiliki emas/perhiasan minimal 10 gram", "tidak memiliki emas/perhiasan minimal 10 gram", "owns at least 10 g of gold or jewellery", "does not own at least 10 g of gold or jewellery"]),
    asset(F::AssetComputer, "household.assets.computer", ["memiliki komputer/laptop", "tidak memiliki komputer/laptop", "owns a computer or laptop", "does not own a computer or laptop"]),
    asset(F::AssetBicycle, "household.assets.bicycle", ["memiliki sepeda", "tidak memiliki sepeda", "owns a bicycle", "does not own a bicycle"]),
    asset(F::AssetMotorcycle, "household.assets.motorcycle", ["memiliki sepeda motor", "tidak memiliki sepeda motor", "owns a motorcycle", "does not own a motorcycle"]),
    asset(F::AssetCar, "household.assets.car", ["memiliki mobil", "tidak memiliki mobil", "owns a car", "does not own a car"]),
    asset(F::AssetBoat, "household.assets.boat", ["memiliki perahu", "tidak memiliki perahu", "owns a boat", "does not own a boat"]),
    asset(F::AssetMotorBoat, "household.assets.motor_boat", ["memiliki perahu motor/kapal", "tidak memiliki perahu motor/kapal", "owns a motor boat or ship", "does not own a motor boat or ship"]),
    asset(F::AssetLand, "household.assets.land", ["memiliki lahan (selain tempat tinggal)", "tidak memiliki lahan (selain tempat tinggal)", "owns land (besides the house plot)", "does not own land (besides the house plot)"]),
    asset(F::AssetOtherHouse, "household.assets.other_house", ["memiliki rumah di tempat lain", "tidak memiliki rumah di tempat lain", "owns a house elsewhere", "does not own a house elsewhere"]),
    fact(F::ProgrammesReceived, "household.programmes_received", H, FactType::Set, ["bantuan yang sudah diterima", "assistance already received"]),
    yes_no(F::LostLivelihood, "household.lost_livelihood", H, ["kehilangan mata pencaharian", "loss of livelihood"], ["keluarga kehilangan mata pencaharian", "keluarga tidak kehilangan mata pencaharian", "the family lost its livelihood", "the family did not lose its livelihood"]),
    number(F::MemberAge, "member.age", M, ["umur", "age"], Some(["tahun", "years"])),
    fact(F::MemberSex, "member.sex", M, FactType::Code(codes::SEX), ["jenis kelamin", "sex"]),
    fact(F::MemberRelationship, "member.relationship", M, FactType::Code(codes::Relationship::TABLE), ["hubungan dengan kepala keluarga", "relationship to the head"]),
    yes_no(F::MemberPregnant, "member.pregnant", M, ["kehamilan", "pregnancy"], ["sedang hamil atau nifas", "tidak sedang hamil atau nifas", "pregnant or recently delivered", "not pregnant or recently delivered"]),
    yes_no(F::MemberDisability, "member.disability", M, ["disabilitas", "disability"], ["penyandang disabilitas", "bukan penyandang disabilitas", "has a disability", "has no disability"]),
    fact(F::MemberDisabilitySeverity, "member.disability_severity", M, FactType::Code(codes::DisabilitySeverity::TABLE), ["tingkat disabilitas", "severity of disability"]),
    yes_no(F::MemberChronicIllness, "member.chronic_illness", M, ["penyakit menahun/kronis", "chronic illness"], ["menderita sakit menahun/kronis", "tidak menderita sakit menahun/kronis", "has a chronic illness", "has no chronic illness"]),
    yes_no(F::MemberInSchool, "member.in_school", M, ["status bersekolah", "school enrolment"], ["sedang bersekolah", "tidak sedang bersekolah", "enrolled in school", "not enrolled in school"]),
    fact(F::MemberSchoolLevel, "member.school_level", M, FactType::Code(codes::SchoolLevel::TABLE), ["jenjang sekolah saat ini", "current school level"]),
    fact(F::MemberEducation, "member.education", M, FactType::Code(codes::Education::TABLE), ["ijazah tertinggi", "highest certificate"]),
    yes_no(F::MemberEmployed, "member.employed", M, ["status bekerja", "employment"], ["bekerja", "tidak bekerja", "working", "not working"]),
    fact(F::MemberOccupation, "member.occupation", M, FactType::Code(codes::Occupation::TABLE), ["lapangan pekerjaan utama", "main field of work"]),
    yes_no(F::MemberNeglected, "member.neglected", M, ["keterlantaran", "neglect"], ["terlantar (tanpa pengasuh atau penghidupan)", "tidak terlantar", "neglected (no carer or means)", "not neglected"]),
];

impl FactId {
    pub fn info(self) -> &'static FactInfo {
        &CATALOG[self as usize]
    }

    /// The stable dotted name used in packs and results.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn from_name(name: &str) -> Option<FactId> {
        CATALOG.iter().find(|f| f.name == name).map(|f| f.id)
    }

    pub fn scope(self) -> Scope {
        self.info().scope
    }

    pub fn ty(self) -> FactType {
        self.info().ty
    }

    /// The noun phrase for a person: "desil keluarga di registri".
    pub fn label(self, lang: Lang) -> &'static str {
        let [id, en] = self.info().label;
        lang.pick(id, en)
    }

    /// Every fact, in catalogue order.
    pub fn all() -> impl Iterator<Item = FactId> {
        CATALOG.iter().map(|f| f.id)
    }
}

impl Serialize for FactId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for FactId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        FactId::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown fact name `{name}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_in_enum_order_and_names_are_unique() {
        for (i, f) in CATALOG.iter().enumerate() {
            assert_eq!(f.id as usize, i, "{} is out of order", f.name);
            assert_eq!(FactId::from_name(f.name), Some(f.id));
            let scope_prefix = match f.scope {
                Scope::Household => "household.",
                Scope::Member => "member.",
            };
            assert!(f.name.starts_with(scope_prefix), "{}", f.name);
        }
        assert_eq!(FactId::from_name("member.shoe_size"), None);
    }

    #[test]
    fn fact_ids_serialise_as_their_dotted_names() {
        let json = serde_json::to_string(&FactId::RegistryDesil).unwrap();
        assert_eq!(json, "\"household.registry.desil\"");
        let back: FactId = serde_json::from_str("\"member.in_school\"").unwrap();
        assert_eq!(back, FactId::MemberInSchool);
        assert!(serde_json::from_str::<FactId>("\"member.nope\"").is_err());
    }
}
