package id.puskesos.field.core.native

import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.Sex
import id.puskesos.core.DocumentKind as FfiKind
import id.puskesos.core.Sex as FfiSex

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
