package id.puskesos.core.test

import id.puskesos.core.IdentityException
import id.puskesos.core.model.Lang
import id.puskesos.core.RecordsException
import id.puskesos.core.checkNik
import id.puskesos.core.messageLanguage
import id.puskesos.core.setMessageLanguage
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Error messages follow the language the app chose; Bahasa Indonesia by default. */
class LangTest {
    @Test
    fun `error messages switch to English and back`() {
        withStore { store, _ ->
            assertEquals(Lang.ID, messageLanguage())
            val id = assertThrows<RecordsException.NotFound> { store.household("0190a0a0-0000-7000-8000-000000000000") }
            assertTrue("tidak ditemukan" in id.message!!, id.message)
            val idDate = assertThrows<IdentityException.InvalidDate> { checkNik("3204055708850003", "17/08/2025") }
            assertTrue("tidak terbaca" in idDate.message!!, idDate.message)
            try {
                setMessageLanguage(Lang.EN)
                assertEquals(Lang.EN, messageLanguage())
                val en = assertThrows<RecordsException.NotFound> { store.household("0190a0a0-0000-7000-8000-000000000000") }
                assertTrue("not found" in en.message!!, en.message)
                val invalid = assertThrows<RecordsException.Invalid> { store.saveHousehold(Records.householdInput().copy(rt = "x"), Records.AUTHOR) }
                assertTrue(invalid.message!!.startsWith("Invalid rt: must be 1–3 digits"), invalid.message)
                val enDate = assertThrows<IdentityException.InvalidDate> { checkNik("3204055708850003", "17/08/2025") }
                assertTrue("cannot be read" in enDate.message!!, enDate.message)
            } finally {
                setMessageLanguage(Lang.ID)
            }
            assertEquals(Lang.ID, messageLanguage())
        }
    }
}
