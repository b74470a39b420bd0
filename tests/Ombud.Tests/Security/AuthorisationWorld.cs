using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Disputes.Evidence;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;

namespace Ombud.Tests.Security;

/// <summary>Every kind of caller Ombud knows, in the order the matrix's columns list them.</summary>
public enum Credential
{
    Anonymous,
    ShopperA,
    ShopperB,
    MerchantUserA,
    MerchantKeyA,
    MerchantKeyB,
    Agent,
    FraudSpecialist,
    Analyst,
    AdminUser,
    AdminKey,
    RevokedKey,
    KeyWithoutScope,

    /// <summary>The provider's own system feeding customers and orders in (scope ingest).</summary>
    IngestKey,
}

/// <summary>
/// Two shoppers at two merchants, each with an order, and everything of A's that an id in a route can name: A's
/// customer, order, payment, refund, dispute with a file, conversation, webhook endpoint. Every caller of
/// <see cref="Credential"/> is signed in or holds its key.
/// </summary>
internal sealed class AuthorisationWorld
{
    private readonly Dictionary<Credential, HttpClient> _clients = [];

    public required IReadOnlyDictionary<string, string> Ids { get; init; }

    public HttpClient Client(Credential credential) => _clients[credential];

    public static async Task<AuthorisationWorld> CreateAsync(OmbudTestApp app)
    {
        var parties = await DisputeParties.OpenAsync(app);
        var a = await parties.ShopAsync();
        var b = await parties.ShopAsync();
        var dispute = await parties.ReportAsync(a, DisputeReason.DefectiveOrNotAsDescribed);
        await DisputeParties.CreatedAsync(await a.Shopper.PostAsync($"{DisputeParties.Shopper}/{dispute}/information",
            DisputeParties.Form(files: [EvidenceSample.Pdf()])));
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var refund = await feed.CreateAsync("refunds", new() { ["orderId"] = a.Order, ["amount"] = 100, ["currency"] = "SEK", ["reason"] = "goodwill" });
        var conversation = (await DisputeParties.CreatedAsync(await a.Shopper.PostAsJsonAsync("/api/v1/assistant/conversations", new { })))
            .GetProperty("id").GetGuid();
        var merchantKeyA = await app.ClientWithKeyAsync(Scopes.ForMerchant(a.Merchant));
        var endpoint = (await DisputeParties.CreatedAsync(await merchantKeyA.PostAsJsonAsync("/api/v1/webhooks/endpoints",
            new { url = "http://127.0.0.1:9/hook", description = "A's desk" }))).GetProperty("id").GetGuid();
        var (payment, plan, file) = await app.WithDbAsync(async db => (
            await db.Set<Payment>().Where(p => p.OrderId == a.Order).Select(p => p.Id).FirstAsync(),
            await db.Set<PaymentPlan>().Where(p => p.OrderId == a.Order).Select(p => p.Id).FirstAsync(),
            await db.Set<EvidenceFile>().Where(f => f.DisputeId == dispute).Select(f => f.Id).FirstAsync()));

        var ids = new Dictionary<string, string>
        {
            ["customer"] = a.Customer.ToString(), ["merchant"] = a.Merchant.ToString(), ["order"] = a.Order.ToString(),
            ["payment"] = payment.ToString(), ["refund"] = refund.ToString(), ["dispute"] = dispute.ToString(), ["file"] = file.ToString(),
            ["conversation"] = conversation.ToString(), ["endpoint"] = endpoint.ToString(), ["plan"] = plan.ToString(),
        };
        var world = new AuthorisationWorld { Ids = ids };
        world._clients[Credential.Anonymous] = app.Client();
        world._clients[Credential.ShopperA] = a.Shopper;
        world._clients[Credential.ShopperB] = b.Shopper;
        world._clients[Credential.MerchantUserA] = await parties.PersonAsync("merchant-a@example.se", Roles.Merchant, merchant: a.Merchant);
        world._clients[Credential.MerchantKeyA] = merchantKeyA;
        world._clients[Credential.MerchantKeyB] = b.MerchantApi;
        world._clients[Credential.Agent] = await parties.PersonAsync("agent@example.se", Roles.Agent);
        world._clients[Credential.FraudSpecialist] = await parties.PersonAsync("fraud@example.se", Roles.FraudSpecialist);
        world._clients[Credential.Analyst] = await parties.PersonAsync("analyst@example.se", Roles.Analyst);
        world._clients[Credential.AdminUser] = await parties.PersonAsync("admin@example.se", Roles.Admin);
        world._clients[Credential.AdminKey] = await app.ClientWithKeyAsync(Scopes.Admin);
        world._clients[Credential.RevokedKey] = await RevokedKeyAsync(app);
        world._clients[Credential.KeyWithoutScope] = await app.ClientWithKeyAsync();
        world._clients[Credential.IngestKey] = await app.ClientWithKeyAsync(Scopes.Ingest);
        // A fraud case on A's order, opened by hand by the fraud specialist, who then holds it.
        ids["case"] = (await DisputeParties.CreatedAsync(await world._clients[Credential.FraudSpecialist].PostAsJsonAsync("/api/v1/fraud/cases",
            new { orderId = a.Order, summary = "Shipped to a known drop address" }))).GetProperty("id").GetGuid().ToString();
        return world;
    }

    /// <summary>A key with every scope, revoked.</summary>
    private static async Task<HttpClient> RevokedKeyAsync(OmbudTestApp app)
    {
        var (key, secret) = ApiKey.Create("revoked", [Scopes.Ingest, Scopes.Risk, Scopes.Admin], app.Clock.GetUtcNow().UtcDateTime);
        key.Revoke(app.Clock.GetUtcNow().UtcDateTime);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
        }

        var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}

