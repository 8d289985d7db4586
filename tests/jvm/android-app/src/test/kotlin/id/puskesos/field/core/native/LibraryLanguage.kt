package id.puskesos.field.core.native

import id.puskesos.field.core.Lang

/**
 * The message language is process-wide in the library, and Robolectric runs every test class
 * in the one JVM: a test that opened a native core on an English sandbox phone leaves the
 * library in English. Tests of the native core call this before and after, so that each
 * starts from the library's own default whatever ran first.
 */
fun libraryBackToIndonesian() {
    MessageLanguage.want(Lang.ID)
    MessageLanguage.applyPending()
    id.puskesos.core.setMessageLanguage(id.puskesos.core.model.Lang.ID)
}
