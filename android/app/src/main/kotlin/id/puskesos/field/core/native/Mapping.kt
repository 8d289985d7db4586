package id.puskesos.field.core.native

import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.Sex
import id.puskesos.core.model.DocumentKind as FfiKind
import id.puskesos.core.model.Sex as FfiSex

/** The app's enums onto the generated ones; spelled out so a renamed code fails to compile. */
internal fun ffiSex(s: Sex): FfiSex = if (s == Sex.MALE) FfiSex.MALE else FfiSex.FEMALE

internal fun ffiKind(k: DocumentKind): FfiKind =
    when (k) {
        DocumentKind.KK -> FfiKind.KK
        DocumentKind.KTP -> FfiKind.KTP
        DocumentKind.HOUSE_FRONT -> FfiKind.HOUSE_FRONT
        DocumentKind.WALL -> FfiKind.HOUSE_WALL
        DocumentKind.FLOOR -> FfiKind.HOUSE_FLOOR
        DocumentKind.KITCHEN -> FfiKind.KITCHEN
        DocumentKind.ROOF -> FfiKind.ROOF
        DocumentKind.TOILET -> FfiKind.TOILET
        DocumentKind.HEAD_OF_HOUSEHOLD -> FfiKind.HEAD_OF_HOUSEHOLD
        DocumentKind.SUPPORTING -> FfiKind.OTHER
    }

/** The core's kinds back to the app's; papers the checklist does not list are supporting documents. */
internal fun kindOf(k: FfiKind): DocumentKind =
    when (k) {
        FfiKind.KK -> DocumentKind.KK
        FfiKind.KTP -> DocumentKind.KTP
        FfiKind.HOUSE_FRONT -> DocumentKind.HOUSE_FRONT
        FfiKind.HOUSE_WALL -> DocumentKind.WALL
        FfiKind.HOUSE_FLOOR -> DocumentKind.FLOOR
        FfiKind.KITCHEN -> DocumentKind.KITCHEN
        FfiKind.ROOF -> DocumentKind.ROOF
        FfiKind.TOILET -> DocumentKind.TOILET
        FfiKind.HEAD_OF_HOUSEHOLD -> DocumentKind.HEAD_OF_HOUSEHOLD
        FfiKind.LETTER, FfiKind.PROGRAMME_CARD, FfiKind.OTHER -> DocumentKind.SUPPORTING
    }

/** A quality problem of the core as the app's verdict. */
internal fun qualityOf(p: id.puskesos.core.model.QualityProblem): id.puskesos.field.core.PhotoQuality =
    when (p) {
        id.puskesos.core.model.QualityProblem.BLURRY -> id.puskesos.field.core.PhotoQuality.BLURRY
        id.puskesos.core.model.QualityProblem.TOO_DARK -> id.puskesos.field.core.PhotoQuality.TOO_DARK
        id.puskesos.core.model.QualityProblem.OVER_EXPOSED -> id.puskesos.field.core.PhotoQuality.GLARE
        id.puskesos.core.model.QualityProblem.TOO_SMALL -> id.puskesos.field.core.PhotoQuality.TOO_SMALL
        id.puskesos.core.model.QualityProblem.UPSIDE_DOWN, id.puskesos.core.model.QualityProblem.SIDEWAYS -> id.puskesos.field.core.PhotoQuality.ROTATED
    }
