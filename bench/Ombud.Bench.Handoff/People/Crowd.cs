using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ombud.Bench.Assistant.Chat;
using Ombud.Bench.Handoff.Load;
using Ombud.Bench.Ingest.Progress;

namespace Ombud.Bench.Handoff.People;

/// <summary>
/// Everyone taking part, made through the product's own doors: the accounts sign in as shoppers do; the first ones in
/// good standing apply to become agents (<c>/api/v1/agents/me/application</c>), an admin key certifies their skills,
/// they sign in again (now with the agent role), open the agent hub and go online. The others hand off.
/// </summary>
internal static class Crowd
{
    /// <summary>The skills a "Talk to a person" hand-off can need (by intent, or disputes for a shopper with one open), all certified.</summary>
    private static readonly string[] Skills = ["payments", "returns", "disputes"];

    private const int CertifiedLevel = 4;

    /// <summary>Sign-ins at once: each costs the server a password hash, which is the slow part on a small machine.</summary>
    private const int Parallelism = 4;

    public static async Task<List<Shopper>> SignInAsync(Uri baseUrl, IReadOnlyList<string> emails, string password, IProgressView progress, CancellationToken ct)
    {
        var shoppers = new ConcurrentBag<Shopper>();
        long done = 0;
        var work = Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (email, token) =>
        {
            var cookies = await ShopperSession.SignInAsync(baseUrl, email, password, token);
            shoppers.Add(ShopperDesk.SignedIn(email, cookies, baseUrl));
            Interlocked.Increment(ref done);
        });
        await progress.TrackAsync("signing in", emails.Count, () => Interlocked.Read(ref done), work.ContinueWith(t =>
        {
            t.GetAwaiter().GetResult();
            return 0L;
        }, TaskScheduler.Default));
        var byEmail = shoppers.ToDictionary(s => s.Email, StringComparer.OrdinalIgnoreCase);
        return [.. emails.Select(e => byEmail[e])];
    }

    /// <summary>
    /// Turns shoppers into <paramref name="count"/> online agents of the given capacity, taking them in order and
    /// skipping any not in good standing; returns the consoles and the shoppers left over.
    /// </summary>
    public static async Task<(List<AgentConsole> Agents, List<Shopper> Shoppers)> EnlistAsync(Uri baseUrl, string adminKey, string password,
        List<Shopper> candidates, int count, int capacity, ShopperDesk desk, HandoffLedger ledger, IProgressView progress, CancellationToken ct)
    {
        using var admin = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var agents = new List<AgentConsole>();
        var left = new List<Shopper>();
        var refusals = 0;
        foreach (var shopper in candidates)
        {
            if (agents.Count == count)
            {
                left.Add(shopper);
                continue;
            }

            var (agentId, failure) = await desk.ApplyAsAgentAsync(shopper, capacity, Skills, ct);
            if (agentId is not { } id)
            {
                // Not in good standing (an unpaid instalment, a fraud case): a shopper all the same.
                refusals++;
                left.Add(shopper);
                if (!failure!.StartsWith("409", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Applying as an agent failed for {shopper.Email}: {failure}");
                }

                continue;
            }

            foreach (var skill in Skills)
            {
                using var certified = await admin.PostAsJsonAsync($"api/v1/admin/agents/{id}/skills/{skill}/certification", new { level = CertifiedLevel }, ct);
                if (certified.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"Certifying {skill} failed: {(int)certified.StatusCode} {await certified.Content.ReadAsStringAsync(ct)}");
                }
            }

            // The cookie from before the application carries no agent role; a new sign-in does.
            var cookies = await ShopperSession.SignInAsync(baseUrl, shopper.Email, password, ct);
            var console = await AgentConsole.OpenAsync(baseUrl, cookies, ledger, ct);
            agents.Add(console);
            await console.GoOnlineAsync(ct);
            if (agents.Count % 10 == 0 || agents.Count == count)
            {
                progress.Note($"{agents.Count}/{count} agents online ({refusals} shoppers not in good standing stayed shoppers)");
            }
        }

        if (agents.Count < count)
        {
            throw new InvalidOperationException($"Only {agents.Count} of {count} agents could be enlisted: too few accounts in good standing.");
        }

        return (agents, left);
    }
}
