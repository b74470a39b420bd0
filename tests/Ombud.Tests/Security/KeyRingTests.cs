using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Tests.Support;

namespace Ombud.Tests.Security;

/// <summary>
/// Finding 6: the data-protection keys in the database are encrypted with the configured certificate, so a copy of the
/// database alone opens nothing; a node outside demo mode without that certificate refuses to start.
/// </summary>
public sealed class KeyRingTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Keys_are_stored_encrypted_and_the_database_alone_does_not_open_what_they_protect(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string sealedSecret;
        await using (var node = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart))
        {
            var protector = node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Ombud.Webhooks.Secrets");
            sealedSecret = protector.Protect("whsec_the-merchants-signing-secret");
            Assert.Equal("whsec_the-merchants-signing-secret", protector.Unprotect(sealedSecret));

            var keys = await node.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                // Unencrypted, the master key sits in <masterKey><value>…</value>; encrypted, only ciphertext is there.
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });
        }

        // Someone with the database and the program, but not the certificate.
        await using var thief = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart,
            settings: new Dictionary<string, string?> { ["Ombud:DataProtection:CertificatePath"] = "" });
        var stolen = thief.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Ombud.Webhooks.Secrets");
        Assert.ThrowsAny<CryptographicException>(() => stolen.Unprotect(sealedSecret));
    }

    [Fact]
    public async Task A_node_outside_demo_mode_without_a_key_encryption_certificate_refuses_to_start_and_says_why()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var settings = new Dictionary<string, string?>
        {
            ["Ombud:Database:Provider"] = database.ProviderName,
            ["Ombud:Database:ConnectionString"] = database.ConnectionString,
            ["Ombud:Demo"] = "false",
        };

        var refused = Assert.Throws<InvalidOperationException>(() => OmbudHost.Build(new HostSettings([], null, IsCommand: false, settings)));
        Assert.Contains("Ombud:DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);

        settings["Ombud:Demo"] = "true";
        await using var demo = OmbudHost.Build(new HostSettings([], null, IsCommand: false, settings));
        Assert.NotNull(demo.Services.GetRequiredService<IDataProtectionProvider>());
    }
}
