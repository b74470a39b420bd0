using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Disputes.Evidence;
using Ombud.Platform.Audit;
using Ombud.Platform.Auth;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Disputes.Http;

/// <summary>
/// The people and systems around one order, each with its own credentials as in production: the shopper signed in
/// with a cookie, the merchant's system with a key scoped to its merchant, and staff with an admin key.
/// </summary>
/// <remarks>
/// A sign-in cookie lasts hours and the tests move the clock by weeks: <see cref="ShopperAgainAsync"/> signs the shopper in
/// afresh, as a real shopper coming back weeks later would.
/// </remarks>
internal sealed record Shop(Guid Customer, Guid Merchant, Guid Order, HttpClient Shopper, HttpClient MerchantApi, Func<Task<HttpClient>> ShopperAgainAsync);

/// <summary>The disputes API as its three sides call it, over the product's own services for timers and the clock.</summary>
internal sealed class DisputeParties(OmbudTestApp app, DisputeDesk desk, HttpClient staff, HttpClient risk)
{
    public const string Shopper = "/api/v1/shopper/disputes";
    public const string Merchant = "/api/v1/merchant/disputes";
    public const string Staff = "/api/v1/staff/disputes";

    public OmbudTestApp App => app;

    public DisputeDesk Desk => desk;

    public HttpClient StaffApi => staff;

    public HttpClient RiskApi => risk;

    public static async Task<DisputeParties> OpenAsync(OmbudTestApp app) =>
        new(app, await DisputeDesk.OpenAsync(app), await app.ClientWithKeyAsync(Scopes.Admin), await app.ClientWithKeyAsync(Scopes.Risk));

    /// <summary>A new shopper (signed in) with one 400.00 SEK pay-in-4 order, its first instalment paid, at a new merchant (with a key).</summary>
    public async Task<Shop> ShopAsync(string market = "SE")
    {
        var (customer, order) = await desk.ShopperWithOrderAsync(market);
        var merchant = await app.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == order).Select(o => o.MerchantId).SingleAsync());
        var email = $"shopper-{customer:N}@example.se";
        await People.CreateAsync(app, email, Roles.Shopper, customerId: customer);
        return new Shop(customer, merchant, order, await SignInAsync(email), await app.ClientWithKeyAsync(Scopes.ForMerchant(merchant)), () => SignInAsync(email));
    }

    /// <summary>A new person in <paramref name="role"/> (speaking for <paramref name="merchant"/> if given), signed in.</summary>
    public async Task<HttpClient> PersonAsync(string email, string role, Guid? merchant = null)
    {
        await People.CreateAsync(app, email, role, merchantId: merchant);
        return await SignInAsync(email);
    }

    /// <summary>A browser session of the person with <paramref name="email"/>, signed in with the test password.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var session = new WebSession(app);
        var signedIn = await session.SignInAsync(email, People.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await session.SendPageTokenAsync();
        return session.Http;
    }

    public async Task<Guid> ReportAsync(Shop shop, DisputeReason reason)
    {
        var response = reason == DisputeReason.HighRiskPurchase
            ? await risk.PostAsJsonAsync("/api/v1/staff/high-risk", new { orderId = shop.Order, description = "Shipping address is a known drop" })
            : await shop.Shopper.PostAsJsonAsync(Shopper, new { orderId = shop.Order, reason = Camel(reason), description = "Something is wrong" });
        return (await CreatedAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>The shopper reports that goods did not arrive, disputing <paramref name="amount"/> of the order.</summary>
    public async Task<Guid> DisputeOnPartAsync(Shop shop, long amount) =>
        (await CreatedAsync(await shop.Shopper.PostAsJsonAsync(Shopper, new { orderId = shop.Order, reason = "goodsOrServiceNotReceived", amount })))
            .GetProperty("id").GetGuid();

    /// <summary>Past the store period, the way the timer will do it.</summary>
    public async Task EscalateAsync(Guid id)
    {
        var dispute = await desk.DisputeAsync(id);
        if (dispute.State == DisputeState.Reported)
        {
            desk.AdvancePast(dispute.StoreResolutionDeadline);
            await desk.DoAsync(s => s.EscalateAsync(id, DisputeActors.System, default));
        }
    }

    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Asserts a problem with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The message a problem gives for <paramref name="field"/>; fails when the problem does not name it.</summary>
    public static string FieldError(JsonElement problem, string field)
    {
        var messages = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var named) ? named : (JsonElement?)null;
        Assert.True(messages is not null, $"The problem does not name '{field}': {problem}");
        return messages.Value[0].GetString()!;
    }

    public static MultipartFormDataContent Form(IReadOnlyDictionary<string, string>? fields = null, params EvidenceSample[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.DeclaredType);
            form.Add(content, "files", file.Name);
        }

        return form;
    }

    /// <summary>What a refused request must have left alone: the dispute's steps and state, its files, the plan's hold.</summary>
    public async Task<(int Steps, DisputeState State, long Refund, int Files, long Held, int Refunds)> SnapshotAsync(Guid dispute, Guid order) =>
        await app.WithDbAsync(async db =>
        {
            var d = await db.Set<Dispute>().AsNoTracking().SingleAsync(x => x.Id == dispute);
            var files = await db.Set<EvidenceFile>().CountAsync(f => f.DisputeId == dispute);
            var plan = await db.Set<PaymentPlan>().AsNoTracking().SingleAsync(p => p.OrderId == order);
            var refunds = await db.Set<Refund>().CountAsync(r => r.OrderId == order);
            return (d.Transitions.Count, d.State, d.RefundMinor, files, plan.Held.Minor, refunds);
        });

    public Task<List<AuditEntry>> AuditAsync(Guid dispute, string action) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == $"dispute:{dispute}" && e.Action == action).ToListAsync());

    public static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
