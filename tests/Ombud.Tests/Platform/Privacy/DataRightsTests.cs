using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Commerce;
using Ombud.Conversations;
using Ombud.Disputes;
using Ombud.Disputes.Evidence;
using Ombud.Fraud.Cases;
using Ombud.Fraud.Scoring;
using Ombud.Platform.Auth;
using Ombud.Platform.Storage;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;
using Ombud.Tests.Web;

namespace Ombud.Tests.Platform.Privacy;

/// <summary>
/// The data rights, end to end: an admin exports a customer (every record the database has for them is in the archive),
/// erasure is refused while a dispute is open, then done; afterwards no text column of any table and no stored file
/// holds anything personal of hers, the money still adds up to the same, and the audit log shows both acts.
/// </summary>
public sealed class DataRightsTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Export_then_erase_a_customer_keeps_the_money_and_forgets_the_person(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var ulrika = await DemoCustomer.CreateAsync(app);
        var admin = await app.ClientWithKeyAsync(Scopes.Admin);
        var erasure = new Uri($"/api/v1/admin/customers/{ulrika.Id}/erasure", UriKind.Relative);

        var refused = await DisputeParties.ProblemAsync(await admin.PostAsync(erasure, null), HttpStatusCode.Conflict);
        Assert.Contains("open dispute", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("still owes", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ulrika.SettleAsync(app);
        var fraudCase = await OpenFraudCaseAsync(app, ulrika);
        var waits = await DisputeParties.ProblemAsync(await admin.PostAsync(erasure, null), HttpStatusCode.Conflict);
        Assert.Contains("unfinished fraud case", waits.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await CloseFraudCaseAsync(app, fraudCase);

        var export = await admin.GetAsync(new Uri($"/api/v1/admin/customers/{ulrika.Id}/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        await AssertArchiveHoldsEverythingAsync(app, ulrika, fraudCase, await export.Content.ReadAsByteArrayAsync());
        var own = await ulrika.Shopper.GetAsync(new Uri("/api/v1/shopper/data-export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(ulrika.Id, ArchiveDocument(await own.Content.ReadAsByteArrayAsync()).GetProperty("customerId").GetGuid());

        var moneyBefore = await MoneyAsync(app, ulrika.Id);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(erasure, null)).StatusCode);

        Assert.Empty(await PersonalTextLeftAsync(app));
        Assert.Equal(moneyBefore, await MoneyAsync(app, ulrika.Id));
        var acts = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Subject == $"customer:{ulrika.Id}").OrderBy(e => e.At).ToListAsync());
        Assert.Equal(["privacy.exported", "privacy.exported", "privacy.erased"], acts.Select(a => a.Action));
        Assert.StartsWith("apikey:", acts[0].Actor, StringComparison.Ordinal);
        Assert.StartsWith("user:", acts[1].Actor, StringComparison.Ordinal);
        Assert.Contains("disputes=", acts[2].Detail, StringComparison.Ordinal);

        // Her sign-in account is gone: the password no longer opens anything.
        var signIn = await new WebSession(app).SignInAsync(DemoCustomer.SignInEmail, People.Password);
        Assert.DoesNotContain("/shopper", signIn.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.CustomerId == ulrika.Id)));
    }

    /// <summary>A specialist opens a case on her order that names her, keeps her receipt as evidence and notes a link about her.</summary>
    private static async Task<Guid> OpenFraudCaseAsync(OmbudTestApp app, DemoCustomer ulrika)
    {
        var specialist = await People.CreateAsync(app, "fraud.privacy@provider.example", Roles.FraudSpecialist);
        using var browser = new WebSession(app);
        await browser.SignInAsync(specialist.Email!, People.Password);
        var opened = await DisputeParties.CreatedAsync(await browser.Http.PostAsJsonAsync("/api/v1/fraud/cases",
            new { orderId = ulrika.Order, summary = $"{DemoCustomer.Name} says a stranger used her account" }));
        var id = opened.GetProperty("id").GetGuid();
        await DisputeParties.OkAsync(await browser.Http.PostAsync(new Uri($"/api/v1/fraud/cases/{id}/start", UriKind.Relative), null));
        await DisputeParties.OkAsync(await browser.Http.PostAsJsonAsync($"/api/v1/fraud/cases/{id}/evidence",
            new { text = $"A post by {DemoCustomer.Name} about the parcel", link = "https://social.example/rosenqvist/post/1" }));
        // A file is kept from the case page, which hands the desk the checked upload.
        await using var scope = app.Services.CreateAsyncScope();
        var caller = Caller.Of(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, specialist.Id), new Claim(ClaimTypes.Role, Roles.FraudSpecialist)], "test")))!;
        var receipt = new EvidenceUpload(DemoCustomer.FileName, "application/pdf", DemoCustomer.Receipt.Length, Convert.ToHexStringLower(SHA256.HashData(DemoCustomer.Receipt)),
            DemoCustomer.Receipt);
        Assert.True((await scope.ServiceProvider.GetRequiredService<CaseDesk>().AddEvidenceAsync(id, $"Receipt {DemoCustomer.Name} sent", null, receipt, caller, default))
            .Succeeded);
        return id;
    }

    private static async Task CloseFraudCaseAsync(OmbudTestApp app, Guid id)
    {
        var specialist = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "fraud.privacy@provider.example"));
        using var browser = new WebSession(app);
        await browser.SignInAsync(specialist.Email!, People.Password);
        await DisputeParties.OkAsync(await browser.Http.PostAsJsonAsync($"/api/v1/fraud/cases/{id}/decision",
            new { liability = "notFraud", note = $"{DemoCustomer.Name} placed it herself" }));
        await DisputeParties.OkAsync(await browser.Http.PostAsync(new Uri($"/api/v1/fraud/cases/{id}/close", UriKind.Relative), null));
    }

    private static JsonElement ArchiveDocument(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var json = archive.GetEntry("customer.json")!.Open();
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>Each table's rows for the customer, read from the database, against the archive's sections and files.</summary>
    private static async Task AssertArchiveHoldsEverythingAsync(OmbudTestApp app, DemoCustomer ulrika, Guid fraudCase, byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        var sections = ArchiveDocument(zip).GetProperty("sections");
        List<Guid> Ids(string section) => [.. sections.GetProperty(section).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).Order()];

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(ulrika.Id, sections.GetProperty("commerce.customer").GetProperty("id").GetGuid());
            Assert.Equal(DemoCustomer.Name, sections.GetProperty("commerce.customer").GetProperty("name").GetString());
            Assert.Equal(await db.Set<Order>().Where(o => o.CustomerId == ulrika.Id).Select(o => o.Id).OrderBy(i => i).ToListAsync(), Ids("commerce.orders"));
            var order = sections.GetProperty("commerce.orders")[0];
            Assert.Equal(4, order.GetProperty("plan").GetProperty("instalments").GetArrayLength());
            Assert.Equal(DemoCustomer.Street, order.GetProperty("shippingAddress").GetProperty("line1").GetString());
            Assert.Equal(await db.Set<Payment>().Where(p => p.CustomerId == ulrika.Id).Select(p => p.Id).OrderBy(i => i).ToListAsync(), Ids("commerce.payments"));
            Assert.Equal(await db.Set<Refund>().Where(r => r.CustomerId == ulrika.Id).Select(r => r.Id).OrderBy(i => i).ToListAsync(), Ids("commerce.refunds"));
            Assert.Equal(await db.Set<Conversation>().Where(c => c.CustomerId == ulrika.Id).Select(c => c.Id).OrderBy(i => i).ToListAsync(), Ids("conversations.conversations"));
            var messages = await db.Set<ConversationMessage>().Where(m => m.ConversationId == ulrika.Conversation).Select(m => m.Text).ToListAsync();
            Assert.Equal(messages.Order(StringComparer.Ordinal),
                sections.GetProperty("conversations.messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!).Order(StringComparer.Ordinal));
            Assert.Contains(DemoCustomer.MessageText, messages);
            Assert.Equal(await db.Set<HandOff>().Where(h => h.CustomerId == ulrika.Id).Select(h => h.Id).OrderBy(i => i).ToListAsync(), Ids("conversations.handOffs"));
            Assert.Equal(await db.Set<Dispute>().Where(d => d.CustomerId == ulrika.Id).Select(d => d.Id).OrderBy(i => i).ToListAsync(), Ids("disputes.disputes"));
            var files = await db.Set<EvidenceFile>().Where(f => f.DisputeId == ulrika.Dispute).ToListAsync();
            Assert.Equal(files.Select(f => f.Id).Order(), Ids("disputes.evidenceFiles"));
            foreach (var file in files)
            {
                using var stored = new MemoryStream();
                await using (var entry = archive.GetEntry($"files/{file.StoredName}")!.Open())
                {
                    await entry.CopyToAsync(stored);
                }

                Assert.Equal(file.Content, stored.ToArray());
            }

            Assert.Equal([fraudCase], Ids("fraud.fraudCases"));
            Assert.Equal(await db.Set<CaseEntry>().Where(e => e.CaseId == fraudCase).Select(e => e.Id).OrderBy(i => i).ToListAsync(), Ids("fraud.fraudCaseEntries"));
            Assert.Equal(await db.Set<FraudDecision>().Where(d => d.CustomerId == ulrika.Id).Select(d => d.Id).OrderBy(i => i).ToListAsync(), Ids("fraud.riskDecisions"));
            var kept = sections.GetProperty("fraud.fraudCaseEntries").EnumerateArray().Single(e => e.GetProperty("path").ValueKind == JsonValueKind.String);
            using (var stored = new MemoryStream())
            {
                await using (var entry = archive.GetEntry(kept.GetProperty("path").GetString()!)!.Open())
                {
                    await entry.CopyToAsync(stored);
                }

                Assert.Equal(DemoCustomer.Receipt, stored.ToArray());
            }

            Assert.Equal(await db.Users.Where(u => u.CustomerId == ulrika.Id).Select(u => u.Id).ToListAsync(),
                sections.GetProperty("platform.accounts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
            var userSubjects = await db.Users.Where(u => u.CustomerId == ulrika.Id).Select(u => "user:" + u.Id).ToListAsync();
            var subjects = new List<string> { $"customer:{ulrika.Id}", $"dispute:{ulrika.Dispute}", $"conversation:{ulrika.Conversation}", $"fraud-case:{fraudCase}" }
                .Concat(userSubjects).ToList();
            // The export's own entry is written once the archive is: it cannot be in it.
            var audit = await db.AuditEntries.Where(e => subjects.Contains(e.Subject) && e.Action != "privacy.exported").Select(e => e.Id).OrderBy(i => i).ToListAsync();
            Assert.Equal(audit, Ids("platform.auditEntries"));
            Assert.Contains(sections.GetProperty("platform.auditEntries").EnumerateArray(), e => e.GetProperty("action").GetString() == "dispute.file-downloaded");
            return 0;
        });
    }

    /// <summary>Every text column of every table, and every stored file, searched for each of her personal values.</summary>
    private static Task<List<string>> PersonalTextLeftAsync(OmbudTestApp app) => app.WithDbAsync(async db =>
    {
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(store) is not { } column)
                {
                    continue;
                }

                if (property.ClrType == typeof(string))
                {
                    // Names come from the model, never from input; the value searched for is a parameter.
                    var count = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\" WHERE \"" + column + "\" LIKE {0}";
                    foreach (var value in DemoCustomer.Personal)
                    {
                        var hits = await db.Database.SqlQueryRaw<long>(count, $"%{value}%").SingleAsync();
                        if (hits > 0)
                        {
                            found.Add($"{table}.{column} holds '{value}'");
                        }
                    }
                }
                else if (property.ClrType == typeof(byte[]))
                {
                    var select = "SELECT \"" + column + "\" AS \"Value\" FROM \"" + table + "\" WHERE \"" + column + "\" IS NOT NULL";
                    var blobs = await db.Database.SqlQueryRaw<byte[]>(select).ToListAsync();
                    foreach (var value in DemoCustomer.Personal)
                    {
                        if (blobs.Any(b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0))
                        {
                            found.Add($"a file in {table}.{column} holds '{value}'");
                        }
                    }
                }
            }
        }

        return found;
    });

    /// <summary>What the ledger says: balances, and the sums of every amount of her plans, payments and refunds.</summary>
    private static async Task<string> MoneyAsync(OmbudTestApp app, Guid customer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var balances = await scope.ServiceProvider.GetRequiredService<CustomerAccounts>().BalancesAsync(customer, default);
        var db = scope.ServiceProvider.GetRequiredService<OmbudDb>();
        var plans = await db.Set<PaymentPlan>().AsNoTracking().Where(p => p.CustomerId == customer).ToListAsync();
        var orders = await db.Set<Order>().Where(o => o.CustomerId == customer).SumAsync(o => o.TotalMinor);
        var payments = await db.Set<Payment>().Where(p => p.CustomerId == customer).SumAsync(p => p.AmountMinor);
        var refunds = await db.Set<Refund>().Where(r => r.CustomerId == customer).SumAsync(r => r.AmountMinor);
        var disputes = await db.Set<Dispute>().Where(d => d.CustomerId == customer).SumAsync(d => d.DisputedMinor + d.RefundMinor);
        return string.Join("; ", balances.Select(b => $"{b.Outstanding} {b.Overdue} {b.Credit}"))
               + $"; plans {plans.Sum(p => p.PrincipalMinor)} {plans.Sum(p => p.Paid.Minor)} {plans.Sum(p => p.Outstanding.Minor)} {plans.Sum(p => p.RefundedMinor)}"
               + $"; orders {orders}; payments {payments}; refunds {refunds}; disputes {disputes}";
    }
}
