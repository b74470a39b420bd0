using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ombud.Disputes.Evidence;
using Ombud.Platform.Auth;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Platform.Privacy;

/// <summary>
/// A customer with a life in Ombud, made through the product's own API as it would happen: an order on pay in 4 with a
/// refund and payments, a signed-in account, a conversation with the assistant handed to a person, and a dispute with a
/// file of evidence that the shopper downloaded again. Every personal value is one nobody else in the database has, so
/// a search for it finds only this customer.
/// </summary>
internal sealed record DemoCustomer(Guid Id, Guid Order, Guid Dispute, Guid Conversation, HttpClient Shopper, DisputeParties Parties)
{
    public const string Name = "Ulrika Rosenqvist-Thal";
    public const string Email = "ulrika.rosenqvist@example.se";
    public const string Phone = "+46 70 999 88 77";
    public const string Street = "Rosenqvistgränd 7";
    public const string PostalCode = "987 65";
    public const string SignInEmail = "ulrika.signs.in@example.se";
    public const string Device = "device-ulrika-4711";
    public const string MessageText = "The parcel went to my neighbour Ingrid Blomqvist-Ek, please help";
    public const string Description = "The speaker hums; Ulrika Rosenqvist-Thal reporting";
    public const string EvidenceText = "Photo taken in Ulrikas hallway";
    public const string FileName = "ulrika-rosenqvist-kvitto.pdf";
    public const string RefundReason = "Goodwill for Ulrika Rosenqvist-Thal";

    /// <summary>What erasure must leave nowhere: the name, contact, address, device, and every text she wrote.</summary>
    public static readonly string[] Personal = [Name, "Rosenqvist", Email, Phone, Street, PostalCode, SignInEmail, Device, MessageText, "Blomqvist-Ek",
        Description, EvidenceText, FileName, RefundReason];

    /// <summary>The evidence file: a PDF that names her inside, as a real receipt would.</summary>
    public static readonly byte[] Receipt = Encoding.UTF8.GetBytes($"%PDF-1.7\n% Receipt for {Name}, {Street}, {PostalCode}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    public static async Task<DemoCustomer> CreateAsync(OmbudTestApp app)
    {
        var parties = await DisputeParties.OpenAsync(app);
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        var customerBody = Feed.Customer();
        (customerBody["name"], customerBody["email"], customerBody["phone"]) = (Name, Email, Phone);
        customerBody["address"] = Address();
        var customer = await feed.CreateAsync("customers", customerBody);
        var merchant = await feed.CreateAsync("merchants", Feed.Merchant());
        var orderBody = Feed.Order(customer, merchant, unitPrice: 35_100);
        (orderBody["email"], orderBody["deviceFingerprint"], orderBody["billingAddress"], orderBody["shippingAddress"]) = (Email, Device, Address(), Address());
        orderBody["phone"] = Phone;
        var order = await feed.CreateAsync("orders", orderBody);
        await feed.CreateAsync("payments", new() { ["orderId"] = order, ["amount"] = 10_000, ["currency"] = "SEK" });
        await feed.CreateAsync("refunds", new() { ["orderId"] = order, ["amount"] = 1_000, ["currency"] = "SEK", ["reason"] = RefundReason });

        await People.CreateAsync(app, SignInEmail, Roles.Shopper, customerId: customer);
        var shopper = await parties.SignInAsync(SignInEmail);

        var conversation = (await DisputeParties.CreatedAsync(await shopper.PostAsJsonAsync("/api/v1/assistant/conversations", new { })))
            .GetProperty("id").GetGuid();
        await DisputeParties.OkAsync(await shopper.PostAsJsonAsync($"/api/v1/assistant/conversations/{conversation}/messages",
            new { clientMessageId = "m1", text = MessageText }));
        await DisputeParties.OkAsync(await shopper.PostAsJsonAsync($"/api/v1/assistant/conversations/{conversation}/handoff", new { clientMessageId = "h1" }));

        var dispute = (await DisputeParties.CreatedAsync(await shopper.PostAsJsonAsync(DisputeParties.Shopper,
            new { orderId = order, reason = "defectiveOrNotAsDescribed", description = Description }))).GetProperty("id").GetGuid();
        await DisputeParties.CreatedAsync(await shopper.PostAsync($"{DisputeParties.Shopper}/{dispute}/information",
            DisputeParties.Form(new Dictionary<string, string> { ["text"] = EvidenceText }, new EvidenceSample(FileName, Receipt, "application/pdf"))));
        var files = (await DisputeParties.OkAsync(await shopper.GetAsync(new Uri($"{DisputeParties.Shopper}/{dispute}", UriKind.Relative)))).GetProperty("files");
        var download = await shopper.GetAsync(new Uri(files[0].GetProperty("download").GetString()!, UriKind.Relative));
        Assert.Equal(Receipt, await download.Content.ReadAsByteArrayAsync());
        return new DemoCustomer(customer, order, dispute, conversation, shopper, parties);
    }

    /// <summary>The shopper settles with the store (the dispute closes) and pays what is left: nothing stands in erasure's way.</summary>
    /// <param name="shopper">Her browser on <paramref name="app"/>, when it is another host than the one she was made on.</param>
    public async Task SettleAsync(OmbudTestApp app, HttpClient? shopper = null)
    {
        await DisputeParties.CreatedAsync(await (shopper ?? Shopper).PostAsJsonAsync($"{DisputeParties.Shopper}/{Dispute}/withdrawal", new { note = $"Sorted out, {Name}" }));
        var feed = new Feed(await app.ClientWithKeyAsync(Scopes.Ingest));
        await feed.CreateAsync("payments", new() { ["orderId"] = Order, ["amount"] = 29_000, ["currency"] = "SEK" });
    }

    private static JsonObject Address() => new()
    {
        ["line1"] = Street,
        ["city"] = "Uppsala",
        ["postalCode"] = PostalCode,
        ["country"] = "SE",
    };

    public static JsonElement Json(byte[] bytes) => JsonDocument.Parse(bytes).RootElement;
}
