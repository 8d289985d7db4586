package id.puskesos.field.core.native

import id.puskesos.core.RegistryPerson
import id.puskesos.field.core.RegistryMatch
import id.puskesos.field.core.RegistryService

/** The village's DTSEN extract in the store; exact lookups score 100. */
internal class NativeRegistry(private val native: NativeStore) : RegistryService {
    override fun byNik(nik: String): List<RegistryMatch> =
        boundary { listOfNotNull(native.store.registryByNik(nik)?.let { matchOf(it, 1.0) }) }

    override fun byKk(kk: String): List<RegistryMatch> = boundary { native.store.registryFamily(kk).map { matchOf(it, 1.0) } }

    override fun byName(name: String, limit: Int): List<RegistryMatch> =
        boundary { native.store.registrySearchName(name, null, limit.coerceAtLeast(0).toUInt()).map { matchOf(it.person, it.score) } }

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
