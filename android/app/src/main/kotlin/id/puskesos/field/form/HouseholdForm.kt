package id.puskesos.field.form

import id.puskesos.field.core.CoreException
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.IdentityService
import id.puskesos.field.core.Lang
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.ScanPayload
import id.puskesos.field.core.Sex

/** A field of the household form that a message can sit under. */
sealed class FormField {
    object Kk : FormField()

    object Village : FormField()

    object Address : FormField()

    object Members : FormField()

    data class MemberNik(val index: Int) : FormField()

    data class MemberName(val index: Int) : FormField()

    data class MemberBirthDate(val index: Int) : FormField()
}

/** What the form shows under each field: errors block saving, warnings only ask a question. */
data class FormReport(val errors: Map<FormField, List<String>>, val warnings: Map<FormField, List<String>>) {
    val canSave: Boolean get() = errors.isEmpty()

    fun errorText(field: FormField): String? = errors[field]?.joinToString("\n")

    fun warningText(field: FormField): String? = warnings[field]?.joinToString("\n")
}

/** The app's own messages for what the core does not check (empty names, no members). */
interface FormWords {
    val nameMissing: String
    val noMembers: String
    val villageMissing: String
    val addressMissing: String

    /** Shown (as a warning, not an error) under a member saved without a NIK. */
    val nikMissing: String get() = ""
}

/**
 * The household and members form, as plain state: prefilled from a scan, edited by the
 * screen, validated by the core's identity checks so that the messages a person sees are the
 * core's (Permendagri 7/2019 layouts), not a second copy of the rules in Kotlin.
 */
class HouseholdForm {
    var kk: String = ""
    var villageCode: String = ""
    var address: String = ""
    var rt: String = ""
    var rw: String = ""
    val members: MutableList<MemberDraft> = mutableListOf()

    /** Fills the form from the registry's record of the family: to confirm and correct, not to trust blindly. */
    fun prefill(draft: HouseholdDraft) {
        kk = draft.kk
        if (draft.villageCode.isNotBlank()) villageCode = draft.villageCode
        address = draft.address
        rt = draft.rt
        rw = draft.rw
        members.clear()
        members += draft.members
    }

    /** Fills what a KK barcode said; members already typed are kept, scanned ones added. */
    fun prefill(scan: ScanPayload) {
        scan.kk?.let { kk = it }
        val known = members.map { it.nik }.toSet()
        scan.niks.forEachIndexed { i, nik ->
            if (nik !in known) {
                members += MemberDraft(nik, scan.names.getOrElse(i) { "" }, null, null, if (members.isEmpty()) "head" else "")
            }
        }
    }

    fun validate(identity: IdentityService, lang: Lang, words: FormWords, capturedOn: String? = null): FormReport {
        val errors = linkedMapOf<FormField, MutableList<String>>()
        val warnings = linkedMapOf<FormField, MutableList<String>>()
        fun error(field: FormField, text: String) = errors.getOrPut(field) { mutableListOf() }.add(text)
        fun warn(field: FormField, text: String) = warnings.getOrPut(field) { mutableListOf() }.add(text)

        identity.checkKk(kk, capturedOn).issues.forEach { error(FormField.Kk, it.message.pick(lang)) }
        if (villageCode.isBlank()) error(FormField.Village, words.villageMissing)
        if (address.isBlank()) error(FormField.Address, words.addressMissing)
        if (members.isEmpty()) error(FormField.Members, words.noMembers)
        members.forEachIndexed { i, m ->
            if (m.name.isBlank()) error(FormField.MemberName(i), words.nameMissing)
            // Babies are registered late and some people never were: reaching them is part
            // of the work, so a member may be saved without a NIK, with a question.
            if (m.nik.isBlank()) {
                if (words.nikMissing.isNotEmpty()) warn(FormField.MemberNik(i), words.nikMissing)
                return@forEachIndexed
            }
            val check = identity.checkNik(m.nik, capturedOn)
            check.issues.forEach { error(FormField.MemberNik(i), it.message.pick(lang)) }
            if (check.valid) {
                try {
                    identity.warnings(m.nik, m.sex, m.birthDate, villageCode.ifBlank { null }).forEach {
                        warn(FormField.MemberNik(i), it.message.pick(lang))
                    }
                } catch (e: CoreException) {
                    if (e.kind != CoreException.Kind.INVALID_INPUT) throw e
                    error(FormField.MemberBirthDate(i), e.message.orEmpty())
                }
            }
        }
        return FormReport(errors, warnings)
    }

    /** The draft to save; the caller validated first (a store refuses invalid numbers anyway). */
    fun draft(identity: IdentityService): HouseholdDraft =
        HouseholdDraft(
            kk = identity.normalize(kk),
            villageCode = villageCode,
            address = address.trim(),
            rt = rt.trim(),
            rw = rw.trim(),
            members = members.map { it.copy(nik = identity.normalize(it.nik), name = it.name.trim()) },
        )

    /** Fills an empty sex or birth date from a valid NIK: one less thing to type at the desk. */
    fun completeFromNik(index: Int, identity: IdentityService) {
        val m = members.getOrNull(index) ?: return
        val check = identity.checkNik(m.nik)
        if (!check.valid) return
        members[index] = m.copy(sex = m.sex ?: check.sex, birthDate = m.birthDate ?: check.birthDate)
    }

    companion object {
        val RELATIONSHIPS = listOf(
            "head", "spouse", "child", "child_in_law", "grandchild", "parent", "parent_in_law", "other_family", "helper", "other",
        )

        fun sexOf(index: Int): Sex? = Sex.entries.getOrNull(index)
    }
}
