package id.puskesos.field.core.native

import id.puskesos.core.NikWarningKind
import id.puskesos.core.model.RegionLevel
import id.puskesos.core.RegionList
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.FormWarning
import id.puskesos.field.core.IdField
import id.puskesos.field.core.IdentityService
import id.puskesos.field.core.Issue
import id.puskesos.field.core.KkInfo
import id.puskesos.field.core.NikInfo
import id.puskesos.field.core.RegionInfo
import id.puskesos.field.core.RegionKind
import id.puskesos.field.core.RegionService
import id.puskesos.field.core.Sex
import id.puskesos.field.core.WarningKind
import id.puskesos.core.IdIssue as FfiIssue
import id.puskesos.core.model.IdPart as FfiPart
import id.puskesos.core.Region as FfiRegion
import id.puskesos.core.model.Sex as FfiSex

internal class NativeIdentityService(private val regions: () -> RegionList?) : IdentityService {
    override fun checkNik(input: String, capturedOn: String?): NikInfo =
        boundary {
            val c = id.puskesos.core.checkNik(input, capturedOn, regions())
            NikInfo(c.normalized, c.valid, c.district, c.birthDate, c.sex?.let(::sexOf), c.masked, c.issues.map(::issueOf))
        }

    override fun checkKk(input: String, capturedOn: String?): KkInfo =
        boundary {
            val c = id.puskesos.core.checkKk(input, capturedOn, regions())
            KkInfo(c.normalized, c.valid, c.district, c.recordedOn, c.masked, c.issues.map(::issueOf))
        }

    override fun warnings(nik: String, sex: Sex?, birthDate: String?, addressRegion: String?): List<FormWarning> =
        boundary {
            val ffiSex = sex?.let { if (it == Sex.MALE) FfiSex.MALE else FfiSex.FEMALE }
            id.puskesos.core.nikWarnings(nik, ffiSex, birthDate, addressRegion, null).map {
                val kind = when (it.kind) {
                    NikWarningKind.SEX_MISMATCH -> WarningKind.SEX_MISMATCH
                    NikWarningKind.BIRTH_DATE_MISMATCH -> WarningKind.BIRTH_DATE_MISMATCH
                    NikWarningKind.REGION_MISMATCH -> WarningKind.REGION_MISMATCH
                }
                FormWarning(kind, Bilingual(it.messageId, it.messageEn))
            }
        }

    override fun normalize(input: String): String = boundary { id.puskesos.core.normalizeNumber(input) }
}

/**
 * Holds the one region list of the village pack; the list object is shared across threads.
 * [native] is the store the sync writes the pack's list into.
 */
class NativeRegionService(private val native: NativeStore? = null) : RegionService {
    @Volatile
    internal var list: RegionList? = null
        private set

    override val loaded: Boolean get() = list != null

    override fun load(path: String): Long =
        boundary {
            val fresh = RegionList.open(path)
            val old = list
            list = fresh
            old?.close()
            fresh.size().toLong()
        }

    override fun loadFromStore(): Long =
        boundary {
            val fresh = native?.store?.regionList() ?: return@boundary 0L
            val old = list
            list = fresh
            old?.close()
            fresh.size().toLong()
        }

    override fun get(code: String): RegionInfo? = boundary { list?.get(code)?.let(::regionOf) }

    override fun children(code: String): List<RegionInfo> = boundary { list?.children(code)?.map(::regionOf).orEmpty() }

    override fun findByName(query: String, limit: Int): List<RegionInfo> =
        boundary { list?.findByName(query, limit.coerceAtLeast(0).toUInt())?.map(::regionOf).orEmpty() }
}

private fun sexOf(s: FfiSex): Sex = if (s == FfiSex.MALE) Sex.MALE else Sex.FEMALE

private fun issueOf(i: FfiIssue): Issue =
    Issue(
        when (i.part) {
            FfiPart.WHOLE -> IdField.WHOLE
            FfiPart.PROVINCE -> IdField.PROVINCE
            FfiPart.REGENCY -> IdField.REGENCY
            FfiPart.DISTRICT -> IdField.DISTRICT
            FfiPart.BIRTH_DATE -> IdField.BIRTH_DATE
            FfiPart.RECORD_DATE -> IdField.RECORD_DATE
            FfiPart.SERIAL -> IdField.SERIAL
        },
        Bilingual(i.messageId, i.messageEn),
    )

private fun regionOf(r: FfiRegion): RegionInfo =
    RegionInfo(
        r.code,
        r.dotted,
        r.name,
        when (r.level) {
            RegionLevel.PROVINCE -> RegionKind.PROVINCE
            RegionLevel.REGENCY -> RegionKind.REGENCY
            RegionLevel.DISTRICT -> RegionKind.DISTRICT
            RegionLevel.VILLAGE -> RegionKind.VILLAGE
        },
        r.current,
    )
