package id.puskesos.field

import id.puskesos.field.core.Lang
import id.puskesos.field.ui.useCore
import org.junit.Assert.assertEquals
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

/**
 * The core writes its error messages in the phone's language: PuskesosApp tells whichever core
 * it holds, at start and when the configuration's locale changes (Robolectric, whose default
 * locale is en-US).
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class AppLanguageTest {
    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp

    @Test
    fun `on an English phone the core is asked for English messages`() {
        val core = FakeCoreGateway().also { useCore(it) }
        assertEquals(listOf(Lang.EN), core.messageLanguages)
    }

    @Test
    @Config(qualifiers = "in")
    fun `on an Indonesian phone the core keeps Bahasa Indonesia`() {
        val core = FakeCoreGateway().also { useCore(it) }
        assertEquals(listOf(Lang.ID), core.messageLanguages)
    }

    @Test
    @Config(qualifiers = "fr")
    fun `a phone in another language gets Bahasa Indonesia, like the screens (values is Indonesian)`() {
        val core = FakeCoreGateway().also { useCore(it) }
        assertEquals(listOf(Lang.ID), core.messageLanguages)
    }

    @Test
    fun `switching the phone to Bahasa Indonesia and back switches the core's messages`() {
        val core = FakeCoreGateway().also { useCore(it) }
        // Robolectric changes the configuration; the system would then tell the application.
        RuntimeEnvironment.setQualifiers("in")
        app.onConfigurationChanged(app.resources.configuration)
        RuntimeEnvironment.setQualifiers("en")
        app.onConfigurationChanged(app.resources.configuration)

        assertEquals(listOf(Lang.EN, Lang.ID, Lang.EN), core.messageLanguages)
    }
}
