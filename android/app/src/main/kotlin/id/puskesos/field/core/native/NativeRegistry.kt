package id.puskesos.field.core.native

import id.puskesos.core.RegistryPerson
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.RegistryMatch
import id.puskesos.field.core.Sex
import id.puskesos.field.core.RegistryService

/** The village's DTSEN extract in the store; exact lookups score 100. */
internal class NativeRegistry(private val native: NativeStore) : RegistryService {
    override fun byNik(nik: String): List<RegistryMatch> =
        boundary { listOfNotNull(native.store.registryByNik(nik)?.let { matchOf(it, 1.0) }) }

    override fun byKk(kk: String): List<RegistryMatch> = boundary { native.store.registryFamily(kk).map { matchOf(it, 1.0) } }

    override fun byName(name: String, limit: Int): List<RegistryMatch> =
        boundary { native.store.registrySearchName(name, null, limit.coerceAtLeast(0).toUInt()).map { matchOf(it.person, it.score) } }

    override fun familyDraft(kk: String): HouseholdDraft? =
        boundary {
            val family = native.store.registryFamily(kk)
            val first = family.firstOrNull() ?: return@boundary null
            HouseholdDraft(
                kk = first.kkNumber,
                villageCode = first.villageCode,
                address = first.address,
                rt = first.rt,
                rw = first.rw,
                members = family.map {
                    MemberDraft(
                        nik = it.nik,
                        name = it.name,
                        sex = if (it.sex == id.puskesos.core.model.Sex.MALE) Sex.MALE else Sex.FEMALE,
                        birthDate = it.birthDate,
                        relationship = it.relationship.name.lowercase(),
                    )
                },
            )
        }

    private fun matchOf(p: RegistryPerson, score: Double): RegistryMatch =
        RegistryMatch(
            nikMasked = p.nikMasked,
            kkMasked = p.kkMasked,
            name = p.name,
            relationship = p.relationship.name.lowercase(),
            desil = p.desil?.toInt(),
            extractVersion = p.extractVersion,
            score = (score * 100).toInt().coerceIn(0, 100),
        )
}
