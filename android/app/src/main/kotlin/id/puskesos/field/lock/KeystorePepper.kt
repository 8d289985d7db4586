package id.puskesos.field.lock

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import java.security.KeyStore
import java.security.ProviderException
import javax.crypto.KeyGenerator
import javax.crypto.Mac
import javax.crypto.SecretKey

/**
 * A secret only this phone can produce: an HMAC, under a key that never leaves the Android
 * Keystore (StrongBox where the phone has one), of a fixed label. The core mixes it into the
 * PIN's key derivation, so a copy of the lock file taken off the phone cannot be tried
 * against all million six-digit PINs elsewhere: every try needs this phone's Keystore.
 */
object KeystorePepper {
    private const val ALIAS = "puskesos-lock-pepper"
    private const val LABEL = "puskesos-field lock pepper v1"

    fun get(): ByteArray {
        val store = KeyStore.getInstance("AndroidKeyStore").apply { load(null) }
        val key = store.getKey(ALIAS, null) as? SecretKey ?: create()
        return Mac.getInstance("HmacSHA256").run {
            init(key)
            doFinal(LABEL.toByteArray())
        }
    }

    private fun create(): SecretKey {
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_HMAC_SHA256, "AndroidKeyStore")
        fun spec(strongBox: Boolean) =
            KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_SIGN)
                .setDigests(KeyProperties.DIGEST_SHA256)
                .apply { if (strongBox && Build.VERSION.SDK_INT >= 28) setIsStrongBoxBacked(true) }
                .build()
        return try {
            generator.init(spec(strongBox = true))
            generator.generateKey()
        } catch (e: ProviderException) {
            // StrongBoxUnavailableException (API 28) is a ProviderException: the TEE then.
            generator.init(spec(strongBox = false))
            generator.generateKey()
        }
    }
}
