package id.puskesos.field.core.native

import java.security.KeyStore
import java.security.cert.X509Certificate
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509TrustManager

/**
 * The certificate authorities the phone trusts, handed to the library once per process: it
 * carries no root bundle of its own (that would be 54 KB of its size budget, and stale where
 * the phone's own store is kept current by system updates). The platform's default trust
 * manager answers with what Android's network security policy allows: the system's CAs.
 * A district with its own CA is pinned by the enrolment QR instead and needs none of this.
 */
internal object SystemTrust {
    @Volatile
    private var roots: Int = -1

    /** How many roots the library accepted; loads them on the first call. */
    fun ensureLoaded(): Int {
        roots.takeIf { it >= 0 }?.let { return it }
        synchronized(this) {
            if (roots < 0) roots = id.puskesos.core.useSystemTrustStore(platformRoots()).toInt()
            return roots
        }
    }

    private fun platformRoots(): List<ByteArray> =
        try {
            val factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
            factory.init(null as KeyStore?)
            factory.trustManagers
                .filterIsInstance<X509TrustManager>()
                .flatMap { tm -> tm.acceptedIssuers.map(X509Certificate::getEncoded) }
        } catch (e: java.security.GeneralSecurityException) {
            // No trust store: HTTPS to a public certificate then fails as untrusted, loudly.
            android.util.Log.w("Puskesos", "system trust store unreadable: ${e.javaClass.simpleName}")
            emptyList()
        }
}
