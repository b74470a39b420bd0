using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Ombud.Platform.Storage;

namespace Ombud.Platform;

/// <summary>Section <c>Ombud:DataProtection</c>: the certificate that encrypts the data-protection keys at rest.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "Ombud:DataProtection";

    /// <summary>A PKCS#12 (.pfx) file holding the key-encryption certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates replaced by a rotation, still needed to read keys they encrypted (PKCS#12 files, same password).</summary>
    public List<string> PreviousCertificatePaths { get; set; } = [];
}

/// <summary>
/// The data-protection key ring: kept in the database (<c>platform_data_protection_keys</c>) so every node reads every
/// node's cookies and webhook secrets, and encrypted there with a certificate from configuration
/// (<c>ProtectKeysWithCertificate</c>), so a copy of the database alone opens nothing. Outside demo mode a node that
/// serves refuses to start without that certificate; demo mode, and the one-shot verbs, keep the ring unencrypted when
/// none is set.
/// </summary>
internal static class KeyRing
{
    public static void AddOmbudKeyRing(this IHostApplicationBuilder builder, DemoMode demo, bool serving)
    {
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("ombud").PersistKeysToDbContext<OmbudDb>();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (serving && !demo.IsOn)
            {
                throw new InvalidOperationException(
                    "Outside demo mode a node needs a key-encryption certificate for its data-protection keys (they protect sign-in "
                    + "cookies and webhook secrets, and are kept in the database): set Ombud:DataProtection:CertificatePath to a .pfx "
                    + "file with its private key and Ombud:DataProtection:CertificatePassword (environment Ombud__DataProtection__…). "
                    + "See docs/operations.md.");
            }

            // Unencrypted on purpose here (demo mode, one-shot verbs): ASP.NET Core would warn on every new key.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
            return;
        }

        var current = Load(options.CertificatePath, options.CertificatePassword);
        dataProtection.ProtectKeysWithCertificate(current)
            .UnprotectKeysWithAnyCertificate([current, .. options.PreviousCertificatePaths.Select(p => Load(p, options.CertificatePassword))]);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The key-encryption certificate '{path}' has no private key; the node could not read its own keys.");
    }
}
