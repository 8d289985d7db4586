package id.puskesos.field.photo

import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.PhotoQuality
import id.puskesos.field.core.PhotoResult

/**
 * The photos a registry proposal needs (the core's required set: the KK, the head's KTP,
 * the house's front, wall, floor, kitchen, roof and toilet, and the head of the household),
 * and where each stands.
 * A photo the core judges poor is kept but marked "retake" so the pillar can redo it on the
 * spot rather than on a second visit.
 */
class PhotoChecklist(val required: List<DocumentKind> = DEFAULT) {
    enum class State { MISSING, OK, RETAKE }

    private val results = linkedMapOf<DocumentKind, PhotoResult>()

    fun record(result: PhotoResult) {
        results[result.kind] = result
    }

    fun state(kind: DocumentKind): State =
        when (results[kind]?.quality) {
            null -> State.MISSING
            PhotoQuality.GOOD -> State.OK
            else -> State.RETAKE
        }

    fun result(kind: DocumentKind): PhotoResult? = results[kind]

    /** The first photo still to take or retake, in checklist order. */
    fun next(): DocumentKind? = required.firstOrNull { state(it) != State.OK }

    val complete: Boolean get() = next() == null

    val done: Int get() = required.count { state(it) == State.OK }

    companion object {
        val DEFAULT = listOf(
            DocumentKind.KK, DocumentKind.KTP, DocumentKind.HOUSE_FRONT, DocumentKind.WALL,
            DocumentKind.FLOOR, DocumentKind.KITCHEN, DocumentKind.ROOF, DocumentKind.TOILET,
            DocumentKind.HEAD_OF_HOUSEHOLD,
        )
    }
}
