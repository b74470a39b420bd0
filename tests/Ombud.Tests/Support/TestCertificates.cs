using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ombud.Tests.Support;

/// <summary>A key-encryption certificate for test nodes, made once per test run as an operator would provide one: a .pfx file.</summary>
public static class TestCertificates
{
    public const string Password = "test-key-encryption";

    private static readonly Lazy<string> KeyEncryptionFile = new(() => Write("CN=Ombud test key encryption"));

    /// <summary>The file's path; the settings <c>Ombud:DataProtection:CertificatePath</c>/<c>…Password</c> point at it.</summary>
    public static string KeyEncryptionPath => KeyEncryptionFile.Value;

    /// <summary>A fresh certificate file, for tests that need a second one (rotation, a stranger's).</summary>
    public static string Write(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var path = Path.Combine(Directory.CreateTempSubdirectory("ombud-cert-").FullName, "key-encryption.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
