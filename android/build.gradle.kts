// Versions: AGP 8.7.3 needs Gradle 8.9+ and supports compileSdk 35. Kotlin matches the
// version the JVM build (tests/jvm/pom.xml) compiles the app with.
plugins {
    id("com.android.application") version "8.7.3" apply false
    id("org.jetbrains.kotlin.android") version "2.4.21" apply false
}
