//! `gen-village`: a fake but structurally valid village extract.

use puskesos_core::synth::{write_village, VillageSpec};

use super::Ctx;
use crate::app::GenVillage;
use crate::output::{print_json, CliError};

pub fn run(ctx: &Ctx, args: GenVillage) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let regions = ctx.regions()?.ok_or_else(|| {
        CliError::invalid(
            lang,
            "gen-village memerlukan daftar wilayah: --regions FILE atau PUSKESOS_REGIONS.",
            "gen-village needs a region list: --regions FILE or PUSKESOS_REGIONS.",
        )
    })?;
    let mut spec = VillageSpec::new(args.households, args.seed, ctx.now.date_naive());
    spec.village_codes = args.villages;
    spec.regency = args.regency;
    if let Some(v) = args.extract_version {
        spec.extract_version = v;
    }
    let summary = write_village(&spec, &regions, &args.out)
        .map_err(|e| CliError::Invalid(e.message(lang)))?;
    if ctx.global.json {
        return print_json(&summary);
    }
    println!(
        "{} {} {} {} {} {} {}: {}",
        summary.people,
        lang.pick("jiwa,", "people,"),
        summary.households,
        lang.pick("keluarga,", "families,"),
        summary.villages.len(),
        lang.pick("desa →", "villages →"),
        lang.pick("berkas", "file"),
        args.out.display()
    );
    Ok(())
}
